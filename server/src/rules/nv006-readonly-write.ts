// NV006 readonly-write: a write into a read-only array raises `ValueError: assignment destination is read-only`.
import type { Analysis, WriteEvent } from "../engine/engine";
import type { Rule } from "./rule";
import type { Finding, RuleMeta } from "./types";
import { finding, findingsFor, quote } from "./util";

const meta: RuleMeta = {
  code: "NV006",
  name: "readonly-write",
  defaultSeverity: "error",
  summary: "A write into a read-only array raises `ValueError` at run time.",
  rationale:
    "Some arrays cannot be written: the results of `np.broadcast_to`, `diagonal()`, `sliding_window_view` (unless `writeable=True`), `np.frombuffer` of `bytes`, and arrays after `a.flags.writeable = False` or `a.setflags(write=False)`. Writing into them (item assignment, in-place operators, in-place methods, `out=`) raises `ValueError: assignment destination is read-only`. Copy first when a writable array is needed.",
  bad: "row = np.broadcast_to(v, (3, 4))\nrow[0, 0] = 1      # ValueError\n",
  good: "row = np.broadcast_to(v, (3, 4)).copy()\nrow[0, 0] = 1\n",
  fix: null,
};

/** Why an array is read-only, from the entry that made it so. */
const WHY: Record<string, string> = {
  "numpy.broadcast_to": "`np.broadcast_to` returns a read-only view",
  "numpy.broadcast_arrays": "`np.broadcast_arrays` returns read-only views",
  "ndarray.diagonal": "`diagonal()` returns a read-only view",
  "numpy.diagonal": "`np.diagonal` returns a read-only view",
  "numpy.diag": "`np.diag` of a 2-D array returns a read-only view",
  "numpy.lib.stride_tricks.sliding_window_view": "`sliding_window_view` is read-only unless `writeable=True`",
  "numpy.frombuffer": "`np.frombuffer` of immutable bytes is read-only",
  "ndarray.setflags": "its `writeable` flag was cleared",
};

function check(analysis: Analysis, ev: WriteEvent): Finding | null {
  if (ev.array.writeable !== false) return null;
  const target = ev.name !== null ? `\`${ev.name}\`` : `\`${quote(analysis, ev.target)}\``;
  const reason =
    [...ev.array.entries]
      .reverse()
      .map((e) => WHY[e])
      .find((w) => w !== undefined) ?? "its `writeable` flag is off";
  const message = `${target} is read-only (${reason}): this write raises \`ValueError: assignment destination is read-only\`.`;
  const related =
    ev.array.view.site !== null && ev.array.view.site.start !== ev.target.start
      ? [{ span: ev.array.view.site, message: "The read-only array is made here" }]
      : [];
  return finding(meta, ev.at, message, { related });
}

export const readonlyWrite: Rule = {
  meta,
  check: (analysis) => findingsFor(analysis, "write", (ev) => check(analysis, ev)),
};
