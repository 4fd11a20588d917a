// Hovers over real LSP: names (targets and reads), the value of an assignment, and rule codes in `# noqa` comments.
import assert from "node:assert/strict";
import { test } from "node:test";
import type { Hover, MarkupContent } from "vscode-languageserver/node";
import { Engine } from "numpy-views-server/out/engine/engine";
import { inProcessClientForFile, TestClient } from "./client";

let client!: TestClient;
inProcessClientForFile((started) => (client = started));

const SOURCE = [
  "import numpy as np", // 0
  "huge = np.zeros((2, 10_000_000))", // 1
  "tiny = huge[:, 100]", // 2
  "same = huge", // 3
  "picked = huge[[0, 1]]", // 4
  "total = tiny.sum()", // 5
  "print(tiny)", // 6
  "r = np.broadcast_to(np.arange(3), (2, 3))  # noqa: NV006, NV001", // 7
  "x = 1  # noqa", // 8
  "",
].join("\n");

function markdown(hover: Hover | null): string {
  assert.ok(hover !== null, "expected a hover");
  const contents = hover.contents as MarkupContent;
  assert.equal(contents.kind, "markdown");
  return contents.value;
}

let opened = false;
async function hoverAt(line: number, character: number): Promise<Hover | null> {
  const uri = "file:///hover/main.py";
  if (!opened) {
    await client.open(uri, SOURCE);
    opened = true;
  }
  return client.hover(uri, { line, character });
}

test("hover on a view target: its base, where the base was made, how big it is, and that it keeps it alive", async () => {
  const hover = await hoverAt(2, 2);
  const text = markdown(hover);
  assert.match(text, /\*\*`tiny`\*\*: view of `huge` \(line 2, `np\.zeros\(\(2, 10_000_000\)\)`, 160 MB\); keeps all of it alive/);
  assert.match(text, /shape \(2,\) · float64 · 16 bytes/);
  assert.match(text, /Writes into `tiny` change `huge`/);
  assert.deepEqual(hover?.range, { start: { line: 2, character: 0 }, end: { line: 2, character: 4 } });
});

test("hover on a read of a name describes the binding that reaches it", async () => {
  const hover = await hoverAt(6, 8);
  assert.match(markdown(hover), /\*\*`tiny`\*\*: view of `huge`/);
  assert.deepEqual(hover?.range, { start: { line: 6, character: 6 }, end: { line: 6, character: 10 } });
});

