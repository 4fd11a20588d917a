// Half-typed, malformed and odd inputs never make the engine throw or hang; it analyses what parses.
import assert from "node:assert/strict";
import { test } from "node:test";
import { engine, explain } from "../support/engine";

const HEADER = "import numpy as np\na = np.zeros((4, 4))\n";

const MALFORMED: Record<string, string> = {
  "unfinished call": HEADER + "b = a.reshape(\n",
  "unfinished subscript": HEADER + "b = a[1:\n",
  "dangling operator": HEADER + "b = a +\nc = a[:2]\n",
  "unclosed string": HEADER + 's = "abc\nb = a[:1]\n',
  "bad indentation": HEADER + "def f(x):\nreturn x[:1]\n  y = 2\n",
  "lone keywords": HEADER + "if\nfor\nwhile\ndef\nclass\nreturn\n",
  "only an operator": "+",
  empty: "",
  "walrus without value": HEADER + "(b := )\n",
  "half a comprehension": HEADER + "xs = [r for r in a if\n",
  "deep nesting": HEADER + "b = " + "(".repeat(3000) + "a" + ")".repeat(3000) + "\n",
  "long chain": HEADER + "b = " + Array.from({ length: 5000 }, () => "a").join(" + ") + "\n",
  "mixed tabs": HEADER + "if True:\n\tb = a[:1]\n        c = b\n",
  "unicode names": HEADER + "données = a[:2]\nπ = 3.14\n😀 = 1\n",
  "null bytes": HEADER + "b = a\0[:1]\n",
  "match half typed": HEADER + "match a:\n    case [x, *rest\n",
  "try without except": HEADER + "try:\n    b = a[:1]\n",
  recursion: HEADER + "def f(x):\n    return f(x[:1])\nr = f(a)\n",
  "mutual recursion": HEADER + "def f(x):\n    return g(x)\ndef g(y):\n    return f(y)\nr = f(a)\n",
  "self-growing tuple in loop": HEADER + "t = ()\nwhile True:\n    t = (t, a[:1])\n",
};

for (const [label, text] of Object.entries(MALFORMED)) {
  test(`never throws: ${label}`, async () => {
    const eng = await engine();
    const analysis = eng.analyzeSource(text, { allBindings: true });
    assert.ok(Array.isArray(analysis.bindings));
  });
}

test("analyses what parses around a syntax error", async () => {
  const bindings = await explain(HEADER + "b = a[:2]\nc = a.reshape(\nd = a[[0, 1]]\n");
  const b = bindings.find((x) => x.name === "b");
  assert.equal(b?.kind, "view");
  assert.equal(b?.base, "a");
});

test("every prefix of a file (as while typing) analyses without throwing", async () => {
  const eng = await engine();
  const text = HEADER + "def f(x, n=3):\n    y = x[:n]\n    for i in range(n):\n        y = y + x[i]\n    return y.copy()\nz = f(a)[0]\n";
  for (let end = 0; end <= text.length; end++) eng.analyzeSource(text.slice(0, end), { allBindings: true });
});
