// Checks the NumPy claim behind every marker of the rule fixtures by running them under real NumPy
// (test/rules/verify_fixtures.py): a `# flags: CODE` line must do what the rule says, an `# ok` line must not.
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { RULES } from "numpy-views-server/out/rules/registry";
import { REPO_ROOT } from "../support/engine";
import { PythonUnavailableError, runPython } from "../support/python";

const FIXTURES = path.join("test", "rules", "fixtures");
const SCRIPT = path.join("test", "rules", "verify_fixtures.py");

/** One marker as verify_fixtures.py judged it; `verified: null` means it could not be checked (`detail` says why). */
interface MarkerRecord {
  readonly file: string;
  readonly line: number;
  readonly rule: string;
  readonly marker: "flags" | "ok";
  readonly source: string;
  readonly verified: boolean | null;
  readonly detail: string;
}

interface Report {
  readonly numpy: string;
  readonly python: string;
  readonly files: Record<string, { readonly errors: string[] }>;
  readonly markers: MarkerRecord[];
}

/** A marker that NumPy contradicts where the fixture, not the rule, is at fault. */
interface KnownDisagreement {
  readonly file: string;
  readonly line: number;
  readonly rule: string;
  /** The code on the line, without its marker comment: once the line is fixed the entry no longer matches. */
  readonly source: string;
  readonly reason: string;
}

/** Fixture lines NumPy disagrees with, reported to the lead; remove an entry once its fixture line is fixed. */
const KNOWN_DISAGREEMENTS: readonly KnownDisagreement[] = [];

/**
 * Share of each rule's markers, per kind, that must be verified (known disagreements and unverifiable markers
 * count against it), so that the test cannot pass by skipping; and at least one of each kind.
 */
const MIN_VERIFIED_SHARE: Record<MarkerRecord["marker"], number> = { flags: 0.8, ok: 0.5 };

const fixtureFiles = readdirSync(path.join(REPO_ROOT, FIXTURES))
  .filter((f) => /^nv\d{3}\.py$/.test(f))
  .sort()
  .map((f) => path.join(FIXTURES, f));

let cached: Report | null | undefined;

/** Runs verify_fixtures.py once; null (with a loud message) when python3 or NumPy is missing. */
function report(): Report | null {
  if (cached !== undefined) return cached;
  const code = [
    "import os, runpy, sys",
    `os.chdir(${JSON.stringify(REPO_ROOT)})`,
    `sys.argv = ${JSON.stringify([SCRIPT, ...fixtureFiles])}`,
    `runpy.run_path(${JSON.stringify(SCRIPT)}, run_name="__main__")`,
  ].join("\n");
  try {
    cached = JSON.parse(runPython(code)) as Report;
  } catch (e) {
    if (!(e instanceof PythonUnavailableError)) throw e;
    console.error(`*** SKIPPING the rule fixtures' NumPy check: ${e.message} ***`);
    cached = null;
  }
  return cached;
}

/** The markers of a fixture text, read as rules.test.ts reads them: `file:line:CODE:kind`. */
function markerKeys(file: string, ownRule: string): string[] {
  const keys: string[] = [];
  readFileSync(path.join(REPO_ROOT, file), "utf8")
    .split("\n")
    .forEach((line, i) => {
      const m = /#\s*flags:\s*([A-Z0-9, ]+)$/.exec(line);
      for (const code of m?.[1]?.split(/[ ,]+/).filter(Boolean) ?? []) keys.push(`${file}:${i + 1}:${code}:flags`);
      if (/#\s*ok\s*$/.test(line)) keys.push(`${file}:${i + 1}:${ownRule}:ok`);
    });
  return keys;
}

function knownFor(r: MarkerRecord): KnownDisagreement | undefined {
  return KNOWN_DISAGREEMENTS.find((k) => k.file === path.basename(r.file) && k.line === r.line && k.rule === r.rule && k.source === r.source);
}

const where = (r: MarkerRecord) => `${path.basename(r.file)}:${r.line} [${r.marker}${r.marker === "flags" ? ` ${r.rule}` : ""}] ${r.source}`;

test("rule fixtures under real NumPy: every fixture runs and every marker is judged", (t) => {
  const truth = report();
  if (truth === null) return t.skip("python3 with NumPy is not installed");
  for (const file of fixtureFiles) assert.deepEqual(truth.files[file]?.errors, [], `${file} failed under NumPy ${truth.numpy}`);
  const expected = fixtureFiles.flatMap((f) => markerKeys(f, path.basename(f, ".py").toUpperCase())).sort();
  const judged = truth.markers.map((r) => `${r.file}:${r.line}:${r.rule}:${r.marker}`).sort();
  assert.deepEqual(judged, expected, "verify_fixtures.py must judge every marker exactly once");
  for (const k of KNOWN_DISAGREEMENTS) {
    const r = truth.markers.find((m) => knownFor(m) === k);
    if (r === undefined || r.verified !== false) {
      console.warn(
        `*** stale KNOWN_DISAGREEMENTS entry ${k.file}:${k.line} ${k.rule}: ${r === undefined ? "no such marker line any more" : "it now verifies"}; remove it ***`,
      );
    }
  }
  return undefined;
});

for (const rule of RULES) {
  test(`${rule.code} ${rule.name}: the fixtures' markers agree with real NumPy`, (t) => {
    const truth = report();
    if (truth === null) return t.skip("python3 with NumPy is not installed");
    const mine = truth.markers.filter((r) => r.rule === rule.code);
    const wrong = mine.filter((r) => r.verified === false && knownFor(r) === undefined).map((r) => `${where(r)}: ${r.detail}`);
    const lines: string[] = [];
    for (const kind of ["flags", "ok"] as const) {
      const all = mine.filter((r) => r.marker === kind);
      const verified = all.filter((r) => r.verified === true).length;
      const skipped = all.filter((r) => r.verified === null);
      const known = all.filter((r) => r.verified === false && knownFor(r) !== undefined);
      lines.push(`  ${kind}: ${verified}/${all.length} verified, ${skipped.length} skipped, ${known.length} known disagreement(s)`);
      for (const r of skipped) lines.push(`    skipped ${where(r)}: ${r.detail}`);
      for (const r of known) lines.push(`    KNOWN ${where(r)}: ${r.detail}\n      (${knownFor(r)?.reason})`);
      const minimum = Math.max(1, Math.ceil(MIN_VERIFIED_SHARE[kind] * all.length));
      assert.ok(
        verified >= minimum,
        `${rule.code}: only ${verified} of ${all.length} "${kind}" markers verified under NumPy, at least ${minimum} required:\n${lines.join("\n")}`,
      );
    }
    console.log(`${rule.code} ${rule.name} (NumPy ${truth.numpy}):\n${lines.join("\n")}`);
    assert.deepEqual(wrong, [], `${rule.code}: markers contradicted by real NumPy`);
    return undefined;
  });
}
