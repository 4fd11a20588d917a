// The promised answers, and unit tests of the semantic model and interpreter with inline expectations.
import assert from "node:assert/strict";
import { test } from "node:test";
import { engine, explain } from "../support/engine";

/**
 * Checks `# kind: KIND [base=NAME] [shape=(..)] [nbytes=N] [writeable=BOOL]` markers on binding lines
 * against explain output (the first binding on the line unless `NAME:` prefixes the marker).
 */
async function checkInline(source: string): Promise<void> {
  const bindings = await explain(source);
  const lines = source.split("\n");
  let checked = 0;
  lines.forEach((line, index) => {
    const marker = /#\s*kind:\s*(.*)$/.exec(line);
    if (marker === null || marker[1] === undefined) return;
    for (const group of marker[1].split(";")) {
      const words = group.trim().split(/\s+/);
      let first = words.shift() ?? "";
      let name: string | undefined;
      if (first.includes("=") && !first.startsWith("base")) {
        [name, first] = first.split("=") as [string, string];
      }
      const candidates = bindings.filter((b) => b.line === index + 1 && (name === undefined || b.name === name));
      const binding = candidates[0];
      assert.ok(binding, `line ${index + 1}: no binding ${name ?? ""}`);
      assert.equal(binding.kind, first, `line ${index + 1} (${binding.name}): kind`);
      for (const word of words) {
        const [key, value] = word.split("=");
        if (key === "base") assert.equal(binding.base, value === "null" ? null : value, `line ${index + 1}: base`);
        if (key === "shape") assert.equal(JSON.stringify(binding.shape), value, `line ${index + 1}: shape`);
        if (key === "nbytes") assert.equal(binding.nbytes, Number(value), `line ${index + 1}: nbytes`);
        if (key === "writeable") assert.equal(binding.writeable, value === "true", `line ${index + 1}: writeable`);
        if (key === "dtype") assert.equal(binding.dtype, value, `line ${index + 1}: dtype`);
      }
      checked++;
    }
  });
  assert.ok(checked > 0, "no markers checked");
}

test("the seeds' examples", () =>
  checkInline(`import numpy as np
arr = np.arange(1_000_000, dtype=np.float64)  # kind: copy nbytes=8000000
small = arr[:10]  # kind: view base=arr shape=[10]
del arr
huge = np.zeros((2, 10_000_000))  # kind: copy nbytes=160000000 shape=[2,10000000]
tiny = huge[:, 100]  # kind: view base=huge nbytes=16
x = np.arange(12).reshape(4, 3)  # kind: copy
picked = x[[0, 2]]  # kind: copy shape=[2,3]
a = np.arange(12).reshape(3, 4)  # kind: copy
t = a.T.reshape(-1)  # kind: copy shape=[12]
r = a.reshape(-1)  # kind: view base=a shape=[12]
b = a[1:3]  # kind: view base=a
m = a[a > 5]  # kind: copy
`));

test("sizes from constants and arithmetic", () =>
  checkInline(`import numpy as np
MB = 2**20
n = 4 * 1024  # kind: not-array
buf = np.empty((n, MB // 8), dtype=np.float32)  # kind: copy nbytes=2147483648
shape = (3, n)
g = np.ones(shape)  # kind: copy shape=[3,4096]
`));

test("import spellings resolve to numpy", () =>
  checkInline(`import numpy
from numpy import zeros as z
import numpy.lib.stride_tricks as st
from numpy.lib.stride_tricks import sliding_window_view
a = numpy.ones(10)  # kind: copy
b = z(10)  # kind: copy
w = st.sliding_window_view(a, 3)  # kind: view base=a writeable=false
v = sliding_window_view(b, 2)  # kind: view base=b writeable=false
`));

test("control flow joins and loops", () =>
  checkInline(`import numpy as np
a = np.zeros(10)
if len(a) > 3:
    x = a[:5]
else:
    x = a[5:]
y = x  # kind: alias base=a
if len(a) > 3:
    z = a[:5]
else:
    z = a.copy()
w = z[:1]  # kind: view
prev = None
for i in range(3):
    cur = np.ones(4)  # kind: copy
    prev = cur  # kind: alias base=cur
for row in np.zeros((3, 4)):
    pass
while True:
    q = a[1:]  # kind: view base=a
    break
`));

test("function summaries: returns a view of parameter 0", () =>
  checkInline(`import numpy as np
def head(x):
    return x[:2]
def fresh(n):
    return np.zeros(n)
big = np.zeros(100)
h = head(big)  # kind: view base=big
f = fresh(3)  # kind: copy
g = fresh(4)  # kind: copy
`));

test("scopes: comprehension, lambda, class and walrus", () =>
  checkInline(`import numpy as np
data = np.arange(6)
class Holder:
    def __init__(self):
        self.data = np.zeros(4)
        v = self.data[:2]  # kind: view base=self.data
rows = [r for r in data]  # kind: not-array
if (n := data[:3]) is not None:  # kind: view base=data
    pass
`));

test("read-only results", () =>
  checkInline(`import numpy as np
a = np.arange(9.0).reshape(3, 3)
d = a.diagonal()  # kind: view base=a writeable=false
b = np.broadcast_to(a[0], (4, 3))  # kind: view base=a writeable=false
c = a.copy()
c.flags.writeable = False
e = c  # kind: alias base=c writeable=false
`));

test("layout-dependent results abstain instead of guessing", () =>
  checkInline(`import numpy as np
def f(x: np.ndarray):
    y = x.reshape(-1)  # kind: maybe-view
    z = np.asarray(x)  # kind: alias base=x
    return y
`));

test("expression facts for hovers: views name their base, owners own their buffer, aliases name the other binding", async () => {
  const text = "import numpy as np\nhuge = np.zeros((2, 10_000_000))\ntiny = huge[:, 100]\nprint(tiny, huge)\nb = huge\nprint(b, huge[[0]])\n";
  const analysis = (await engine()).analyzeSource(text, { expressions: true });
  const at = (snippet: string, from: number) => {
    const start = text.indexOf(snippet, from);
    const fact = analysis.expressions.find((x) => x.span.start === start && x.span.end === start + snippet.length);
    assert.ok(fact, `no expression fact for ${snippet}`);
    return fact;
  };
  const line5 = text.indexOf("print");
  const line7 = text.lastIndexOf("print");
  assert.deepEqual([at("huge[:, 100]", 0).kind, at("huge[:, 100]", 0).base, at("huge[:, 100]", 0).nbytes], ["view", "huge", 16]);
  assert.equal(at("huge[:, 100]", 0).buffer?.nbytes, 160_000_000);
  assert.deepEqual([at("tiny", line5).kind, at("tiny", line5).base], ["view", "huge"]);
  assert.deepEqual([at("huge", line5).kind, at("huge", line5).base], ["copy", null]);
  assert.deepEqual([at("b", line7).kind, at("b", line7).base], ["alias", "huge"]);
  assert.deepEqual([at("huge[[0]]", line7).kind, at("huge[[0]]", line7).nbytes], ["copy", 80_000_000]);
});
