// Every rule's metadata, in code order. Documentation (README table, docs/rules/*.md, `numpy-views rule`) is generated from it.
import type { RuleCode, RuleMeta } from "./types";

export const RULES: readonly RuleMeta[] = [
  {
    code: "NV001",
    name: "retained-base",
    defaultSeverity: "warning",
    summary: "A small view keeps a large base array alive.",
    rationale:
      "A view shares its base's buffer, so the whole buffer stays allocated for as long as the view lives, however few elements the view shows. When a small view of a large array is returned, yielded, stored in an attribute, a global, a container or a closure, or outlives a `del` of its base, all of the base's memory stays pinned, and memory profilers blame the line that allocated the base rather than the view that holds it. Copying the view (`.copy()`) lets the base go.",
    bad: "def column(path):\n    huge = np.load(path)\n    return huge[:, 100]   # pins all of huge\n",
    good: "def column(path):\n    huge = np.load(path)\n    return huge[:, 100].copy()   # 1 column; huge is freed on return\n",
    fix: { safety: "unsafe", description: "Appends `.copy()` to the view expression. Unsafe: later writes through the view no longer reach the base." },
  },
  {
    code: "NV002",
    name: "ineffective-del",
    defaultSeverity: "warning",
    summary: "`del` or rebinding frees nothing: views or aliases still hold the buffer.",
    rationale:
      "`del x` only removes a name; the buffer is freed when the last reference to it is gone, and views and aliases are references. When another live name still shares the buffer, deleting or rebinding `x` frees nothing, and a `gc.collect()` after it does not help either: NumPy buffers are reference-counted, not collected. Copy the small view where it is made, or delete the views too.",
    bad: "arr = np.zeros(10_000_000)\nsmall = arr[:10]\ndel arr        # frees nothing: small holds all 80 MB\n",
    good: "arr = np.zeros(10_000_000)\nsmall = arr[:10].copy()\ndel arr        # frees 80 MB\n",
    fix: { safety: "unsafe", description: "Appends `.copy()` where the holding view was made, when that view is small. Unsafe: writes through the view no longer reach the base." },
  },
  {
    code: "NV003",
    name: "write-through-view",
    defaultSeverity: "information",
    summary: "A write into a view or alias also changes its base, which is used later.",
    rationale:
      "Basic slicing, `.T`, `reshape` (when it can) and many other operations return views: writing into the view writes into the base. When the base is read afterwards, or belongs to the caller, the change may be a surprise to whoever reads it. Writes whose purpose is to fill an output array through a view (`col = out[:, 0]; col[:] = 1`, with `out` made by `np.zeros`/`np.empty`) are not flagged.",
    bad: "def center(x):\n    col = x[:, 0]\n    col -= col.mean()   # also changes the caller's x\n    return col\n",
    good: "def center(x):\n    col = x[:, 0].copy()\n    col -= col.mean()\n    return col\n",
    fix: { safety: "unsafe", description: "Appends `.copy()` to the expression that made the view. Unsafe: the write no longer reaches the base, which may have been intended." },
  },
  {
    code: "NV004",
    name: "assignment-to-copy",
    defaultSeverity: "warning",
    summary: "A write into a temporary copy has no effect.",
    rationale:
      "Fancy indexing (integer lists and arrays), boolean masks, `flatten()`, `np.sort()` and similar calls return a new array. Writing into that temporary changes a copy that nothing keeps, so the original array is unchanged and the write is lost: `a[[0, 1]][0] = 5` and `a[mask][:] = 0` do nothing to `a`. Index the original array in one step instead (`a[mask] = 0`).",
    bad: "a[mask][:] = 0        # a is unchanged\n",
    good: "a[mask] = 0\n",
    fix: { safety: "safe", description: "Rewrites `a[idx][:] = v` (and `a[idx][...] = v`) as `a[idx] = v`; other shapes of the write have no mechanical fix." },
  },
  {
    code: "NV005",
    name: "redundant-copy",
    defaultSeverity: "information",
    summary: "`.copy()`, `np.copy` or `np.array` of a value that is already a fresh copy.",
    rationale:
      "Fancy indexing, arithmetic, `astype` and most NumPy functions already return a new array that shares memory with nothing. Copying that temporary again allocates and fills a second buffer for no benefit: the cost is a full extra pass over the data and, for a moment, twice the memory.",
    bad: "picked = a[[1, 2]].copy()\nscaled = np.array(a * 2)\n",
    good: "picked = a[[1, 2]]\nscaled = a * 2\n",
    fix: { safety: "safe", description: "Removes the copy: `x.copy()` becomes `x`, `np.copy(x)` and `np.array(x)` become `x`." },
  },
  {
    code: "NV006",
    name: "readonly-write",
    defaultSeverity: "error",
    summary: "A write into a read-only array raises `ValueError` at run time.",
    rationale:
      "Some arrays cannot be written: the results of `np.broadcast_to`, `diagonal()`, `sliding_window_view` (unless `writeable=True`), `np.frombuffer` of `bytes`, and arrays after `a.flags.writeable = False` or `a.setflags(write=False)`. Writing into them raises `ValueError: assignment destination is read-only`. Copy first when a writable array is needed.",
    bad: "row = np.broadcast_to(v, (3, 4))\nrow[0, 0] = 1      # ValueError\n",
    good: "row = np.broadcast_to(v, (3, 4)).copy()\nrow[0, 0] = 1\n",
    fix: null,
  },
  {
    code: "NV007",
    name: "maybe-view-write",
    defaultSeverity: "warning",
    summary: "A write into a result that is a view or a copy depending on run-time layout.",
    rationale:
      "`reshape` and `ravel` return a view when the memory layout allows and a copy otherwise; `np.asarray` returns its input unchanged when it already is an array of the right dtype; `astype(..., copy=False)` copies only when the dtype differs. Writing into such a result changes the source on some inputs and not on others, so the code's effect depends on data it cannot see. Make the intent explicit with `.copy()` (never change the source) or by writing into the source directly.",
    bad: "def clear_first(x):\n    flat = x.reshape(-1)\n    flat[0] = 0        # changes x only if x is contiguous\n",
    good: "def clear_first(x):\n    flat = x.reshape(-1).copy()\n    flat[0] = 0\n",
    fix: { safety: "unsafe", description: "Appends `.copy()` to the expression whose kind depends on layout, making the write never reach the source." },
  },
];

const BY_CODE = new Map(RULES.map((r) => [r.code, r]));

/** The metadata of a rule code (case-insensitive), or undefined. */
export function ruleMeta(code: string): RuleMeta | undefined {
  return BY_CODE.get(code.toUpperCase() as RuleCode);
}