test("hover on a copy, an alias and a fresh allocation", async () => {
  assert.match(
    markdown(await hoverAt(4, 1)),
    /\*\*`picked`\*\*: copy \(its own array: not a view of any other live array\)\n\nshape \(2, 10000000\) · float64 · 160 MB/,
  );
  assert.match(markdown(await hoverAt(3, 1)), /\*\*`same`\*\*: same object as `huge` \(line 2, `np\.zeros\(\(2, 10_000_000\)\)`, 160 MB\)/);
  assert.match(markdown(await hoverAt(1, 0)), /\*\*`huge`\*\*: copy \(its own array[\s\S]*160 MB/);
});

test("hover on any array expression: a subscript, an attribute, a call", async () => {
  const subscript = await hoverAt(2, 11); // the `[` of huge[:, 100]
  assert.match(markdown(subscript), /^\*\*`huge\[:, 100\]`\*\*: view of `huge` \(line 2, `np\.zeros\(\(2, 10_000_000\)\)`, 160 MB\); keeps all of it alive/);
  assert.deepEqual(subscript?.range, { start: { line: 2, character: 7 }, end: { line: 2, character: 19 } });
  const name = await hoverAt(2, 8); // `huge` inside the subscript: the name, not the whole expression
  assert.match(markdown(name), /^\*\*`huge`\*\*: copy \(its own array/);
  assert.deepEqual(name?.range, { start: { line: 2, character: 7 }, end: { line: 2, character: 11 } });
  const call = await hoverAt(1, 12); // `zeros`
  assert.match(markdown(call), /^\*\*`np\.zeros\(\(2, 10_000_000\)\)`\*\*: copy \(its own array[\s\S]*160 MB/);
  const sum = await hoverAt(5, 8); // tiny.sum(): a scalar, not an array; `tiny` is
  assert.match(markdown(sum), /^\*\*`tiny`\*\*: view of `huge`/);
  assert.equal(await hoverAt(5, 13), null, "`.sum()` returns a scalar: nothing to say");
});

test("no hover on names that are not arrays, keywords or the module alias", async () => {
  assert.equal(await hoverAt(0, 17), null); // np in `import numpy as np`
  assert.equal(await hoverAt(6, 2), null); // print
  assert.equal(await hoverAt(8, 0), null); // x = 1
});

test("hover on a code in a `# noqa` comment shows that rule's documentation", async () => {
  const line = SOURCE.split("\n")[7] ?? "";
  const hover = await hoverAt(7, line.indexOf("NV001") + 2);
  const text = markdown(hover);
  assert.match(text, /^\*\*NV001\*\* `retained-base`/);
  assert.match(text, /A small view keeps a large base array alive\./);
  assert.match(text, /```python\ndef column\(path\):/);
  assert.match(text, /docs\/rules\/NV001\.md/);
  assert.deepEqual(hover?.range, { start: { line: 7, character: line.indexOf("NV001") }, end: { line: 7, character: line.indexOf("NV001") + 5 } });
  assert.match(markdown(await hoverAt(7, line.indexOf("NV006"))), /^\*\*NV006\*\* `readonly-write`/);
});

test("hover on `noqa` itself lists what it suppresses", async () => {
  const line7 = SOURCE.split("\n")[7] ?? "";
  const listed = markdown(await hoverAt(7, line7.indexOf("noqa") + 1));
  assert.match(listed, /Suppressed on this line:/);
  assert.match(listed, /\*\*NV006\*\*[\s\S]*\*\*NV001\*\*/);
  const line8 = SOURCE.split("\n")[8] ?? "";
  const all = markdown(await hoverAt(8, line8.indexOf("noqa") + 1));
  assert.match(all, /suppresses every numpy-views rule/);
  for (const code of ["NV001", "NV002", "NV003", "NV004", "NV005", "NV006", "NV007"]) assert.ok(all.includes(`**${code}**`), code);
});

test("names inside functions are described as they are there: parameters are unknown, globals are the module's", async () => {
  const uri = "file:///hover/scopes.py";
  const text = [
    "import numpy as np",
    "a = np.zeros(100)",
    "b = a[:10]",
    "def f(a):",
    "    c = a",
    "    return b",
    "def g():",
    "    b = np.ones(5)",
    "    return b",
    "",
  ].join("\n");
  await client.open(uri, text);
  // `a` inside f is the parameter, about which nothing is known.
  assert.equal(await client.hover(uri, { line: 4, character: 8 }), null);
  // `b` inside f is the module's view (a global read).
  assert.match(markdown(await client.hover(uri, { line: 5, character: 12 })), /\*\*`b`\*\*: view of `a`/);
  // `b` inside g is g's own array.
  assert.match(markdown(await client.hover(uri, { line: 8, character: 12 })), /\*\*`b`\*\*: copy \(its own array[\s\S]*shape \(5,\) · float64 · 40 bytes/);
  await client.close(uri);
});

test("an array read from a file says where, and that its size is known only at run time", async () => {
  const uri = "file:///hover/load.py";
  await client.open(uri, "import numpy as np\ndef f(p):\n    a = np.load(p)\n    return a[:, 0]\n");
  const text = markdown(await client.hover(uri, { line: 3, character: 11 }));
  assert.match(text, /^\*\*`a`\*\*: copy \(its own array, read from a file\) \(line 3, `np\.load\(p\)`, loaded from a file, size known only at run time\)/);
  const view = markdown(await client.hover(uri, { line: 3, character: 12 }));
  assert.match(view, /^\*\*`a\[:, 0\]`\*\*: view of `a` \(line 3, `np\.load\(p\)`, loaded from a file, size known only at run time\)/);
  await client.close(uri);
});

test("hover on a closed or unknown document answers null, not an error", async () => {
  assert.equal(await client.hover("file:///hover/never-opened.py", { line: 0, character: 0 }), null);
});

test("a layout-dependent result names the array whose memory it may share", async () => {
  const uri = "file:///hover/maybe.py";
  const text = "import numpy as np\n\ndef f(x: np.ndarray):\n    flat = x.reshape(-1)\n    return flat\n";
  await client.open(uri, text);
  const value = markdown(await client.hover(uri, { line: 3, character: 5 }));
  assert.match(value, /\*\*`flat`\*\*: view of `x` or a copy, depending on memory layout at run time/);
  assert.match(value, /Writes into `flat` may or may not change `x`\./);
});

test("a hover on an assignment target right after an edit answers without the second pass over the file; other names wait for it", async () => {
  const counted = await Engine.create();
  const analyze = counted.analyzeSource.bind(counted);
  let passes = 0;
  counted.analyzeSource = (text, options) => {
    if (options?.expressions === true) passes++;
    return analyze(text, options);
  };
  // No idle prefetch during the test: only hovers may start the expression pass.
  const own = TestClient.inProcess({ engine: counted, prefetchIdleMs: 600_000 });
  try {
    await own.initialize();
    const uri = "file:///hover/first.py";
    await own.open(uri, SOURCE);
    await own.diagnostics(uri, (p) => p.version === 1);
    await own.change(uri, 2, [{ range: { start: { line: 8, character: 4 }, end: { line: 8, character: 5 } }, text: "2" }]);
    await own.diagnostics(uri, (p) => p.version === 2);
    // `tiny` where it is assigned, and a rule code in a comment: no expression pass.
    assert.match(markdown(await own.hover(uri, { line: 2, character: 2 })), /\*\*`tiny`\*\*: view of `huge`/);
    assert.match(markdown(await own.hover(uri, { line: 7, character: SOURCE.split("\n")[7]?.indexOf("NV006") ?? 0 })), /^\*\*NV006\*\*/);
    assert.equal(passes, 0);
    // `tiny` read in `print(tiny)`: that needs the expression facts, once for this version.
    assert.match(markdown(await own.hover(uri, { line: 6, character: 8 })), /\*\*`tiny`\*\*: view of `huge`/);
    assert.match(markdown(await own.hover(uri, { line: 2, character: 11 })), /view of `huge`/);
    assert.equal(passes, 1);
    await own.stop();
  } finally {
    own.kill();
    counted.dispose();
  }
});
