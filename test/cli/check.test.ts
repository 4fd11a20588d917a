// `numpy-views check` end to end (main() in-process): exit statuses, unreadable files, standard input, suppression,
// JSON and SARIF of real runs, and `--fix` (idempotent, still parses, leaves unsafe fixes unless asked).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { fixDocument, MAX_FIX_PASSES, PythonDocument } from "numpy-views-server/out/cli/source-document";
import type { Finding } from "numpy-views-server/out/rules/types";
import { engine } from "../support/engine";
import { checkJson, FLAGGED, runCli, sarifValidator, withTree } from "./helpers";

test("each snippet the issue names is flagged by its rule, at its line", () =>
  withTree({ "nv001.py": FLAGGED.NV001, "nv004.py": FLAGGED.NV004, "nv005.py": FLAGGED.NV005, "nv006.py": FLAGGED.NV006 }, async (dir) => {
    const { run, findings } = await checkJson([], { cwd: dir });
    assert.equal(run.status, 1);
    assert.deepEqual(
      findings.map((f) => `${String(f["file"])}:${String(f["line"])} ${String(f["code"])}`),
      ["nv001.py:4 NV001", "nv004.py:3 NV004", "nv005.py:3 NV005", "nv006.py:3 NV006"],
    );
  }));

test("exit status 0 and 'All checks passed!' when nothing is found", () =>
  withTree({ "clean.py": "import numpy as np\na = np.arange(3)\nb = a[[0, 1]]\nb[0] = 1\nprint(a, b)\n", "other.py": "print('no numpy')\n" }, async (dir) => {
    const run = await runCli(["check"], { cwd: dir });
    assert.equal(run.status, 0, run.out);
    assert.equal(run.out, "All checks passed!\n");
    assert.equal(run.err, "");
  }));

test("exit status 1 with findings; --exit-zero makes it 0; --quiet drops the summary", () =>
  withTree({ "m.py": FLAGGED.NV006 }, async (dir) => {
    const run = await runCli(["check", "m.py"], { cwd: dir });
    assert.equal(run.status, 1);
    assert.match(run.out, /^m\.py:3:1: NV006 .*\nFound 1 error\.\n$/);
    assert.equal((await runCli(["check", "--exit-zero"], { cwd: dir })).status, 0);
    const quiet = await runCli(["check", "-q"], { cwd: dir });
    assert.equal(quiet.out.split("\n").filter((l) => l !== "").length, 1);
  }));

test("a non-UTF-8 file is reported on stderr and skipped; the rest is still checked; exit 2", () =>
  withTree({ "latin1.py": new Uint8Array([0x78, 0x20, 0x3d, 0x20, 0x27, 0xe9, 0x27, 0x0a]), "m.py": FLAGGED.NV006 }, async (dir) => {
    const { run, findings } = await checkJson([], { cwd: dir });
    assert.equal(run.status, 2);
    assert.equal(run.err, "numpy-views: latin1.py: not valid UTF-8; not checked\n");
    assert.deepEqual(
      findings.map((f) => f["file"]),
      ["m.py"],
    );
    const text = await runCli(["check", "--exit-zero"], { cwd: dir });
    assert.equal(text.status, 2, "--exit-zero does not hide files that could not be checked");
  }));

test("a path that does not exist: reported, exit 2", () =>
  withTree({ "m.py": "" }, async (dir) => {
    const run = await runCli(["check", "nope.py", "m.py"], { cwd: dir });
    assert.equal(run.status, 2);
    assert.equal(run.err, "numpy-views: nope.py: no such file or directory\n");
    assert.equal(run.out, "All checks passed!\n");
  }));

test("a UTF-8 file with a BOM is checked, and --fix keeps the BOM and CRLF line ends", () =>
  withTree({ "bom.py": "\uFEFF" + FLAGGED.NV004_FIXABLE.replace(/\n/g, "\r\n") }, async (dir) => {
    const run = await runCli(["check", "--fix"], { cwd: dir });
    assert.equal(run.status, 0, run.out + run.err);
    assert.equal(readFileSync(path.join(dir, "bom.py"), "utf8"), "\uFEFF" + FLAGGED.NV004_FIXABLE.replace("[:] = 5", " = 5").replace(/\n/g, "\r\n"));
  }));

test("# noqa suppresses on the reported line (a code list or bare)", () =>
  withTree(
    {
      "m.py": "import numpy as np\na = np.arange(10)\na[[0, 1]][0] = 5  # noqa: NV004\na[[0, 1]][0] = 6  # noqa\na[[0, 1]][0] = 7  # noqa: NV001\n",
    },
    async (dir) => {
      const { findings } = await checkJson([], { cwd: dir });
      assert.deepEqual(
        findings.map((f) => f["line"]),
        [5],
      );
    },
  ));

test("--select and --ignore on the command line", () =>
  withTree({ "m.py": FLAGGED.NV004 + FLAGGED.NV006.replace("import numpy as np\n", "") }, async (dir) => {
    const codes = async (...args: string[]) => (await checkJson(args, { cwd: dir })).findings.map((f) => f["code"]);
    assert.deepEqual(await codes(), ["NV004", "NV006"]);
    assert.deepEqual(await codes("--select", "NV006"), ["NV006"]);
    assert.deepEqual(await codes("--ignore", "NV006"), ["NV004"]);
    assert.deepEqual(await codes("--select", "NV00", "--ignore", "NV004"), ["NV006"]);
  }));

