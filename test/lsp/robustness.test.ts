// The server never crashes or stalls: oversized texts are skipped with a log line, an engine failure on one document
// leaves the others working, half-typed code and odd text (CRLF, astral characters, lone surrogates, NUL) are fine.
import assert from "node:assert/strict";
import { test } from "node:test";
import type { Engine } from "numpy-views-server/out/engine/engine";
import { inProcessClientForFile, type TestClient } from "./client";

const NV004 = "import numpy as np\na = np.arange(10)\na[[0, 1]][0] = 5\n";

/** How many engine passes asked for expression facts, by text. */
const expressionPasses = new Map<string, number>();

/** The shared engine, except that it throws on any text containing `BOOM`, and counts expression passes. */
function explodingEngine(real: Engine): Engine {
  return new Proxy(real, {
    get(target, property) {
      if (property === "analyzeSource") {
        return (text: string, options?: Parameters<Engine["analyzeSource"]>[1]) => {
          if (text.includes("BOOM")) throw new Error("engine exploded");
          if (options?.expressions === true) expressionPasses.set(text, (expressionPasses.get(text) ?? 0) + 1);
          return target.analyzeSource(text, options);
        };
      }
      const value: unknown = Reflect.get(target, property);
      return typeof value === "function" ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

let client!: TestClient;
inProcessClientForFile(
  (started) => (client = started),
  (shared) => ({ engine: explodingEngine(shared), maxAnalyzedChars: 2_000 }),
);

test("a text over the size limit is skipped with a logged message; others are still analysed", async () => {
  const big = "file:///robust/big.py";
  await client.open(big, NV004 + "# padding\n".repeat(300));
  assert.deepEqual((await client.diagnostics(big)).diagnostics, []);
  assert.ok(client.logs.some((l) => l.includes(big) && l.includes("not analysed") && l.includes("limit of 2000")));
  const small = "file:///robust/small.py";
  await client.open(small, NV004);
  assert.deepEqual(
    (await client.diagnostics(small)).diagnostics.map((d) => d.code),
    ["NV004"],
  );
  assert.equal(await client.hover(big, { line: 1, character: 0 }), null);
  await client.close(big);
  await client.close(small);
});

test("an engine failure on one document is logged and isolated; the server keeps serving the rest", async () => {
  const bad = "file:///robust/boom.py";
  const good = "file:///robust/good.py";
  await client.open(bad, NV004 + "# BOOM\n");
  await client.open(good, NV004);
  assert.deepEqual((await client.diagnostics(bad)).diagnostics, []);
  await client.until(() => (client.logs.some((l) => l.includes(bad) && l.includes("engine exploded")) ? true : undefined), "failure log");
  assert.deepEqual(
    (await client.diagnostics(good)).diagnostics.map((d) => d.code),
    ["NV004"],
  );
  assert.equal(await client.hover(bad, { line: 1, character: 0 }), null);
  assert.deepEqual(await client.codeActions(bad, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, []), []);
  assert.match(JSON.stringify(await client.hover(good, { line: 1, character: 0 })), /`a`/);
  // Fixing the document brings its diagnostics back.
  await client.change(bad, 2, [{ text: NV004 }]);
  assert.deepEqual(
    (await client.diagnostics(bad, (p) => p.version === 2)).diagnostics.map((d) => d.code),
    ["NV004"],
  );
  await client.close(bad);
  await client.close(good);
});

test("typing a file character by character never logs an error and ends with the right diagnostics", async () => {
  const uri = "file:///robust/typing.py";
  const errorsBefore = client.logs.length;
  const text = "import numpy as np\ndef f(x):\n    a = np.arange(10)\n    a[[0, 1]][0] = (x +\n        1)\n";
  await client.open(uri, "", 1);
  let line = 0;
  let character = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charAt(i);
    await client.change(uri, i + 2, [{ range: { start: { line, character }, end: { line, character } }, text: ch }]);
    if (ch === "\n") {
      line++;
      character = 0;
    } else character++;
    if (i % 7 === 0) await client.hover(uri, { line, character: Math.max(0, character - 1) });
  }
  const final = await client.diagnostics(uri, (p) => p.version === text.length + 1);
  assert.deepEqual(
    final.diagnostics.map((d) => [d.code, d.range.start.line]),
    [["NV004", 3]],
  );
  assert.deepEqual(
    client.logs.slice(errorsBefore).filter((l) => /failed/.test(l)),
    [],
  );
  await client.close(uri);
});

test("ranges are UTF-16 positions: astral characters, CRLF line ends, lone surrogates and NUL do not shift them", async () => {
  const uri = "file:///robust/unicode.py";
  const text = 'import numpy as np\r\na = np.arange(10)\r\ns = "😀\uD800\u0000"; a[[0, 1]][0] = 5\r\n';
  await client.open(uri, text);
  const [d] = (await client.diagnostics(uri, (p) => p.diagnostics.length === 1)).diagnostics;
  const column = 's = "😀\uD800\u0000"; '.length;
  assert.deepEqual(d?.range, { start: { line: 2, character: column }, end: { line: 2, character: column + 12 } });
  await client.close(uri);
});

test("requests beyond the end of a document are answered, not failed", async () => {
  const uri = "file:///robust/short.py";
  await client.open(uri, NV004);
  assert.equal(await client.hover(uri, { line: 500, character: 80 }), null);
  assert.deepEqual(await client.inlayHints(uri, { start: { line: 100, character: 0 }, end: { line: 900, character: 0 } }), []);
  await client.close(uri);
});

test("hover facts are computed once per version and shared by every hover of it", async () => {
  const uri = "file:///robust/hover-cache.py";
  const text = "import numpy as np\nbig = np.zeros(1000)\nview = big[:10]\n";
  await client.open(uri, text);
  await client.diagnostics(uri);
  // Reads of `big` (`view = big[:10]`): expression facts (a hover on an assignment target needs none).
  for (let i = 0; i < 5; i++) assert.ok((await client.hover(uri, { line: 2, character: 8 + (i % 2) })) !== null);
  assert.equal(expressionPasses.get(text), 1);
  const edited = text + "other = big[5:]\n";
  await client.change(uri, 2, [{ text: edited }]);
  assert.ok((await client.hover(uri, { line: 3, character: 9 })) !== null);
  assert.ok((await client.hover(uri, { line: 2, character: 8 })) !== null);
  assert.ok((await client.hover(uri, { line: 2, character: 1 })) !== null);
  assert.equal(expressionPasses.get(edited), 1);
  await client.close(uri);
});
