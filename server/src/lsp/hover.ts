// Hover contents at an offset of the analysed text: an assignment target (its binding), any array-valued name or
// expression (the engine's expression facts), or a rule code in a `# noqa` comment (that rule's documentation).
import type { BindingReport } from "../engine/engine";
import type { Span } from "../parse/ast";
import { ruleMeta, RULES } from "../rules/registry";
import { code, factHoverMarkdown, ruleHoverMarkdown } from "./describe";
import type { TextMap } from "./text-map";

/** What to show and which span of the analysed text it describes. */
export interface HoverContent {
  readonly markdown: string;
  readonly span: Span;
}

/**
 * The hover at `offset`, or null when there is nothing useful to say. `bindings` are the assignment targets and
 * `expressions` the array-valued expressions (sorted by start, outermost first), both from the engine; expressions
 * are asked for only when no binding or comment answers (see {@link needsExpressions}).
 */
export function hoverAt(options: {
  bindings: readonly BindingReport[];
  expressions: () => readonly BindingReport[];
  map: TextMap;
  offset: number;
}): HoverContent | null {
  const { bindings, map, offset } = options;
  if (inComment(map.text, offset)) return noqaHover(map.text, offset);
  // The character under the mouse first; then the one before, for a cursor just after a name (`tiny|`).
  for (const at of [offset, offset - 1]) {
    const fact = bindings.find((b) => contains(b.span, at)) ?? innermost(options.expressions(), at);
    if (fact === undefined) continue;
    const markdown = factHoverMarkdown(fact, map);
    return markdown === null ? null : { markdown, span: fact.span };
  }
  return null;
}

/**
 * Whether {@link hoverAt} needs the expression facts at `offset`. An assignment target under the mouse or a comment
 * is answered from the diagnostics' own analysis, so hovering a name where it is assigned never waits for the
 * engine's second pass over the file.
 */
export function needsExpressions(options: { bindings: readonly BindingReport[]; map: TextMap; offset: number }): boolean {
  const { bindings, map, offset } = options;
  return !inComment(map.text, offset) && !bindings.some((b) => contains(b.span, offset));
}

const contains = (span: Span, offset: number) => span.start <= offset && offset < span.end;

/** The smallest expression whose span contains `offset`. */
function innermost(expressions: readonly BindingReport[], offset: number): BindingReport | undefined {
  let best: BindingReport | undefined;
  for (const e of expressions) {
    if (e.span.start > offset) break;
    if (contains(e.span, offset) && (best === undefined || e.span.end - e.span.start <= best.span.end - best.span.start)) best = e;
  }
  return best;
}

/** True when `offset` is inside a `#` comment of its line (quotes are tracked per line; triple-quoted strings are not). */
export function inComment(text: string, offset: number): boolean {
  const lineStart = text.lastIndexOf("\n", offset - 1) + 1;
  let quote: string | null = null;
  for (let i = lineStart; i < offset && i < text.length; i++) {
    const c = text.charAt(i);
    if (c === "\n") return false;
    if (quote !== null) {
      if (c === "\\") i++;
      else if (c === quote) quote = null;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === "#") return true;
  }
  return false;
}

/** Hover over `# noqa: NV001, NV003`: the documentation of the code under the cursor, or a list on `noqa` itself. */
function noqaHover(text: string, offset: number): HoverContent | null {
  const lineStart = text.lastIndexOf("\n", offset - 1) + 1;
  let lineEnd = text.indexOf("\n", offset);
  if (lineEnd < 0) lineEnd = text.length;
  const line = text.slice(lineStart, lineEnd);
  const noqa = /#\s*noqa(?::[ \t]*([A-Za-z]+[0-9]+(?:[\s,]+[A-Za-z]+[0-9]+)*))?/i.exec(line);
  if (noqa === null) return null;
  const noqaStart = lineStart + noqa.index;
  const column = offset - lineStart;
  for (const m of line.matchAll(/[A-Za-z]+[0-9]+/g)) {
    if (m.index < noqa.index || m.index > noqa.index + noqa[0].length) continue;
    if (column >= m.index && column <= m.index + m[0].length) {
      const meta = ruleMeta(m[0]);
      if (meta === undefined) return null;
      return { markdown: ruleHoverMarkdown(meta), span: { start: lineStart + m.index, end: lineStart + m.index + m[0].length } };
    }
  }
  if (offset < noqaStart || offset > noqaStart + noqa[0].length) return null;
  const codes = noqa[1] === undefined ? null : noqa[1].split(/[\s,]+/).filter((c) => c !== "");
  const listed = codes === null ? RULES : codes.map((c) => ruleMeta(c)).filter((m) => m !== undefined);
  const heading = codes === null ? "`# noqa` suppresses every numpy-views rule on this line:" : "Suppressed on this line:";
  const items = listed.map((m) => `- **${m.code}** ${code(m.name)}: ${m.summary}`);
  return { markdown: [heading, items.join("\n")].join("\n\n"), span: { start: noqaStart, end: noqaStart + noqa[0].length } };
}
