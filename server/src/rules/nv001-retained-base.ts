// NV001 retained-base: a small view of a large array outlives the code that needs the array, pinning all of it.
import type { Analysis, EscapeEvent, ReleaseEvent } from "../engine/engine";
import { formatBytes } from "./size";
import type { Rule } from "./rule";
import type { Finding, RuleMeta, RuleOptions } from "./types";
import { appendCopy, baseLabel, baseRelated, copyFix, finding, isLarge, isMuchSmaller, quote, allOf } from "./util";

const meta: RuleMeta = {
  code: "NV001",
  name: "retained-base",
  defaultSeverity: "warning",
  summary: "A small view keeps a large base array alive.",
  rationale:
    "A view shares its base's buffer, so the whole buffer stays allocated for as long as the view lives, however few elements the view shows. When a small view of a large array is returned, yielded, stored in an attribute, a global or a container, captured by a lambda or nested function that leaves the function, or outlives a `del` of its base, all of the base's memory stays pinned, and memory profilers blame the line that allocated the base rather than the view that holds it. Copying the view (`.copy()`) lets the base go. Large means at least the threshold (1 MiB by default), or read from a file (`np.load`, `np.fromfile`, `np.loadtxt`, `np.genfromtxt`) with no known small size; arrays passed in by a caller never trigger the rule, since the caller holds them anyway.",
  bad: "def column(path):\n    huge = np.load(path)\n    return huge[:, 100]   # pins all of huge\n",
  good: "def column(path):\n    huge = np.load(path)\n    return huge[:, 100].copy()   # one column; huge is freed on return\n",
  fix: { safety: "unsafe", description: "Appends `.copy()` to the view expression. Unsafe: later writes through the view no longer reach the base." },
};

const HOW: Record<EscapeEvent["how"], string> = {
  return: "returned",
  yield: "yielded",
  attribute: "stored in an attribute",
  global: "stored in a global",
  container: "stored in a container",
  closure: "captured by a closure that outlives the function",
};

function needs(view: { nbytes: number | null }): string {
  return view.nbytes !== null ? `; it needs ${formatBytes(view.nbytes)}` : "";
}

function fromEscape(analysis: Analysis, ev: EscapeEvent, options: RuleOptions): Finding | null {
  if (ev.baseEscapes || !isLarge(ev.buffer, options) || !isMuchSmaller(ev.view, ev.buffer, options)) return null;
  const subject = ev.name !== null ? `\`${ev.name}\` (a view, ${HOW[ev.how]})` : `The view \`${quote(analysis, ev.at)}\` (${HOW[ev.how]})`;
  const message = `${subject} keeps ${allOf(ev.buffer, baseLabel(analysis, ev.buffer, null))} alive${needs(ev.view)}. Copy it to let the base go.`;
  const related = [...baseRelated(ev.buffer, ev.buffer.ownerName)];
  if (ev.view.site !== null && (ev.view.site.start !== ev.at.start || ev.view.site.end !== ev.at.end)) {
    related.push({ span: ev.view.site, message: "The view is made here" });
  }
  // A captured view is copied where it is made (the closure's body reads it by name).
  const edits = ev.how === "closure" ? (ev.view.site === null ? [] : appendCopy(ev.view.site, true)) : appendCopy(ev.at, ev.atPrimary);
  return finding(meta, ev.at, message, { related, fix: copyFix(meta, edits) });
}

function fromRelease(ev: ReleaseEvent, options: RuleOptions): Finding[] {
  if (!isLarge(ev.buffer, options)) return [];
  const out: Finding[] = [];
  for (const h of ev.holders) {
    if (h.relation !== "view" || h.view.site === null || !isMuchSmaller(h.view, ev.buffer, options)) continue;
    const what = ev.how === "del" ? `\`del ${ev.name}\`` : `rebinding \`${ev.name}\``;
    const message = `\`${h.name}\` keeps ${allOf(ev.buffer, `\`${ev.name}\``)} alive after ${what}${needs(h.view)}. Copy it to let the base go.`;
    const related = [
      { span: ev.at, message: `\`${ev.name}\` is ${ev.how === "del" ? "deleted" : "rebound"} here, but its buffer stays` },
      ...baseRelated(ev.buffer, ev.name),
    ];
    out.push(finding(meta, h.view.site, message, { related, fix: copyFix(meta, appendCopy(h.view.site, true)) }));
  }
  return out;
}

export const retainedBase: Rule = {
  meta,
  check(analysis, options) {
    const out: Finding[] = [];
    for (const ev of analysis.events) {
      if (ev.kind === "escape") {
        const f = fromEscape(analysis, ev, options);
        if (f !== null) out.push(f);
      } else if (ev.kind === "release") out.push(...fromRelease(ev, options));
    }
    return out;
  },
};
