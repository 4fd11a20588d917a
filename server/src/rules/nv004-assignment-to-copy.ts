// NV004 assignment-to-copy: a write into a temporary copy that nothing keeps has no effect.
import type { Analysis, WriteEvent } from "../engine/engine";
import type { Rule } from "./rule";
import type { Finding, RuleMeta } from "./types";
import { finding, findingsFor, quote } from "./util";

const meta: RuleMeta = {
  code: "NV004",
  name: "assignment-to-copy",
  defaultSeverity: "warning",
  summary: "A write into a temporary copy has no effect.",
  rationale:
    "Fancy indexing (integer lists and arrays), boolean masks, `flatten()`, `np.sort()` and similar calls return a new array. Writing into that temporary changes a copy that nothing keeps, so the original array is unchanged and the write is lost: `a[[0, 1]][0] = 5`, `a[mask][:] = 0`, `a.flatten()[0] = 1` and `a[idx].fill(0)` do nothing to `a`. Index the original array in one step instead (`a[mask] = 0`, `a[idx] = 0`).",
  bad: "a[mask][:] = 0        # a is unchanged\n",
  good: "a[mask] = 0\n",
  fix: { safety: "safe", description: "Rewrites `a[idx][:] = v` (and `a[idx][...] = v`) as `a[idx] = v`; other forms of the write have no mechanical fix." },
};

const WHAT: Record<WriteEvent["how"], string> = { item: "this assignment", augmented: "this in-place operation", method: "this in-place call", out: "`out=`" };

function check(analysis: Analysis, ev: WriteEvent): Finding | null {
  if (ev.array.temporary !== "copy" || ev.array.writeable === false) return null;
  const temp = quote(analysis, ev.target);
  const message = `\`${temp}\` is a new array (a copy), and nothing keeps it: ${WHAT[ev.how]} changes only that copy and is lost.`;
  const fix =
    ev.trailingFullSlice !== null && ev.how === "item"
      ? { message: `Assign through \`${temp}\` directly`, safety: "safe" as const, edits: [{ span: ev.trailingFullSlice, newText: "" }] }
      : null;
  return finding(meta, ev.at, message, { fix });
}

export const assignmentToCopy: Rule = {
  meta,
  check: (analysis) => findingsFor(analysis, "write", (ev) => check(analysis, ev)),
};
