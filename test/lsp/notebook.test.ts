// Jupyter notebooks over LSP notebook sync: Python code cells are analysed in order as one program, and diagnostics,
// hovers, inlay hints and fixes land in the right cell.
import assert from "node:assert/strict";
import { test } from "node:test";
import type { MarkupContent, TextDocumentEdit, TextEdit } from "vscode-languageserver/node";
import { inProcessClientForFile, type TestClient } from "./client";

let client!: TestClient;
inProcessClientForFile((started) => (client = started));

test("a finding in cell 3 that depends on cell 1 is reported on cell 3, with its related location in cell 1", async () => {
  const nb = "file:///nb/readonly.ipynb";
  const cells = await client.openNotebook(nb, [
    "import numpy as np\nb = np.broadcast_to(np.arange(3), (2, 3))",
    { markdown: "# some *markdown* that is not Python\nb[0, 0] = 1" },
    "%matplotlib inline\nb[0, 0] = 1",
  ]);
  const [cell0, cell1, cell2] = cells;
  assert.ok(cell0 !== undefined && cell1 !== undefined && cell2 !== undefined);
  const third = await client.diagnostics(cell2, (p) => p.diagnostics.length === 1);
  const [d] = third.diagnostics;
  assert.equal(d?.code, "NV006");
  assert.deepEqual(d?.range, { start: { line: 1, character: 0 }, end: { line: 1, character: 7 } });
  assert.equal(d?.relatedInformation?.[0]?.location.uri, cell0);
  assert.equal(d?.relatedInformation?.[0]?.location.range.start.line, 1);
  assert.deepEqual((await client.diagnostics(cell0)).diagnostics, []);
  assert.equal(client.published(cell1), undefined, "markdown cells get no diagnostics");
  await client.closeNotebook(nb, cells);
  await client.diagnostics(cell2, (p) => p.diagnostics.length === 0);
});

test("editing one cell re-analyses the others: making cell 1's array writable clears cell 2's error", async () => {
  const nb = "file:///nb/edit.ipynb";
  const cells = await client.openNotebook(nb, ["import numpy as np\nb = np.broadcast_to(np.arange(3), (2, 3))", "b[0, 0] = 1"]);
  const [cell0, cell1] = cells;
  assert.ok(cell0 !== undefined && cell1 !== undefined);
  await client.diagnostics(cell1, (p) => p.diagnostics.length === 1);
  await client.changeCell(nb, 2, { uri: cell0, version: 2, text: "import numpy as np\nb = np.broadcast_to(np.arange(3), (2, 3)).copy()" });
  await client.diagnostics(cell1, (p) => p.diagnostics.length === 0);
  await client.closeNotebook(nb, cells);
});

test("hover in cell 3 on a name bound in cell 2 names the cell where the base was made (markdown cells count)", async () => {
  const nb = "file:///nb/hover.ipynb";
  const cells = await client.openNotebook(nb, [
    { markdown: "notes" },
    "import numpy as np\nhuge = np.zeros((2, 10_000_000))",
    "tiny = huge[:, 100]\nprint(tiny)",
  ]);
  const cell2 = cells[2];
  assert.ok(cell2 !== undefined);
  const hover = await client.hover(cell2, { line: 1, character: 7 });
  const value = (hover?.contents as MarkupContent).value;
  assert.match(value, /\*\*`tiny`\*\*: view of `huge` \(cell 2, line 2, `np\.zeros\(\(2, 10_000_000\)\)`, 160 MB\); keeps all of it alive/);
  assert.deepEqual(hover?.range, { start: { line: 1, character: 6 }, end: { line: 1, character: 10 } });
  const hints = await client.inlayHints(cell2, { start: { line: 0, character: 0 }, end: { line: 2, character: 0 } });
  assert.deepEqual(
    hints?.map((h) => [h.position, h.label]),
    [[{ line: 0, character: 4 }, ": view of huge"]],
  );
  await client.closeNotebook(nb, cells);
});

test("quick fixes and fix-all edit the cell the finding is in, and only that cell", async () => {
  const nb = "file:///nb/fix.ipynb";
  const cells = await client.openNotebook(nb, ["import numpy as np\na = np.arange(10)\nx = a[[1]].copy()", "a[[0, 1]][:] = 5"]);
  const [cell0, cell1] = cells;
  assert.ok(cell0 !== undefined && cell1 !== undefined);
  const diagnostics = (await client.diagnostics(cell1, (p) => p.diagnostics.length === 1)).diagnostics;
  const actions = await client.codeActions(cell1, diagnostics[0]?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, diagnostics);
  const fix = actions.find((a) => a.isPreferred === true);
  const changes = fix?.edit?.documentChanges as TextDocumentEdit[] | undefined;
  assert.deepEqual(
    changes?.map((c) => [
      c.textDocument.uri,
      (c.edits as TextEdit[]).map((e) => [e.range.start.line, e.range.start.character, e.range.end.character, e.newText]),
    ]),
    [[cell1, [[0, 9, 12, ""]]]],
  );
  const suppress = actions.find((a) => a.title === "Suppress NV004 with # noqa");
  assert.deepEqual(
    (suppress?.edit?.documentChanges as TextDocumentEdit[]).map((c) => [c.textDocument.uri, (c.edits as TextEdit[])[0]?.newText]),
    [[cell1, "  # noqa: NV004"]],
  );
  // Fix-all asked for cell 2 fixes NV004 there, not NV005 of cell 1 (VS Code asks once per cell).
  const all = await client.codeActions(cell1, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, [], ["source.fixAll"]);
  assert.deepEqual(
    (all[0]?.edit?.documentChanges as TextDocumentEdit[]).map((c) => c.textDocument.uri),
    [cell1],
  );
  const first = await client.codeActions(cell0, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, [], ["source.fixAll"]);
  assert.deepEqual(
    (first[0]?.edit?.documentChanges as TextDocumentEdit[]).map((c) => [c.textDocument.uri, (c.edits as TextEdit[])[0]?.range.start.line]),
    [[cell0, 2]],
  );
  await client.closeNotebook(nb, cells);
});
