// The renderers, on synthetic findings: positions (1-based, code points, notebook cells), text, JSON and SARIF
// (validated against the official SARIF 2.1.0 schema).
import assert from "node:assert/strict";
import path from "node:path";
import { test } from "node:test";
import { locateFinding, renderJson, renderSarif, renderText, type CliFinding, type RunSummary } from "numpy-views-server/out/cli/formats";
import { NotebookDocument, PythonDocument } from "numpy-views-server/out/cli/source-document";
import { RULES } from "numpy-views-server/out/rules/registry";
import type { Finding, Fix } from "numpy-views-server/out/rules/types";
import { REPO_ROOT } from "../support/engine";
import { notebookJson, sarifValidator } from "./helpers";

const CWD = path.join(REPO_ROOT, "test", "fixtures", "cli");

function finding(code: Finding["code"], start: number, end: number, fix: Fix | null = null): Finding {
  const meta = RULES.find((r) => r.code === code);
  assert.ok(meta);
  return {
    code,
    rule: meta.name,
    severity: meta.defaultSeverity,
    message: `${meta.summary} (${code})`,
    span: { start, end },
    related: [],
    fix,
    unnecessary: false,
  };
}

function locatePython(text: string, findings: Finding[], file = "pkg/mod.py"): CliFinding[] {
  const locator = new PythonDocument(text).locator;
  return findings.map((f) => locateFinding(f, { file, absolutePath: path.join(CWD, file), locator }));
}

const SOURCE = "import numpy as np\nπ = 'é😀'; a[[0, 1]][:] = 5\n";
const AT = SOURCE.indexOf("a[[");
const SAFE_FIX: Fix = { message: "Index the array once", safety: "safe", edits: [{ span: { start: AT + 9, end: AT + 12 }, newText: "" }] };
const UNSAFE_FIX: Fix = { message: "Append .copy()", safety: "unsafe", edits: [{ span: { start: AT, end: AT }, newText: "" }] };

const SUMMARY: RunSummary = { files: 2, notebooks: 0, seconds: 0.5, fixed: 0, fixMode: false, unsafeFixes: false };
const TEXT = { quiet: false, statistics: false, verbose: false };
const textOf = (findings: readonly CliFinding[], summary: RunSummary, options: typeof TEXT) => renderText(findings, { ...options, summary });

test("positions are 1-based lines and columns counted in code points (not UTF-16 units)", () => {
  const [f] = locatePython(SOURCE, [finding("NV004", AT, AT + 16, SAFE_FIX)]);
  assert.ok(f);
  // "π = 'é😀'; " is 10 code points (11 UTF-16 units: the emoji is a surrogate pair).
  assert.deepEqual([f.line, f.column, f.endLine, f.endColumn], [2, 11, 2, 27]);
  assert.deepEqual(f.fix?.edits, [{ line: 2, column: 20, endLine: 2, endColumn: 23, newText: "" }]);
  assert.equal(f.cell, null);
  assert.equal(f.lineText, "π = 'é😀'; a[[0, 1]][:] = 5");
});

test("text: path:line:col: CODE message, [*] on fixable findings, and Ruff's summary lines", () => {
  const findings = locatePython(SOURCE, [finding("NV004", AT, AT + 16, SAFE_FIX), finding("NV001", 0, 6, UNSAFE_FIX), finding("NV006", AT, AT + 1)]);
  const text = textOf(findings, SUMMARY, TEXT);
  assert.equal(
    text,
    [
      "pkg/mod.py:2:11: NV004 [*] A write into a temporary copy has no effect. (NV004)",
      "pkg/mod.py:1:1: NV001 A small view keeps a large base array alive. (NV001)",
      "pkg/mod.py:2:11: NV006 A write into a read-only array raises `ValueError` at run time. (NV006)",
      "Found 3 errors.",
      "[*] 1 fixable with the `--fix` option (1 hidden fix can be enabled with the `--unsafe-fixes` option).",
      "",
    ].join("\n"),
  );
  const unsafe = textOf(findings, { ...SUMMARY, unsafeFixes: true }, TEXT);
  assert.match(unsafe, /NV001 \[\*\] /);
  assert.match(unsafe, /\n\[\*\] 2 fixable with the `--fix` option\.\n$/);
});

test("text: all clear, one error, fixed counts, quiet and verbose", () => {
  assert.equal(textOf([], SUMMARY, TEXT), "All checks passed!\n");
  const one = locatePython(SOURCE, [finding("NV006", AT, AT + 1)]);
  assert.match(textOf(one, SUMMARY, TEXT), /\nFound 1 error\.\n$/);
  assert.match(textOf(one, { ...SUMMARY, fixMode: true, fixed: 2 }, TEXT), /\nFound 3 errors \(2 fixed, 1 remaining\)\.\n$/);
  assert.equal(textOf(one, SUMMARY, { ...TEXT, quiet: true }).split("\n").length, 2);
  assert.equal(textOf([], SUMMARY, { ...TEXT, quiet: true }), "");
  assert.match(textOf(one, SUMMARY, { ...TEXT, verbose: true }), /\nChecked 2 files in 0\.50s\.\n$/);
  const hiddenOnly = locatePython(SOURCE, [finding("NV001", 0, 6, UNSAFE_FIX)]);
  assert.match(textOf(hiddenOnly, SUMMARY, TEXT), /\nNo fixes available \(1 hidden fix can be enabled with the `--unsafe-fixes` option\)\.\n$/);
});