test("standard input: '-' with --stdin-filename names the file; --fix prints the fixed source", async () => {
  const { run, findings } = await checkJson(["--stdin-filename", "pkg/mod.py", "-"], { stdin: FLAGGED.NV004 });
  assert.equal(run.status, 1);
  assert.deepEqual(
    findings.map((f) => [f["file"], f["code"], f["line"]]),
    [["pkg/mod.py", "NV004", 3]],
  );
  const fixed = await runCli(["check", "--fix", "-"], { stdin: FLAGGED.NV004_FIXABLE });
  assert.equal(fixed.status, 0);
  assert.equal(fixed.out, FLAGGED.NV004_FIXABLE.replace("[:] = 5", " = 5"));
  assert.match(fixed.err, /Found 1 error \(1 fixed, 0 remaining\)/);
  assert.equal((await runCli(["check", "-", "m.py"])).status, 2);
});

test("--format sarif of a real run is valid SARIF 2.1.0", () =>
  withTree({ "m.py": FLAGGED.NV004_FIXABLE + FLAGGED.NV006.replace("import numpy as np\n", ""), "bad.py": new Uint8Array([0xff]) }, async (dir) => {
    const run = await runCli(["check", "--format", "sarif"], { cwd: dir });
    assert.equal(run.status, 2);
    const log = JSON.parse(run.out) as { runs: { results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[] };
    const validate = sarifValidator();
    assert.ok(validate(log), JSON.stringify(validate.errors, null, 2));
    assert.deepEqual(
      log.runs[0]?.results.map((r) => [r.ruleId, r.locations[0]?.physicalLocation.artifactLocation.uri]),
      [
        ["NV004", "m.py"],
        ["NV006", "m.py"],
      ],
    );
  }));

test("--fix applies safe fixes only, is idempotent, and the result parses and no longer has the fixed findings", () =>
  withTree({ "m.py": FLAGGED.NV004_FIXABLE + "c = (a + 1).copy()\n" + FLAGGED.NV001.replace("import numpy as np\n", "") }, async (dir) => {
    const file = path.join(dir, "m.py");
    const before = await checkJson([], { cwd: dir });
    assert.deepEqual(
      before.findings.map((f) => [f["code"], (f["fix"] as { safety: string } | null)?.safety]),
      [
        ["NV004", "safe"],
        ["NV005", "safe"],
        ["NV001", "unsafe"],
      ],
    );
    const run = await runCli(["check", "--fix"], { cwd: dir });
    assert.equal(run.status, 1);
    assert.match(
      run.out,
      /Found 3 errors \(2 fixed, 1 remaining\)\.\nNo fixes available \(1 hidden fix can be enabled with the `--unsafe-fixes` option\)\.\n$/,
    );
    const once = readFileSync(file, "utf8");
    assert.ok(once.includes("a[[0, 1]] = 5\n") && !once.includes(".copy()"), once);
    const analysis = (await engine()).analyzeSource(once, { allBindings: true });
    assert.equal(analysis.syntaxErrors.length, 0);
    const after = await checkJson([], { cwd: dir });
    assert.deepEqual(
      after.findings.map((f) => f["code"]),
      ["NV001"],
    );
    await runCli(["check", "--fix"], { cwd: dir });
    assert.equal(readFileSync(file, "utf8"), once, "a second --fix changes nothing");
    const unsafe = await runCli(["check", "--fix", "--unsafe-fixes"], { cwd: dir });
    assert.equal(unsafe.status, 0, unsafe.out);
    assert.ok(readFileSync(file, "utf8").includes("return x[:, 100].copy()"));
  }));

function synthetic(start: number, end: number, newText: string): Finding {
  return {
    code: "NV004",
    rule: "assignment-to-copy",
    severity: "warning",
    message: "m",
    span: { start, end },
    related: [],
    fix: { message: "f", safety: "safe", edits: [{ span: { start, end }, newText }] },
    unnecessary: false,
  };
}

test("fix loop: a pass that breaks the syntax is undone", async () => {
  const eng = await engine();
  const text = "import numpy as np\nx = 1\n";
  const result = fixDocument({
    document: new PythonDocument(text),
    unsafe: false,
    check: (t) => ({
      findings: t.includes("x = 1") ? [synthetic(t.indexOf("x = 1"), t.indexOf("x = 1") + 5, "x = (")] : [],
      syntaxErrors: () => eng.analyzeSource(t, { allBindings: true }).syntaxErrors.length,
    }),
  });
  assert.equal(result.reverted, true);
  assert.equal(result.applied, 0);
  assert.equal(result.document.text, text);
});

test("fix loop: repeats while fixes apply, stopping after MAX_FIX_PASSES", () => {
  let checks = 0;
  const result = fixDocument({
    document: new PythonDocument("x"),
    unsafe: false,
    check: (t) => {
      checks++;
      return { findings: [synthetic(t.length, t.length, "x")], syntaxErrors: () => 0 };
    },
  });
  assert.equal(result.applied, MAX_FIX_PASSES);
  assert.equal(result.document.text, "x".repeat(MAX_FIX_PASSES + 1));
  assert.equal(checks, MAX_FIX_PASSES + 1);
});
