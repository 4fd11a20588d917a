// Each rule against its fixtures: flagged lines carry `# flags: CODE`, lines that must stay quiet carry `# ok`,
// and no other line may be flagged. Every fix must leave code that parses and that the rule no longer flags there.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { applyFixes, checkText } from "numpy-views-server/out/rules/check";
import { RULES } from "numpy-views-server/out/rules/registry";
import { DEFAULT_OPTIONS, type Finding } from "numpy-views-server/out/rules/types";
import { engine, REPO_ROOT } from "../support/engine";

const FIXTURES = path.join(REPO_ROOT, "test", "rules", "fixtures");

interface Expectations {
  readonly flagged: Map<number, string[]>;
  readonly quiet: Set<number>;
}

function expectations(text: string): Expectations {
  const flagged = new Map<number, string[]>();
  const quiet = new Set<number>();
  text.split("\n").forEach((line, i) => {
    const m = /#\s*flags:\s*([A-Z0-9, ]+)$/.exec(line);
    if (m?.[1] !== undefined) flagged.set(i + 1, m[1].split(/[ ,]+/).filter(Boolean).sort());
    if (/#\s*ok\s*$/.test(line)) quiet.add(i + 1);
  });
  return { flagged, quiet };
}

function byLine(findings: readonly Finding[], lineOf: (offset: number) => number): Map<number, string[]> {
  const out = new Map<number, string[]>();
  for (const f of findings) {
    const line = lineOf(f.span.start);
    out.set(line, [...(out.get(line) ?? []), f.code].sort());
  }
  return out;
}

for (const rule of RULES) {
  const file = path.join(FIXTURES, `${rule.code.toLowerCase()}.py`);

  test(`${rule.code} ${rule.name}: flags exactly the marked lines of its fixture`, async () => {
    const text = readFileSync(file, "utf8");
    const { flagged, quiet } = expectations(text);
    assert.ok(
      [...flagged.values()].some((codes) => codes.includes(rule.code)),
      `${rule.code} fixture has no positive case`,
    );
    assert.ok(quiet.size >= 2, `${rule.code} fixture needs negative cases`);
    const { findings, analysis } = checkText(await engine(), text);
    const actual = byLine(findings, (o) => analysis.lines.position(o).line + 1);
    for (const [line, codes] of flagged) assert.deepEqual(actual.get(line) ?? [], codes, `line ${line}: ${text.split("\n")[line - 1]?.trim()}`);
    for (const line of quiet) assert.deepEqual(actual.get(line) ?? [], [], `line ${line} must stay quiet: ${text.split("\n")[line - 1]?.trim()}`);
    for (const [line, codes] of actual) assert.ok(flagged.has(line), `unexpected ${codes.join(", ")} on line ${line}: ${text.split("\n")[line - 1]?.trim()}`);
  });

  test(`${rule.code} ${rule.name}: every fix parses and removes its finding`, async () => {
    const text = readFileSync(file, "utf8");
    const eng = await engine();
    const { findings } = checkText(eng, text);
    const fixable = findings.filter((f) => f.code === rule.code && f.fix !== null);
    if (rule.fix === null) {
      assert.equal(fixable.length, 0, `${rule.code} has no fix in its metadata but a finding offers one`);
      return;
    }
    assert.ok(fixable.length > 0, `${rule.code} fixture has no fixable finding`);
    for (const f of fixable) {
      assert.equal(f.fix?.safety, rule.fix.safety, `${rule.code}: fix safety must match the metadata`);
      const fixed = applyFixes(text, [f.fix ?? { message: "", safety: "safe", edits: [] }]);
      assert.equal(fixed.applied, 1);
      const after = checkText(eng, fixed.text);
      assert.deepEqual(after.analysis.syntaxErrors, [], `fix of line ${f.span.start} does not parse:\n${fixed.text}`);
      const before = findings.filter((g) => g.code === rule.code).length;
      const left = after.findings.filter((g) => g.code === rule.code).length;
      assert.ok(left < before, `fix "${f.fix?.message}" did not remove its ${rule.code} finding`);
    }
  });
}

test("fixes: applying every fix repeatedly converges and leaves no fixable finding", async () => {
  const eng = await engine();
  for (const rule of RULES) {
    let text = readFileSync(path.join(FIXTURES, `${rule.code.toLowerCase()}.py`), "utf8");
    for (let round = 0; round < 5; round++) {
      const fixes = checkText(eng, text).findings.flatMap((f) => (f.fix === null ? [] : [f.fix]));
      if (fixes.length === 0) break;
      text = applyFixes(text, fixes).text;
    }
    const after = checkText(eng, text);
    assert.deepEqual(after.analysis.syntaxErrors, []);
    assert.deepEqual(
      after.findings.filter((f) => f.fix !== null).map((f) => `${f.code}: ${f.message}`),
      [],
      `${rule.code} fixture still has fixable findings after fixing`,
    );
  }
});

test("the examples quoted in the rule metadata behave as documented", async () => {
  const eng = await engine();
  for (const rule of RULES) {
    const prelude = "import numpy as np\nmask = None\nv = np.arange(4)\na = np.arange(10)\nmask = a > 3\n";
    const bad = checkText(eng, prelude + rule.bad).findings.map((f) => f.code);
    const good = checkText(eng, prelude + rule.good).findings.map((f) => f.code);
    assert.ok(bad.includes(rule.code), `${rule.code}: the bad example is not flagged (${bad.join(", ")})`);
    assert.ok(!good.includes(rule.code), `${rule.code}: the good example is flagged`);
  }
});

test("options: select, ignore, severity overrides and the size threshold", async () => {
  const eng = await engine();
  const text = "import numpy as np\nhuge = np.zeros(1_000_000)\ntiny = huge[:10]\ndel huge\n";
  const codes = (o: Partial<typeof DEFAULT_OPTIONS>) => checkText(eng, text, { ...DEFAULT_OPTIONS, ...o }).findings.map((f) => `${f.code}:${f.severity}`);
  assert.deepEqual(codes({}), ["NV001:warning", "NV002:warning"]);
  assert.deepEqual(codes({ select: ["NV002"] }), ["NV002:warning"]);
  assert.deepEqual(codes({ ignore: ["NV00"] }), []);
  assert.deepEqual(codes({ severity: { NV001: "error", NV002: "off" } }), ["NV001:error"]);
  assert.deepEqual(codes({ thresholdBytes: 100_000_000 }), ["NV002:warning"]);
});

test("noqa: a bare noqa and a matching code suppress; another code does not", async () => {
  const eng = await engine();
  const base = "import numpy as np\na = np.arange(10)\n";
  const count = (line: string) => checkText(eng, base + line + "\n");
  assert.equal(count("a[[0, 1]][0] = 5").findings.length, 1);
  assert.equal(count("a[[0, 1]][0] = 5  # noqa").findings.length, 0);
  assert.equal(count("a[[0, 1]][0] = 5  # noqa: NV004").suppressed, 1);
  assert.equal(count("a[[0, 1]][0] = 5  # noqa: NV001, NV004").findings.length, 0);
  assert.equal(count("a[[0, 1]][0] = 5  # noqa: NV001").findings.length, 1);
});

test("files that do not use NumPy, and half-typed files, give no findings and never throw", async () => {
  const eng = await engine();
  assert.deepEqual(checkText(eng, "x = [1, 2]\nx[0] = 3\n").findings, []);
  const text = readFileSync(path.join(FIXTURES, "nv004.py"), "utf8");
  for (let cut = 0; cut <= text.length; cut += 7) checkText(eng, text.slice(0, cut));
});