test("text --statistics: counts per rule, then the files and time", () => {
  const findings = locatePython(SOURCE, [finding("NV006", AT, AT + 1), finding("NV004", AT, AT + 16, SAFE_FIX), finding("NV006", 0, 1)]);
  const lines = textOf(findings, { ...SUMMARY, files: 1, notebooks: 1 }, { ...TEXT, statistics: true })
    .trimEnd()
    .split("\n");
  assert.deepEqual(lines, [
    "2\tNV006\treadonly-write",
    "1\tNV004\t[*] assignment-to-copy",
    "Found 3 errors.",
    "[*] 1 fixable with the `--fix` option.",
    "Checked 1 file (1 notebook) in 0.50s.",
  ]);
});

test("json: an array of findings with exactly the documented keys", () => {
  const json = JSON.parse(renderJson(locatePython(SOURCE, [finding("NV004", AT, AT + 16, SAFE_FIX), finding("NV006", AT, AT + 1)]))) as Record<
    string,
    unknown
  >[];
  assert.equal(json.length, 2);
  assert.deepEqual(json[0], {
    code: "NV004",
    rule: "assignment-to-copy",
    severity: "warning",
    message: "A write into a temporary copy has no effect. (NV004)",
    file: "pkg/mod.py",
    cell: null,
    line: 2,
    column: 11,
    endLine: 2,
    endColumn: 27,
    fix: { message: "Index the array once", safety: "safe", edits: [{ line: 2, column: 20, endLine: 2, endColumn: 23, newText: "" }] },
  });
  assert.equal(json[1]?.["fix"], null);
  assert.equal(renderJson([]), "[]\n");
});

test("notebooks: findings name the cell (1-based among all cells) and the line and column inside it", () => {
  const json = notebookJson([
    { type: "markdown", source: "# Title\n" },
    { type: "code", source: "import numpy as np\na = np.arange(10)\n" },
    { type: "markdown", source: "text" },
    { type: "code", source: "%matplotlib inline\nb = a[[0]]\nb[0] = 1" },
  ]);
  const doc = NotebookDocument.parse(json);
  const offset = doc.text.indexOf("b[0] = 1");
  assert.ok(offset > 0);
  const [f] = [finding("NV004", offset, offset + 4)].map((x) =>
    locateFinding(x, { file: "nb.ipynb", absolutePath: path.join(CWD, "nb.ipynb"), locator: doc.locator }),
  );
  assert.ok(f);
  assert.deepEqual([f.cell, f.line, f.column, f.endLine, f.endColumn], [4, 3, 1, 3, 5]);
  assert.equal(f.lineText, "b[0] = 1");
  // The JSON line that holds "b[0] = 1" in the notebook file, for viewers of the raw file (SARIF).
  const storedLine = json.split("\n").findIndex((l) => l.includes('"b[0] = 1"')) + 1;
  assert.deepEqual(f.storedLines, { startLine: storedLine, endLine: storedLine });
  assert.match(textOf([f], SUMMARY, TEXT), /^nb\.ipynb:cell 4:3:1: NV004 /);
  assert.equal((JSON.parse(renderJson([f])) as Record<string, unknown>[])[0]?.["cell"], 4);
});

const validateSarif = sarifValidator();

test("the schema validator rejects what is not SARIF (so passing means something)", () => {
  assert.equal(validateSarif({ version: "2.1.0", runs: [{ tool: { driver: {} } }] }), false);
  assert.equal(validateSarif({ version: "2.0.0", runs: [] }), false);
  assert.equal(validateSarif({ version: "2.1.0", runs: [{ tool: { driver: { name: "x" } }, results: [{ message: { text: "m" }, level: "fatal" }] }] }), false);
});

