// The server keeps each document's syntax tree, lowered statements and function results between edits. Whatever
// it reuses, what an editor sees after a sequence of small edits (diagnostics, hovers, inlay hints, quick fixes)
// must be what it would see opening the same text fresh.
import assert from "node:assert/strict";
import { test } from "node:test";
import type { Position, PublishDiagnosticsParams, TextDocumentContentChangeEvent } from "vscode-languageserver/node";
import { generatedModule } from "./bench-lsp";
import { inProcessClientForFile, type TestClient } from "./client";

let client!: TestClient;
inProcessClientForFile((started) => (client = started));

/** The position of an offset in `text` (0-based line, UTF-16 character). */
function positionAt(text: string, offset: number): Position {
  const before = text.slice(0, offset);
  const line = before.split("\n").length - 1;
  return { line, character: offset - (before.lastIndexOf("\n") + 1) };
}

/** Typing-like edits: each is one range replacement, as editors send them. */
function edits(start: string): { text: string; change: TextDocumentContentChangeEvent }[] {
  const out: { text: string; change: TextDocumentContentChangeEvent }[] = [];
  let text = start;
  const replace = (offset: number, length: number, insert: string) => {
    const change = { range: { start: positionAt(text, offset), end: positionAt(text, offset + length) }, text: insert };
    text = text.slice(0, offset) + insert + text.slice(offset + length);
    out.push({ text, change });
  };
  // Type a new statement into the middle of a function, character by character.
  const inside = text.indexOf("    return", Math.floor(text.length / 2));
  for (const ch of "    w = buf[1:3]\n") replace(inside + out.length, 0, ch);
  // A line added at the top moves every function; a comment above the first function; a digit changed.
  replace(text.indexOf("\n") + 1, 0, "\n");
  replace(text.indexOf("def "), 0, "# helpers\n");
  replace(text.indexOf("(n, 1000)") + 4, 1, "2");
  // A write through the new view (NV003 or quiet), then undone; a whole function deleted.
  const w = text.indexOf("    w = buf[1:3]\n") + "    w = buf[1:3]\n".length;
  replace(w, 0, "    w[0] = 1\n");
  replace(w, "    w[0] = 1\n".length, "");
  const second = text.indexOf("\ndef ", text.indexOf("def ") + 1) + 1;
  const third = text.indexOf("\ndef ", second + 1) + 1;
  replace(second, third - second, "");
  return out;
}

/** Diagnostics without the document they belong to (two URIs are compared). */
function normalized(p: PublishDiagnosticsParams, uri: string): string {
  return JSON.stringify(p.diagnostics).split(JSON.stringify(uri)).join('"<uri>"');
}

test("after each of a series of small edits, diagnostics, hovers and inlay hints equal a fresh open of the same text", async () => {
  const uri = "file:///incremental/edited.py";
  const source = generatedModule(160);
  await client.open(uri, source, 1);
  await client.diagnostics(uri, (p) => p.version === 1);
  let version = 1;
  for (const [step, { text, change }] of edits(source).entries()) {
    version++;
    await client.change(uri, version, [change]);
    const v = version;
    const edited = await client.diagnostics(uri, (p) => p.version === v);
    const freshUri = `file:///incremental/fresh-${step}.py`;
    await client.open(freshUri, text, 1);
    const fresh = await client.diagnostics(freshUri, (p) => p.version === 1);
    assert.equal(normalized(edited, uri), normalized(fresh, freshUri), `step ${step}: diagnostics differ`);
    // Every few steps, also what the reader points at and what the editor writes after each name.
    if (step % 4 === 0 || step === edits(source).length - 1) {
      const lines = text.split("\n");
      const end = { line: lines.length - 1, character: 0 };
      const strip = (hints: unknown) => JSON.stringify(hints);
      assert.equal(
        strip(await client.inlayHints(uri, { start: { line: 0, character: 0 }, end })),
        strip(await client.inlayHints(freshUri, { start: { line: 0, character: 0 }, end })),
        `step ${step}: inlay hints differ`,
      );
      for (let line = 3; line < lines.length; line += 7) {
        const character = Math.max(0, (lines[line] ?? "").search(/\S/)) + 1;
        const position = { line, character };
        assert.deepEqual(await client.hover(uri, position), await client.hover(freshUri, position), `step ${step}: hover at ${line}:${character} differs`);
      }
    }
    await client.close(freshUri);
  }
  await client.close(uri);
});

test("a notebook whose last cell is edited keeps every cell's diagnostics equal to a fresh notebook's", async () => {
  // NumPy imported once, in the first cell (as notebooks do): the functions of every cell see it.
  const module = generatedModule(40);
  const functionsOnly = module.slice(module.indexOf("def ")).replace(/def step_/g, "def other_");
  const cells = [module, "big = np.zeros((1000, 1000))\nrow = big[0]\ndel big\n", functionsOnly];
  const uri = "file:///incremental/edited.ipynb";
  const cellUris = await client.openNotebook(uri, cells, 1);
  const last = cellUris[2] ?? "";
  await client.diagnostics(last);
  for (let step = 1; step <= 6; step++) {
    // Lines added above the last cell's functions move them (the module-level arrays of the cells above stay put,
    // so the functions are reused).
    const text = "\n".repeat(step) + (step % 2 === 0 ? "# edited\n" : "") + functionsOnly;
    client.forgetDiagnostics();
    await client.changeCell(uri, step + 1, { uri: last, version: step + 1, text });
    const freshUri = `file:///incremental/fresh-${step}.ipynb`;
    const freshCells = await client.openNotebook(freshUri, [cells[0] ?? "", cells[1] ?? "", text]);
    for (const [i, cell] of cellUris.entries()) {
      const edited = await client.diagnostics(cell);
      const fresh = await client.diagnostics(freshCells[i] ?? "");
      const strip = (p: PublishDiagnosticsParams) => JSON.stringify(p.diagnostics).replace(/file:\/\/\/incremental\/[^"#]*#cell\d/g, "<cell>");
      assert.equal(strip(edited), strip(fresh), `step ${step}, cell ${i}: diagnostics differ`);
    }
    await client.closeNotebook(freshUri, freshCells);
  }
  await client.closeNotebook(uri, cellUris);
});
