// NV005 redundant-copy: `.copy()`, `np.copy` or `np.array` of a value that already is a fresh copy.
import type { Analysis, CopyEvent } from "../engine/engine";
import type { Rule } from "./rule";
import type { Finding, RuleMeta } from "./types";
import { finding, findingsFor, quote } from "./util";

const meta: RuleMeta = {
  code: "NV005",
  name: "redundant-copy",
  defaultSeverity: "information",
  summary: "`.copy()`, `np.copy` or `np.array` of a value that is already a fresh copy.",
  rationale:
    "Fancy indexing, boolean masks, arithmetic, `astype` and most NumPy functions already return a new array that shares memory with nothing. Copying that temporary again allocates and fills a second buffer for no benefit: a full extra pass over the data and, for a moment, twice the memory. Only copies without arguments are flagged (`np.array(x, dtype=...)` and `x.copy(order=...)` may be doing real work).",
  bad: "picked = a[[1, 2]].copy()\nscaled = np.array(a * 2)\n",
  good: "picked = a[[1, 2]]\nscaled = a * 2\n",
  fix: { safety: "safe", description: "Removes the copy: `x.copy()` becomes `x`, `np.copy(x)` and `np.array(x)` become `x`." },
};

const NAME: Record<string, string> = { "ndarray.copy": "`.copy()`", "numpy.copy": "`np.copy`", "numpy.array": "`np.array`" };

function check(analysis: Analysis, ev: CopyEvent): Finding | null {
  if (!ev.fresh || !ev.plain || ev.removal === null) return null;
  const source = quote(analysis, ev.source);
  const message = `\`${source}\` is already a new array that nothing else shares: ${NAME[ev.entry] ?? "the copy"} copies it again for nothing.`;
  const span = ev.form === "method" ? ev.removal.span : ev.at;
  const fix = { message: `Remove the redundant ${ev.form === "method" ? "`.copy()`" : "copy"}`, safety: "safe" as const, edits: [ev.removal] };
  return finding(meta, span, message, { fix, unnecessary: true });
}

export const redundantCopy: Rule = {
  meta,
  check: (analysis) => findingsFor(analysis, "copy", (ev) => check(analysis, ev)),
};