test("sarif: valid SARIF 2.1.0 with rules, results, relative URIs, regions and fingerprints", () => {
  const python = locatePython(
    SOURCE,
    [finding("NV004", AT, AT + 16, SAFE_FIX), finding("NV001", 0, 6, UNSAFE_FIX), finding("NV003", AT, AT + 1)],
    "pkg/my mod.py",
  );
  const nb = NotebookDocument.parse(notebookJson([{ type: "code", source: "import numpy as np\nb = 1\n" }]));
  const notebook = [finding("NV006", nb.text.indexOf("b = 1"), nb.text.indexOf("b = 1") + 1)].map((f) =>
    locateFinding(f, { file: "nb.ipynb", absolutePath: path.join(CWD, "nb.ipynb"), locator: nb.locator }),
  );
  const log = JSON.parse(
    renderSarif({ findings: [...python, ...notebook], cwd: CWD, problems: [{ file: "bad.py", message: "not valid UTF-8; not checked" }] }),
  ) as {
    version: string;
    runs: {
      tool: {
        driver: {
          name: string;
          version: string;
          informationUri: string;
          rules: {
            id: string;
            name: string;
            helpUri: string;
            defaultConfiguration: { level: string };
            shortDescription: { text: string };
            fullDescription: { text: string };
          }[];
        };
      };
      results: {
        ruleId: string;
        ruleIndex: number;
        level: string;
        message: { text: string };
        locations: {
          physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string }; region: Record<string, number> };
          properties?: Record<string, number>;
        }[];
        partialFingerprints: Record<string, string>;
      }[];
      invocations: { executionSuccessful: boolean; toolExecutionNotifications: unknown[] }[];
    }[];
  };
  assert.ok(validateSarif(log), JSON.stringify(validateSarif.errors, null, 2));
  assert.equal(log.version, "2.1.0");
  const run = log.runs[0];
  assert.ok(run);
  assert.equal(run.tool.driver.name, "numpy-views");
  assert.match(run.tool.driver.version, /^\d+\.\d+\.\d+$/);
  assert.deepEqual(
    run.tool.driver.rules.map((r) => r.id),
    RULES.map((r) => r.code),
  );
  for (const [i, rule] of run.tool.driver.rules.entries()) {
    assert.equal(rule.name, RULES[i]?.name);
    assert.equal(rule.shortDescription.text, RULES[i]?.summary);
    assert.match(rule.helpUri, new RegExp(`/docs/rules/${rule.id}\\.md$`));
  }
  assert.equal(run.tool.driver.rules[5]?.defaultConfiguration.level, "error");
  assert.equal(run.tool.driver.rules[2]?.defaultConfiguration.level, "note");
  const [nv004, nv001, nv003, nv006] = run.results;
  assert.ok(nv004 && nv001 && nv003 && nv006);
  assert.equal(nv004.ruleId, "NV004");
  assert.equal(run.tool.driver.rules[nv004.ruleIndex]?.id, "NV004");
  assert.equal(nv004.level, "warning");
  assert.equal(nv003.level, "note");
  assert.deepEqual(nv004.locations[0]?.physicalLocation.artifactLocation, { uri: "pkg/my%20mod.py", uriBaseId: "%SRCROOT%" });
  assert.deepEqual(nv004.locations[0]?.physicalLocation.region, { startLine: 2, startColumn: 11, endLine: 2, endColumn: 27 });
  // Fingerprints: same rule on the same line text differ by occurrence; no line numbers involved.
  const fingerprints = run.results.map((r) => Object.values(r.partialFingerprints)[0]);
  assert.equal(new Set(fingerprints).size, fingerprints.length);
  const moved = locatePython("\n\n" + SOURCE, [finding("NV004", AT + 2, AT + 18, SAFE_FIX)], "pkg/my mod.py");
  const movedLog = JSON.parse(renderSarif({ findings: moved, cwd: CWD, problems: [] })) as typeof log;
  assert.deepEqual(movedLog.runs[0]?.results[0]?.partialFingerprints, nv004.partialFingerprints);
  // Notebook: the notebook file, a region on the JSON line that holds the cell's line, the cell in properties.
  assert.equal(nv006.locations[0]?.physicalLocation.artifactLocation.uri, "nb.ipynb");
  assert.deepEqual(nv006.locations[0]?.properties, { cell: 1, line: 2, column: 1, endLine: 2, endColumn: 2 });
  assert.ok((nv006.locations[0]?.physicalLocation.region["startLine"] ?? 0) > 2);
  assert.equal(run.invocations[0]?.executionSuccessful, false);
  assert.equal(run.invocations[0]?.toolExecutionNotifications.length, 1);
});

test("sarif: a file outside the working folder gets an absolute file URI; an empty run is valid", () => {
  const outside = locatePython(SOURCE, [finding("NV006", AT, AT + 1)]).map((f) => ({ ...f, absolutePath: "/elsewhere/x.py" }));
  const log = JSON.parse(renderSarif({ findings: outside, cwd: CWD, problems: [] })) as {
    runs: { results: { locations: { physicalLocation: { artifactLocation: unknown } }[] }[] }[];
  };
  assert.ok(validateSarif(log), JSON.stringify(validateSarif.errors));
  assert.deepEqual(log.runs[0]?.results[0]?.locations[0]?.physicalLocation.artifactLocation, { uri: "file:///elsewhere/x.py" });
  const empty = JSON.parse(renderSarif({ findings: [], cwd: CWD, problems: [] })) as unknown;
  assert.ok(validateSarif(empty), JSON.stringify(validateSarif.errors));
});
