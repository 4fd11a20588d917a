// NV002 ineffective-del: `del x` (or rebinding x) frees nothing while views or aliases still hold x's buffer.
import type { ReleaseEvent } from "../engine/engine";
import type { Rule } from "./rule";
import type { Finding, RuleMeta, RuleOptions, TextEdit } from "./types";
import { formatBytes } from "./size";
import { appendCopy, copyFix, finding, findingsFor, isLarge, isMuchSmaller } from "./util";

const meta: RuleMeta = {
  code: "NV002",
  name: "ineffective-del",
  defaultSeverity: "warning",
  summary: "`del` or rebinding frees nothing: views or aliases still hold the buffer.",
  rationale:
    "`del x` only removes a name; the buffer is freed when the last reference to it is gone, and views and aliases are references. When another live name still shares the buffer, deleting `x` frees nothing, and a `gc.collect()` after it does not help either: NumPy buffers are reference-counted, not collected. Copy the small view where it is made, or delete the views too. Rebinding `x` to another value is flagged only when the buffer is large (at least the threshold) and outside loops.",
  bad: "arr = np.zeros(10_000_000)\nsmall = arr[:10]\ndel arr        # frees nothing: small holds all 80 MB\n",
  good: "arr = np.zeros(10_000_000)\nsmall = arr[:10].copy()\ndel arr        # frees 80 MB\n",
  fix: {
    safety: "unsafe",
    description:
      "Appends `.copy()` where each holding view was made, when every holder is a small view. Unsafe: writes through the views no longer reach the base.",
  },
};

function check(ev: ReleaseEvent, options: RuleOptions): Finding | null {
  if (ev.how === "rebind" && !isLarge(ev.buffer, options)) return null;
  const names = ev.holders.map((h) => `\`${h.name}\` (${h.relation === "view" ? "a view" : "the same array"})`);
  const list = names.length <= 1 ? (names[0] ?? "") : `${names.slice(0, -1).join(", ")} and ${names[names.length - 1] ?? ""}`;
  const size = ev.buffer.nbytes !== null ? `its ${formatBytes(ev.buffer.nbytes)} buffer` : "its buffer";
  const action = ev.how === "del" ? `\`del ${ev.name}\`` : `Rebinding \`${ev.name}\``;
  const gc = ev.gcFollows ? "; `gc.collect()` will not free it either" : "";
  const message = `${action} frees nothing: ${list} still ${ev.holders.length === 1 ? "holds" : "hold"} ${size}${gc}.`;
  const related = ev.holders
    .filter((h) => h.bindingSite !== null)
    .map((h) => ({ span: h.bindingSite ?? ev.at, message: `\`${h.name}\` is bound here and still holds the buffer` }));
  const fixable = ev.holders.every((h) => h.relation === "view" && h.view.site !== null && isMuchSmaller(h.view, ev.buffer, options));
  const edits: TextEdit[] = fixable ? ev.holders.flatMap((h) => (h.view.site === null ? [] : appendCopy(h.view.site, true))) : [];
  const fix = copyFix(meta, edits, ev.holders.length === 1 ? `Copy \`${ev.holders[0]?.name ?? ""}\` where it is made` : "Copy the views where they are made");
  return finding(meta, ev.at, message, { related, fix });
}

export const ineffectiveDel: Rule = {
  meta,
  check: (analysis, options) => findingsFor(analysis, "release", (ev) => check(ev, options)),
};
