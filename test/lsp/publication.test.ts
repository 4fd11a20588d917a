// What a publication costs: unchanged diagnostics are the same objects from one publication to the next, and their
// JSON text is made once. Whatever is reused, the bytes on the wire must be those of a fresh conversion.
import assert from "node:assert/strict";
import path from "node:path";
import { test } from "node:test";
import type { Diagnostic } from "vscode-languageserver/node";
import { DiagnosticCache } from "numpy-views-server/out/lsp/convert";
import { diagnosticJson, encodeMessage } from "numpy-views-server/out/lsp/json-encoder";
import { textDocumentMap } from "numpy-views-server/out/lsp/text-map";
import { checkText } from "numpy-views-server/out/rules/check";
import type { Finding } from "numpy-views-server/out/rules/types";
import { engine, REPO_ROOT } from "../support/engine";
import { generatedModule } from "./bench-lsp";
import { TestClient } from "./client";

const URI = "file:///publication/module.py";

async function diagnosticsOf(text: string, cache: DiagnosticCache): Promise<Diagnostic[]> {
  const map = textDocumentMap({ uri: URI, version: 1, text });
  const { findings } = checkText(await engine(), text);
  const out = findings.map((f) => cache.diagnosticOf(map, f).diagnostic);
  cache.publish();
  return out;
}

test("encodeMessage writes what JSON.stringify writes, for publications with and without kept text and for other messages", () => {
  const diagnostic: Diagnostic = {
    range: { start: { line: 1, character: 2 }, end: { line: 1, character: 9 } },
    severity: 2,
    code: "NV001",
    source: "numpy-views",
    message: '`tiny` keeps all of `huge` — 160 MB — alive "quoted" \\ é 𝄞',
    relatedInformation: [{ location: { uri: URI, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 4 } } }, message: "made here" }],
  };
  const fresh: Diagnostic = { ...diagnostic, message: "another", tags: [1] };
  diagnosticJson(diagnostic); // its text is kept from now on; `fresh` has none yet
  const messages: unknown[] = [
    { jsonrpc: "2.0", method: "textDocument/publishDiagnostics", params: { uri: URI, version: 3, diagnostics: [diagnostic, fresh, diagnostic] } },
    { jsonrpc: "2.0", method: "textDocument/publishDiagnostics", params: { uri: URI, diagnostics: [] } },
    { jsonrpc: "2.0", method: "textDocument/publishDiagnostics", params: { uri: URI, version: undefined, diagnostics: [fresh] } },
    { jsonrpc: "2.0", method: "textDocument/publishDiagnostics", params: { uri: URI, version: 1, diagnostics: [diagnostic], extra: true } },
    { jsonrpc: "2.0", id: 4, result: { contents: { kind: "markdown", value: "**`b`**" } } },
    { jsonrpc: "2.0", method: "window/logMessage", params: { type: 3, message: "x" } },
  ];
  for (const message of messages) assert.equal(Buffer.from(encodeMessage(message)).toString("utf8"), JSON.stringify(message));
  assert.equal(diagnosticJson(diagnostic), diagnosticJson(diagnostic), "made once");
});

test("DiagnosticCache: an unchanged finding gets last publication's object; a changed one a new object equal to a fresh conversion", async () => {
  const text = generatedModule(120);
  const cache = new DiagnosticCache();
  const first = await diagnosticsOf(text, cache);
  assert.ok(first.length > 10);
  const again = await diagnosticsOf(text, cache);
  assert.equal(again.length, first.length);
  again.forEach((d, i) => assert.equal(d, first[i], "same finding, same object"));

  // One digit typed on a line in the middle: findings elsewhere keep their objects; all equal a fresh conversion.
  const at = text.indexOf("np.zeros((n, 1000))", text.length / 2) + "np.zeros((n, 1".length;
  const edited = `${text.slice(0, at)}5${text.slice(at)}`;
  const after = await diagnosticsOf(edited, cache);
  assert.deepEqual(after, await diagnosticsOf(edited, new DiagnosticCache()));
  assert.ok(after.filter((d) => again.includes(d)).length > after.length / 2, "most diagnostics are reused");

  // A line inserted at the top moves every diagnostic: none can be reused, and none is stale.
  const moved = `# a comment\n${edited}`;
  const shifted = await diagnosticsOf(moved, cache);
  assert.deepEqual(shifted, await diagnosticsOf(moved, new DiagnosticCache()));
  assert.equal(shifted.filter((d) => after.includes(d)).length, 0);
});

test("DiagnosticCache: findings at the same place that differ in message, severity, tags or related locations are not mixed up", async () => {
  const text = "import numpy as np\nx = np.zeros(3)\ny = x[\n    1:]\n";
  const map = textDocumentMap({ uri: URI, version: 1, text });
  const base: Finding = {
    code: "NV003",
    rule: "write-through-view",
    severity: "warning",
    span: { start: 19, end: 20 },
    message: "first",
    related: [{ span: { start: 23, end: 31 }, message: "made here" }],
    fix: null,
    unnecessary: false,
  };
  const variants: Finding[] = [
    base,
    { ...base, message: "second" },
    { ...base, severity: "error" },
    { ...base, unnecessary: true },
    { ...base, related: [{ span: { start: 23, end: 30 }, message: "made here" }] },
    { ...base, related: [{ span: { start: 23, end: 31 }, message: "made there" }] },
    { ...base, related: [] },
    // Spans that end on a later line (the end character counts from that line's start).
    { ...base, span: { start: 19, end: 44 } },
    { ...base, span: { start: 19, end: 45 } },
    { ...base, related: [{ span: { start: 35, end: 46 }, message: "made here" }] },
  ];
  const cache = new DiagnosticCache();
  const round = () => {
    const out = variants.map((f) => cache.diagnosticOf(map, f).diagnostic);
    cache.publish();
    return out;
  };
  const one = round();
  const two = round();
  const fresh = new DiagnosticCache();
  variants.forEach((f, i) => {
    assert.equal(two[i], one[i]);
    assert.deepEqual(two[i], fresh.diagnosticOf(map, f).diagnostic);
  });
  assert.equal(new Set(two).size, variants.length);
  // Reversed order: each finding still finds its own diagnostic.
  variants.reverse();
  const three = round();
  variants.forEach((f, i) => assert.deepEqual(three[i], fresh.diagnosticOf(map, f).diagnostic));
});

test("over stdio, a stray console.log in the server becomes a log message and the protocol stays intact", async () => {
  const stray = path.join(REPO_ROOT, "test", "fixtures", "lsp", "stray-console.js");
  const client = TestClient.spawn(process.execPath, ["--require", stray, path.join(REPO_ROOT, "server", "bin", "numpy-views-ls"), "--stdio"]);
  try {
    await client.initialize();
    await client.until(() => client.logs.find((m) => m.includes("stray output from a dependency")), "the stray output as a log message");
    await client.open(URI, "import numpy as np\na = np.zeros(3)\na[[0, 1]][0] = 5\n");
    const { diagnostics } = await client.diagnostics(URI, (p) => p.diagnostics.length > 0);
    assert.deepEqual(
      diagnostics.map((d) => d.code),
      ["NV004"],
    );
    assert.equal(await client.stop(), 0);
  } finally {
    client.kill();
  }
});
