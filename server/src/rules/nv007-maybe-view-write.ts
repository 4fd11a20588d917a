// NV007 maybe-view-write: a write into a result that is a view or a copy depending on run-time layout or arguments.
import type { Analysis, WriteEvent } from "../engine/engine";
import type { Rule } from "./rule";
import type { Finding, RuleMeta } from "./types";
import { appendCopy, copyFix, finding, findingsFor, quote } from "./util";

const meta: RuleMeta = {
  code: "NV007",
  name: "maybe-view-write",
  defaultSeverity: "warning",
  summary: "A write into a result that is a view or a copy depending on run-time layout.",
  rationale:
    "`reshape` and `ravel` return a view when the memory layout allows and a copy otherwise; `np.asarray` returns its input unchanged when it already is an array of the right dtype; `astype(..., copy=False)` copies only when the dtype differs. Writing into such a result changes the source on some inputs and not on others, so what the code does depends on data it cannot see. Make the intent explicit with `.copy()` (never change the source) or by writing into the source directly. Writes are flagged only while the source can still be observed: it belongs to the caller or another live name holds it (`p = np.asarray(p, dtype=float)` followed by writes into `p` is fine).",
  bad: "def clear_first(x: np.ndarray):\n    flat = x.reshape(-1)\n    flat[0] = 0        # changes x only if x is contiguous\n",
  good: "def clear_first(x: np.ndarray):\n    flat = x.reshape(-1).copy()\n    flat[0] = 0\n",
  fix: { safety: "unsafe", description: "Appends `.copy()` to the expression whose kind depends on layout, so the write never reaches the source." },
};

const FROM: Record<string, string> = {
  "ndarray.reshape": "`reshape` views when the layout allows, else copies",
  "numpy.reshape": "`np.reshape` views when the layout allows, else copies",
  "ndarray.ravel": "`ravel` views when the layout allows, else copies",
  "numpy.ravel": "`np.ravel` views when the layout allows, else copies",
  "numpy.asarray": "`np.asarray` returns its input itself when it already is a suitable array",
  "numpy.asanyarray": "`np.asanyarray` returns its input itself when it already is an array",
  "numpy.ascontiguousarray": "`np.ascontiguousarray` copies only when the input is not contiguous",
  "numpy.asfortranarray": "`np.asfortranarray` copies only when the input is not Fortran-ordered",
  "numpy.array": "`np.array(..., copy=None)` copies only when needed",
  "ndarray.astype": "`astype(copy=False)` copies only when the dtype differs",
  "numpy.atleast_1d": "`np.atleast_1d` returns its input itself when it already has enough dimensions",
  "numpy.atleast_2d": "`np.atleast_2d` returns its input itself when it already has enough dimensions",
  "numpy.atleast_3d": "`np.atleast_3d` returns its input itself when it already has enough dimensions",
};

function check(analysis: Analysis, ev: WriteEvent): Finding | null {
  if (!ev.array.maybe || !ev.array.sourceObservable || ev.array.writeable === false || ev.array.temporary === "copy") return null;
  const target = ev.name !== null ? `\`${ev.name}\`` : `\`${quote(analysis, ev.target)}\``;
  const reason = [...ev.array.entries]
    .reverse()
    .map((e) => FROM[e])
    .find((w) => w !== undefined);
  const message = `${target} may be a view or a copy depending on run-time layout${reason !== undefined ? ` (${reason})` : ""}: whether this write changes the source cannot be known from the code.`;
  const site = ev.array.view.site;
  const related = site !== null && site.start !== ev.target.start ? [{ span: site, message: "The layout-dependent result is made here" }] : [];
  const fix = site !== null ? copyFix(meta, appendCopy(site, true), "Copy the result so the source never changes") : null;
  return finding(meta, ev.at, message, { related, fix });
}

export const maybeViewWrite: Rule = {
  meta,
  check: (analysis) => findingsFor(analysis, "write", (ev) => check(analysis, ev)),
};
