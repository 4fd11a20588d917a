// Notebooks: code cells analysed in order as one program, findings mapped to cell + line, and `--fix` writing the
// edited cells back into the JSON without changing anything else.
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { codeCells, isPythonNotebook, NotebookError, parseNotebook, splitLines, withCellSources } from "numpy-views-server/out/cli/notebook";
import { checkJson, FLAGGED, notebookJson, runCli, withTree } from "./helpers";

const CELLS = [
  { type: "markdown" as const, source: "# Arrays\n\nSome text." },
  { type: "code" as const, source: "%matplotlib inline\nimport numpy as np\na = np.arange(10)" },
  { type: "code" as const, source: "!pip list\nb = np.broadcast_to(np.arange(3), (2, 3))\n\nb[0, 0] = 1\n" },
  { type: "markdown" as const, source: "More." },
  { type: "code" as const, source: "x = 1\na[[0, 1]][:] = 5" },
];

test("parseNotebook reads every cell, joining list sources; codeCells keeps code cells in order", () => {
  const nb = parseNotebook(notebookJson(CELLS));
  assert.equal(nb.cells.length, 5);
  assert.deepEqual(
    codeCells(nb).map((c) => [c.index, c.source]),
    [
      [1, CELLS[1]?.source],
      [2, CELLS[2]?.source],
      [4, CELLS[4]?.source],
    ],
  );
  assert.equal(nb.language, "python");
  assert.ok(isPythonNotebook(nb));
  assert.ok(!isPythonNotebook(parseNotebook(notebookJson(CELLS, { language: "R" }))));
});

test("unreadable notebooks are NotebookErrors that say why", () => {
  const cases: [string, RegExp][] = [
    ["{ not json", /^not valid JSON/],
    ["[1, 2]", /not a notebook/],
    [JSON.stringify({ nbformat: 3, worksheets: [] }), /unsupported notebook format \(nbformat 3\); only nbformat 4 is read/],
    [JSON.stringify({ nbformat: 4 }), /no `cells` list/],
    [JSON.stringify({ nbformat: 4, cells: [{ cell_type: "code", source: 5 }] }), /cell 1: `source` is neither a string nor a list of strings/],
  ];
  for (const [json, message] of cases)
    assert.throws(
      () => parseNotebook(json),
      (e: unknown) => e instanceof NotebookError && message.test(e.message),
      json,
    );
});

test("splitLines keeps line ends as nbformat stores them", () => {
  assert.deepEqual(splitLines("a\nb\n"), ["a\n", "b\n"]);
  assert.deepEqual(splitLines("a\n\nb"), ["a\n", "\n", "b"]);
  assert.deepEqual(splitLines(""), []);
});

test("withCellSources changes only the edited cell's source, in the file's own indentation", () => {
  for (const indent of [1, 2, 4]) {
    const json = notebookJson(CELLS, { indent });
    const nb = parseNotebook(json);
    const edited = withCellSources(nb, new Map([[4, "x = 1\na[[0, 1]] = 5\n"]]));
    // What Jupyter would write for the same content, with the same indentation.
    const expected = notebookJson(
      CELLS.map((c, i) => (i === 4 ? { ...c, source: "x = 1\na[[0, 1]] = 5\n" } : c)),
      { indent },
    );
    assert.equal(edited, expected, `indent ${indent}`);
  }
});

test("withCellSources keeps a string source a string and leaves every other byte alone", () => {
  const json =
    '{"cells": [{"cell_type": "code", "metadata": {"x": 1.50, "u": "\\u00e9"}, "outputs": [], "source": "a = 1\\nb = 2", "execution_count": null}], "metadata": {}, "nbformat": 4, "nbformat_minor": 2}';
  const edited = withCellSources(parseNotebook(json), new Map([[0, "a = 1\nb = 3"]]));
  assert.equal(edited, json.replace('"a = 1\\nb = 2"', '"a = 1\\nb = 3"'));
  assert.equal(withCellSources(parseNotebook(json), new Map([[0, "a = 1\nb = 2"]])), json);
});

