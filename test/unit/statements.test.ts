// The pieces that let an editor's edit copy and lower only what it touched: lowered statements moved in place,
// identifier counts updated across an edit. Each is checked against the plain computation it replaces.
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { moveStatement, settledBody, shiftInPlace } from "numpy-views-server/out/parse/move";
import { lowerModule } from "numpy-views-server/out/parse/lower";
import { editBetween, PythonParser } from "numpy-views-server/out/parse/parser";
import { moveOffsetsIn, newOffset, oldOffset } from "numpy-views-server/out/parse/text-change";
import { countIdentifiers, updateIdentifierCounts } from "numpy-views-server/out/semantic/identifiers";
import { generatedModule } from "../bench/corpus";
import { REPO_ROOT } from "../support/engine";

/** One of every statement and expression the lowering makes. */
const EVERY_CONSTRUCT = `import numpy as np
from numpy import zeros as z
from numpy.linalg import *
x: int = y = np.zeros((3, 4))[1:, ::2]
x += -a.b @ c[d, ...]
f(*args, k=1, **kw)
if a and not b or c < d <= e:
    pass
elif d is not None:
    del a, b[0]
else:
    raise ValueError("x") from err
while t:
    break
else:
    continue
for i, (j, *k) in enumerate(rows):
    global g
try:
    pass
except (KeyError, ValueError) as err:
    pass
except* OSError:
    pass
else:
    pass
finally:
    pass
with open(p) as fh, lock:
    pass
match cmd:
    case [first, *rest] if first:
        pass
    case {"k": v, **kw}:
        pass
    case Point(x=px) as pt:
        pass
    case _:
        pass
@decorator(1)
async def fn(a, b=1, *c, d: np.ndarray = None, **e) -> np.ndarray:
    nonlocal q
    await thing
    yield (w := 3)
    return lambda u, v=2: u[v:] if v else {k: v for k, v in items if k} | {s for s in t} | [r for r in rows] | (g for g in gs)
class C(Base, metaclass=M):
    attr = 1.5j
    def method(self):
        return f"{self!r}" + b"bytes" + ...
assert x, "message"
print >> sys.stderr, "py2"
`;

/** Every Python file the tests keep (corpus, rule fixtures, examples), a generated module and every construct. */
function sources(): [string, string][] {
  const out: [string, string][] = [
    ["generated", generatedModule(400)],
    ["every construct", EVERY_CONSTRUCT],
  ];
  for (const dir of ["test/corpus", "test/rules/fixtures", "examples"]) {
    for (const name of readdirSync(path.join(REPO_ROOT, dir))) {
      if (name.endsWith(".py")) out.push([`${dir}/${name}`, readFileSync(path.join(REPO_ROOT, dir, name), "utf8")]);
    }
  }
  return out;
}

async function lower(text: string) {
  const parser = await PythonParser.load();
  const tree = parser.parse(text);
  try {
    return lowerModule(parser.toRaw(tree), text);
  } finally {
    tree.delete();
    parser.dispose();
  }
}

test("no lowered node has two parents (moving in place would move it twice)", async () => {
  for (const [name, text] of sources()) {
    const module = await lower(text);
    const seen = new Set<object>();
    const visit = (value: unknown, where: string): void => {
      if (typeof value !== "object" || value === null) return;
      if (Array.isArray(value)) return value.forEach((v, i) => visit(v, `${where}[${i}]`));
      assert.ok(!seen.has(value), `${name}: ${where} is reachable twice`);
      seen.add(value);
      const record = value as Record<string, unknown>;
      for (const key in record) visit(record[key], `${where}.${key}`);
    };
    module.body.forEach((s, i) => visit(s, `body[${i}]`));
    assert.ok(seen.size > 0 || module.body.length === 0);
  }
});

test("moving lowered statements in place shifts every span under them, and nothing else", async () => {
  for (const [name, text] of sources()) {
    const module = await lower(text);
    const expected = JSON.stringify(module.body, (key, value: unknown) =>
      (key === "start" || key === "end") && typeof value === "number" ? value + 37 : value,
    );
    for (const stmt of module.body) shiftInPlace(stmt, 37);
    assert.equal(JSON.stringify(module.body), expected, name);
  }
});

test("a function moved several times is where it should be once its body is read", async () => {
  for (const [name, text] of sources()) {
    const module = await lower(text);
    const expected = JSON.stringify(module.body, (key, value: unknown) =>
      (key === "start" || key === "end") && typeof value === "number" ? value + 12 : value,
    );
    for (const stmt of module.body) moveStatement(stmt, 5);
    for (const stmt of module.body) shiftInPlace(stmt, -3);
    for (const stmt of module.body) moveStatement(stmt, 10);
    for (const stmt of module.body) if (stmt.kind === "def") settledBody(stmt);
    assert.equal(JSON.stringify(module.body), expected, name);
  }
});

