// The tree copy: the fast walk (runtime cursor functions called directly) gives exactly the public API's tree.
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { MAX_SYNTAX_DEPTH, PythonParser, type RawNode } from "numpy-views-server/out/parse/parser";
import { REPO_ROOT } from "../support/engine";

let shared: Promise<PythonParser> | undefined;
const parser = (): Promise<PythonParser> => (shared ??= PythonParser.load());

const SAMPLES: Record<string, string> = {
  slices: "b = a[1:2, ::3, ...]\nc = a[i,]\nd = a[:, None]\n",
  operators: "x += 1\ny = not a in b\nz = a is not b and c not in d or -e ** 2 @ f\n",
  definitions: "@dec(1)\nasync def f(a, /, b=2, *c, d: int = 3, **e) -> int:\n    yield from g\n    await h\n    return lambda q, *r: q\n",
  classes: "class C(B, metaclass=M):\n    x: int = 1\n    def m(self): ...\n",
  strings: 's = f"{a!r:>{w}}" "x" b"\\x00" rb\'\\d\'\nt = """doc\n"""\n',
  control: "for i in range(3):\n    if i: continue\n    elif j: break\n    else: pass\nelse:\n    pass\nwhile x: x -= 1\n",
  exceptions: "try:\n    a\nexcept* (E, F) as e:\n    raise X from e\nelse:\n    b\nfinally:\n    c\n",
  match: "match p:\n    case [x, *rest] if x > 0:\n        pass\n    case {'k': v, **kw} | C(a=1, b=_) as m:\n        pass\n    case _:\n        pass\n",
  comprehensions: "l = [x for x in y if x if not x for z in x]\nd = {k: v for k, v in w}\ng = (yield)\n",
  imports: "import numpy as np, os.path\nfrom . import a as b\nfrom ..m import *\nfrom __future__ import annotations\n",
  broken: "import numpy as np\nb = a.reshape(\nc = a[1:\nd = a +\ndef f(:\n    return (\n",
  missing: "x = (1, 2\ny = [3\n",
  nul: "a = b\0[:1]\n",
  deep: "b = " + "(".repeat(MAX_SYNTAX_DEPTH + 50) + "a" + ")".repeat(MAX_SYNTAX_DEPTH + 50) + "\n",
};

function corpusTexts(): [string, string][] {
  const out: [string, string][] = Object.entries(SAMPLES);
  for (const dir of ["test/corpus", "examples"]) {
    for (const name of readdirSync(path.join(REPO_ROOT, dir)).sort()) {
      if (name.endsWith(".py")) out.push([`${dir}/${name}`, readFileSync(path.join(REPO_ROOT, dir, name), "utf8")]);
    }
  }
  return out;
}

function copyBothWays(p: PythonParser, text: string): [RawNode, RawNode] {
  const tree = p.parse(text);
  try {
    return [p.toRaw(tree).toObject(), p.toRawPortable(tree).toObject()];
  } finally {
    tree.delete();
  }
}

function types(node: RawNode, out: string[] = []): string[] {
  out.push(node.field === null ? node.type : `${node.field}:${node.type}`);
  for (const child of node.children) types(child, out);
  return out;
}

test("the tree copy calls the runtime's cursor functions directly (the fast path is active)", async () => {
  await parser();
  assert.equal(PythonParser.directCursor, true, "web-tree-sitter's exports are not reachable: toRaw fell back to the slow public API");
});

test("the fast tree copy equals the public API's copy on the corpus, the examples and odd inputs", async () => {
  const p = await parser();
  for (const [label, text] of corpusTexts()) {
    const [fast, portable] = copyBothWays(p, text);
    assert.deepEqual(fast, portable, label);
  }
});

test("the fast tree copy equals the public API's copy on every prefix of a file (as while typing)", async () => {
  const p = await parser();
  const text = SAMPLES.definitions + SAMPLES.match + SAMPLES.exceptions + SAMPLES.slices;
  for (let end = 0; end <= text.length; end += 3) {
    const [fast, portable] = copyBothWays(p, text.slice(0, end));
    assert.deepEqual(fast, portable, `prefix of ${end} characters`);
  }
});

test("the copy keeps named nodes, fielded tokens and the separators the lowering reads, and drops other punctuation", async () => {
  const p = await parser();
  const [raw] = copyBothWays(p, "b = a[1:2, ::3]\nx += f(y, {1: 2})\nz = a not in b\nasync def g(): pass\n");
  const seen = types(raw);
  for (const expected of [":", ",", "async", "operator:+=", "operators:not in", "arguments:argument_list", "subscript:slice"]) {
    assert.ok(seen.includes(expected), `${expected} missing from ${seen.join(" ")}`);
  }
  for (const dropped of ["(", ")", "[", "]", "=", "{", "}", "def"]) assert.ok(!seen.includes(dropped), `${dropped} should not be copied`);
  // `:` only inside slices (not in the dict or the def), `,` only inside subscripts (not between arguments).
  assert.equal(seen.filter((t) => t === ":").length, 3);
  assert.equal(seen.filter((t) => t === ",").length, 1);
});
