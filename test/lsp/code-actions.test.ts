// Code actions over real LSP: each diagnostic's quick fix (safe ones preferred), `# noqa` suppression, and the
// `source.fixAll.numpy-views` action, which applies safe fixes only.
import assert from "node:assert/strict";
import { test } from "node:test";
import { type CodeAction, CodeActionKind, type TextDocumentEdit, type TextEdit } from "vscode-languageserver/node";
import { TextDocument } from "vscode-languageserver-textdocument";
import { FIX_ALL_KIND } from "numpy-views-server/out/lsp/server";
import { inProcessClientForFile, type TestClient } from "./client";

let client!: TestClient;
inProcessClientForFile((started) => (client = started));

/** The edits of an action for one document (the server sends versioned documentChanges to this client). */
function editsFor(action: CodeAction | undefined, uri: string): TextEdit[] {
  assert.ok(action?.edit?.documentChanges !== undefined, `expected documentChanges in ${JSON.stringify(action)}`);
  const changes = action.edit.documentChanges as TextDocumentEdit[];
  assert.ok(changes.every((c) => c.textDocument.uri === uri));
  return changes.flatMap((c) => c.edits as TextEdit[]);
}

function apply(text: string, edits: TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create("file:///x.py", "python", 1, text), edits);
}

async function openWithDiagnostics(uri: string, text: string, count: number) {
  await client.open(uri, text);
  return (await client.diagnostics(uri, (p) => p.diagnostics.length === count)).diagnostics;
}

test("a safe quick fix is preferred and rewrites `a[idx][:] = v` as `a[idx] = v`", async () => {
  const uri = "file:///actions/nv004.py";
  const text = "import numpy as np\na = np.arange(10)\na[[0, 1]][:] = 5\n";
  const diagnostics = await openWithDiagnostics(uri, text, 1);
  const actions = await client.codeActions(uri, diagnostics[0]?.range ?? { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } }, diagnostics);
  const fix = actions.find((a) => a.isPreferred === true);
  assert.equal(fix?.kind, CodeActionKind.QuickFix);
  assert.equal(fix?.title, "Assign through `a[[0, 1]]` directly");
  assert.deepEqual(
    fix?.diagnostics?.map((d) => d.code),
    ["NV004"],
  );
  assert.equal(apply(text, editsFor(fix, uri)), "import numpy as np\na = np.arange(10)\na[[0, 1]] = 5\n");
  const version = (fix?.edit?.documentChanges?.[0] as TextDocumentEdit).textDocument.version;
  assert.equal(version, 1, "edits are tied to the analysed version");
  await client.close(uri);
});

test("an unsafe quick fix is offered but never preferred, and says it is unsafe", async () => {
  const uri = "file:///actions/nv001.py";
  const text = "import numpy as np\ndef f(path):\n    x = np.load(path)\n    return x[:, 100]\n";
  const diagnostics = await openWithDiagnostics(uri, text, 1);
  assert.equal(diagnostics[0]?.code, "NV001");
  const actions = await client.codeActions(uri, diagnostics[0]?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, diagnostics);
  const fix = actions.find((a) => a.title.startsWith("Append `.copy()`"));
  assert.ok(fix !== undefined, JSON.stringify(actions.map((a) => a.title)));
  assert.match(fix.title, /unsafe/);
  assert.notEqual(fix.isPreferred, true);
  assert.equal(apply(text, editsFor(fix, uri)), text.replace("return x[:, 100]", "return x[:, 100].copy()"));
  await client.close(uri);
});