/** The counting the incremental version replaces: every match of the identifier pattern in the text. */
function regexCounts(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const m of text.matchAll(/[A-Za-z_\u00c0-\uffff][\w\u00c0-\uffff]*/g)) counts.set(m[0], (counts.get(m[0]) ?? 0) + 1);
  return counts;
}

const sorted = (m: ReadonlyMap<string, number>) => [...m].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));

test("identifier counts equal the regular expression's, and stay equal across random edits", () => {
  const pieces = ["x", "1", "9a", "_", "é", "😀", " ", ".", "np", "\n", "ab", "0"];
  let seed = 12345;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  for (const [name, source] of sources().slice(0, 12)) {
    assert.deepEqual(sorted(countIdentifiers(source)), sorted(regexCounts(source)), name);
    let text = source;
    const counts = countIdentifiers(text);
    for (let step = 0; step < 200; step++) {
      const start = Math.floor(next() * (text.length + 1));
      const removed = Math.floor(next() * 4);
      const inserted = next() < 0.7 ? (pieces[Math.floor(next() * pieces.length)] ?? "") : "";
      const after = text.slice(0, start) + inserted + text.slice(Math.min(text.length, start + removed));
      const oldEnd = Math.min(text.length, start + removed);
      updateIdentifierCounts(counts, text, after, { start, oldEnd, newEnd: start + inserted.length });
      text = after;
      assert.deepEqual(sorted(counts), sorted(regexCounts(text)), `${name}: step ${step}`);
    }
  }
});

test("offsets across a change: kept before it, moved after it, none inside it; ids and sites in text moved alike", () => {
  // "abcdef" → "abXYZef": [2, 4) became [2, 5).
  const change = { start: 2, oldEnd: 4, newEnd: 5 };
  assert.deepEqual(
    [0, 1, 2, 3, 4, 5, 6].map((o) => oldOffset(change, o, false)),
    [0, 1, null, null, null, 4, 5],
  );
  assert.equal(oldOffset(change, 2, true), 2, "an end right at the change belongs to the text before it");
  assert.deepEqual(
    [0, 1, 2, 3, 4, 5].map((o) => newOffset(change, o, false)),
    [0, 1, null, null, 5, 6],
  );
  const moved = moveOffsetsIn('s0_2#o a@5_6 {"start":5,"end":6} nbytes 5_6', change, oldOffset);
  assert.equal(moved, 's0_2#o a@4_5 {"start":4,"end":5} nbytes 5_6');
  assert.equal(moveOffsetsIn("s1_5#b", change, oldOffset), null, "a span around the change cannot move (its text changed)");
  assert.equal(moveOffsetsIn("s3_6#b", change, oldOffset), null, "nor one starting inside it");
});

test("editBetween finds the one changed span, as a unit-by-unit comparison does, in long texts too", () => {
  /** The plain definition: longest common prefix, then longest common suffix after it (surrogate pairs kept whole). */
  const naive = (a: string, b: string) => {
    let start = 0;
    while (start < Math.min(a.length, b.length) && a[start] === b[start]) start++;
    if (start > 0 && /[\ud800-\udbff]/.test(a[start - 1] ?? "")) start--;
    let oldEnd = a.length;
    let newEnd = b.length;
    while (oldEnd > start && newEnd > start && a[oldEnd - 1] === b[newEnd - 1]) {
      oldEnd--;
      newEnd--;
    }
    if (/[\udc00-\udfff]/.test(a[oldEnd] ?? "") && oldEnd < a.length) {
      oldEnd++;
      newEnd++;
    }
    return { start, oldEnd, newEnd };
  };
  let seed = 7;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const base = generatedModule(300) + "# é😀\n".repeat(50);
  for (let i = 0; i < 300; i++) {
    const at = Math.floor(next() * base.length);
    const removed = [0, 1, 3, 1500, 5000][Math.floor(next() * 5)] ?? 0;
    const inserted = ["", "x", "😀", "a\r\nb", "# same\n".repeat(300)][Math.floor(next() * 5)] ?? "";
    const after = base.slice(0, at) + inserted + base.slice(at + removed);
    const edit = editBetween(base, after);
    const expected = naive(base, after);
    if (base === after) assert.equal(edit, null);
    else assert.deepEqual({ start: edit?.startIndex, oldEnd: edit?.oldEndIndex, newEnd: edit?.newEndIndex }, expected, `case ${i}`);
  }
});