test("check: findings name the notebook, the cell (1-based among all cells) and the line in the cell", () =>
  withTree({ "nb.ipynb": notebookJson(CELLS) }, async (dir) => {
    const text = await runCli(["check"], { cwd: dir });
    assert.equal(text.status, 1);
    const lines = text.out.split("\n");
    assert.ok(
      lines.some((l) => l.startsWith("nb.ipynb:cell 3:4:1: NV006 ")),
      text.out,
    );
    assert.ok(
      lines.some((l) => l.startsWith("nb.ipynb:cell 5:2:1: NV004 [*] ")),
      text.out,
    );
    const { findings } = await checkJson([], { cwd: dir });
    const nv006 = findings.find((f) => f["code"] === "NV006");
    assert.deepEqual(nv006 && [nv006["file"], nv006["cell"], nv006["line"], nv006["column"]], ["nb.ipynb", 3, 4, 1]);
  }));

test("check --fix on a notebook rewrites the fixed cell and nothing else; a second run changes nothing", () =>
  withTree({ "nb.ipynb": notebookJson(CELLS) }, async (dir) => {
    const file = path.join(dir, "nb.ipynb");
    const run = await runCli(["check", "--fix"], { cwd: dir });
    assert.equal(run.status, 1, run.err); // NV006 has no fix and remains
    assert.match(run.out, /\(1 fixed, 1 remaining\)/);
    const after = readFileSync(file, "utf8");
    assert.equal(after, notebookJson(CELLS.map((c, i) => (i === 4 ? { ...c, source: "x = 1\na[[0, 1]] = 5" } : c))));
    const again = await runCli(["check", "--fix"], { cwd: dir });
    assert.match(again.out, /Found 1 error \(0 fixed, 1 remaining\)/);
    assert.equal(readFileSync(file, "utf8"), after);
    const { findings } = await checkJson(["--select", "NV004"], { cwd: dir });
    assert.equal(findings.length, 0);
  }));

test("a notebook for another language is skipped; a broken notebook is reported and the rest still checked", () =>
  withTree(
    {
      "r.ipynb": notebookJson([{ type: "code", source: FLAGGED.NV004 }], { language: "R" }),
      "broken.ipynb": '{"cells": [',
      "m.py": FLAGGED.NV004,
    },
    async (dir) => {
      const { run, findings } = await checkJson([], { cwd: dir });
      assert.equal(run.status, 2);
      assert.match(run.err, /^numpy-views: broken\.ipynb: not valid JSON .*; not checked\n$/);
      assert.deepEqual(
        findings.map((f) => f["file"]),
        ["m.py"],
      );
    },
  ));

test("cells run as one program: a name made in one cell is known in the next", () =>
  withTree(
    {
      "nb.ipynb": notebookJson([
        { type: "code", source: "import numpy as np\nb = np.broadcast_to(np.arange(3), (2, 3))" },
        { type: "code", source: "b[0, 0] = 1" },
      ]),
    },
    async (dir) => {
      const { findings } = await checkJson([], { cwd: dir });
      assert.deepEqual(
        findings.map((f) => [f["code"], f["cell"], f["line"]]),
        [["NV006", 2, 1]],
      );
    },
  ));

test("the notebook's own line endings survive --fix (CRLF JSON)", () =>
  withTree({}, async (dir) => {
    const file = path.join(dir, "nb.ipynb");
    writeFileSync(file, notebookJson([{ type: "code", source: FLAGGED.NV004_FIXABLE }]).replace(/\n/g, "\r\n"));
    await runCli(["check", "--fix"], { cwd: dir });
    const after = readFileSync(file, "utf8");
    assert.equal(after, notebookJson([{ type: "code", source: FLAGGED.NV004_FIXABLE.replace("[:] = 5", " = 5") }]).replace(/\n/g, "\r\n"));
  }));

test("a notebook saved with a byte-order mark is read, and --fix keeps the mark", () =>
  withTree({ "nb.ipynb": "\uFEFF" + notebookJson([{ type: "code", source: FLAGGED.NV004_FIXABLE }]) }, async (dir) => {
    const { findings } = await checkJson([], { cwd: dir });
    assert.deepEqual(
      findings.map((f) => [f["code"], f["cell"], f["line"]]),
      [["NV004", 1, 3]],
    );
    await runCli(["check", "--fix"], { cwd: dir });
    assert.equal(
      readFileSync(path.join(dir, "nb.ipynb"), "utf8"),
      "\uFEFF" + notebookJson([{ type: "code", source: FLAGGED.NV004_FIXABLE.replace("[:] = 5", " = 5") }]),
    );
  }));