test("suppress with `# noqa`: added at the end of the line, or appended to an existing list", async () => {
  const uri = "file:///actions/noqa.py";
  const text = "import numpy as np\na = np.arange(10)\na[[0, 1]][0] = 5   \na[[2]][0] = 1  # noqa: NV003\n";
  const diagnostics = await openWithDiagnostics(uri, text, 2);
  const [first, second] = diagnostics;
  assert.ok(first !== undefined && second !== undefined);
  const suppressFirst = (await client.codeActions(uri, first.range, [first])).find((a) => a.title === "Suppress NV004 with # noqa");
  assert.equal(apply(text, editsFor(suppressFirst, uri)).split("\n")[2], "a[[0, 1]][0] = 5  # noqa: NV004");
  const suppressSecond = (await client.codeActions(uri, second.range, [second])).find((a) => a.title === "Suppress NV004 with # noqa");
  assert.equal(apply(text, editsFor(suppressSecond, uri)).split("\n")[3], "a[[2]][0] = 1  # noqa: NV003, NV004");

  // After suppressing, the finding is gone.
  await client.change(
    uri,
    2,
    editsFor(suppressFirst, uri).map((e) => ({ range: e.range, text: e.newText })),
  );
  const after = await client.diagnostics(uri, (p) => p.version === 2);
  assert.deepEqual(
    after.diagnostics.map((d) => d.range.start.line),
    [3],
  );
  await client.close(uri);
});

test("fix all applies every safe fix and no unsafe one", async () => {
  const uri = "file:///actions/fix-all.py";
  const text = [
    "import numpy as np",
    "a = np.arange(10)",
    "a[[0, 1]][:] = 5", // NV004, safe
    "picked = a[[1, 2]].copy()", // NV005, safe
    "def f(path):",
    "    x = np.load(path)",
    "    return x[:, 100]", // NV001, unsafe
    "",
  ].join("\n");
  const diagnostics = await openWithDiagnostics(uri, text, 3);
  assert.deepEqual(
    diagnostics.map((d) => d.code),
    ["NV004", "NV005", "NV001"],
  );
  const actions = await client.codeActions(uri, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, [], [CodeActionKind.SourceFixAll]);
  assert.deepEqual(
    actions.map((a) => [a.kind, a.title]),
    [[FIX_ALL_KIND, "numpy-views: apply 2 safe fixes"]],
  );
  const fixed = apply(text, editsFor(actions[0], uri));
  assert.equal(fixed, text.replace("a[[0, 1]][:] = 5", "a[[0, 1]] = 5").replace("picked = a[[1, 2]].copy()", "picked = a[[1, 2]]"));
  // The unsafe finding is still there after the fixes.
  await client.change(uri, 2, [{ text: fixed }]);
  const left = await client.diagnostics(uri, (p) => p.version === 2);
  assert.deepEqual(
    left.diagnostics.map((d) => d.code),
    ["NV001"],
  );
  // Nothing safe left: no fix-all action.
  assert.deepEqual(await client.codeActions(uri, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, [], [FIX_ALL_KIND]), []);
  await client.close(uri);
});

test("`only: quickfix` leaves out fix-all; diagnostics of other tools are ignored", async () => {
  const uri = "file:///actions/only.py";
  const text = "import numpy as np\na = np.arange(10)\na[[0, 1]][:] = 5\n";
  const diagnostics = await openWithDiagnostics(uri, text, 1);
  const foreign = {
    range: diagnostics[0]?.range ?? { start: { line: 2, character: 0 }, end: { line: 2, character: 1 } },
    message: "E501",
    source: "ruff",
    code: "E501",
  };
  const actions = await client.codeActions(uri, foreign.range, [foreign], [CodeActionKind.QuickFix]);
  assert.deepEqual(actions, []);
  const own = await client.codeActions(uri, foreign.range, diagnostics, [CodeActionKind.QuickFix]);
  assert.ok(own.length === 2 && own.every((a) => a.kind === CodeActionKind.QuickFix));
  await client.close(uri);
});

test("a diagnostic from an older version still finds its fix when its range is unchanged", async () => {
  const uri = "file:///actions/stale.py";
  const text = "import numpy as np\na = np.arange(10)\na[[0, 1]][:] = 5\n";
  const diagnostics = await openWithDiagnostics(uri, text, 1);
  await client.change(uri, 2, [{ range: { start: { line: 3, character: 0 }, end: { line: 3, character: 0 } }, text: "b = 1\n" }]);
  await client.diagnostics(uri, (p) => p.version === 2);
  const actions = await client.codeActions(uri, diagnostics[0]?.range ?? { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } }, diagnostics);
  assert.ok(actions.some((a) => a.isPreferred === true));
  await client.close(uri);
});
