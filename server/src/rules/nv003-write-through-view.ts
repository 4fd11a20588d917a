// NV003 write-through-view: a write into a view or alias also changes its base, which is read later or belongs to the caller.
import type { Analysis, WriteEvent } from "../engine/engine";
import type { Rule } from "./rule";
import type { Finding, RuleMeta } from "./types";
import { OUTPUT_ORIGINS, appendCopy, baseRelated, copyFix, finding, findingsFor, quote } from "./util";

const meta: RuleMeta = {
  code: "NV003",
  name: "write-through-view",
  defaultSeverity: "information",
  summary: "A write into a view or alias also changes its base, which is used later.",
  rationale:
    "Basic slicing, `.T`, `reshape` (when it can) and many other operations return views, and `b = a` makes another name for the same array: writing into the view or alias writes into the base. When the base is read afterwards, or belongs to the caller, the change may surprise whoever reads it. Writes whose purpose is to fill an array through a view are not flagged: a base made by `np.zeros`, `np.empty`, `np.ones`, `np.full`, their `*_like` forms or an explicit copy, writes through an unnamed view (`a[1:3][0] = 5`), and writes into the array itself (`a[:] = 0`).",
  bad: "def center(x: np.ndarray):\n    col = x[:, 0]\n    col -= col.mean()   # also changes the caller's x\n    return col\n",
  good: "def center(x: np.ndarray):\n    col = x[:, 0].copy()\n    col -= col.mean()\n    return col\n",
  fix: {
    safety: "unsafe",
    description: "Appends `.copy()` to the expression that made the view. Unsafe: the write no longer reaches the base, which may have been intended.",
  },
};

function check(analysis: Analysis, ev: WriteEvent): Finding | null {
  const t = ev.through;
  if (t === null || t.base === null || ev.array.maybe || ev.array.writeable === false || ev.array.temporary !== null) return null;
  const callers = t.buffer.parameter !== null && t.base === t.buffer.parameter;
  if (!callers && (!ev.readLater || (t.buffer.origin !== null && OUTPUT_ORIGINS.has(t.buffer.origin)))) return null;
  const target = ev.name !== null ? `\`${ev.name}\`` : `\`${quote(analysis, ev.target)}\``;
  const relation = t.alias ? `the same array as \`${t.base}\`` : `a view of \`${t.base}\``;
  const effect = callers ? `also changes \`${t.base}\`, the caller's array` : `also changes \`${t.base}\`, which is read later`;
  const message = `${target} is ${relation}: this write ${effect}. Use \`.copy()\` where ${ev.name !== null ? `\`${ev.name}\`` : "it"} is made if \`${t.base}\` must not change.`;
  const related = [
    ...(t.view.site !== null && !t.alias ? [{ span: t.view.site, message: `The view of \`${t.base}\` is made here` }] : []),
    ...baseRelated(t.buffer, t.base),
  ];
  const fix = !t.alias && t.view.site !== null ? copyFix(meta, appendCopy(t.view.site, true), "Copy where the view is made") : null;
  return finding(meta, ev.at, message, { related, fix });
}

export const writeThroughView: Rule = {
  meta,
  check: (analysis) => findingsFor(analysis, "write", (ev) => check(analysis, ev)),
};
