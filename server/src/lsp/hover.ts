// Hover contents at an offset of the analysed text: a name (what its binding holds), the value of an assignment,
// or a rule code in a `# noqa` comment (that rule's documentation). Offsets in, Markdown and spans out.
import type { Analysis } from "../engine/engine";
import type { Span } from "../parse/ast";
import { ruleMeta, RULES } from "../rules/registry";
import { bindingHoverMarkdown, code, ruleHoverMarkdown } from "./describe";
import { bindingAtTarget, bindingForRead, type BlockIndex, identifierAt, inComment } from "./name-lookup";
import type { TextMap } from "./text-map";

/** What to show and which span of the analysed text it describes. */
export interface HoverContent {
  readonly markdown: string;
  readonly span: Span;
}

/** The hover at `offset`, or null when there is nothing useful to say. */
export function hoverAt(options: { analysis: Analysis; map: TextMap; blocks: BlockIndex; offset: number }): HoverContent | null {
  const { analysis, map, blocks, offset } = options;
  const text = map.text;
  if (inComment(text, offset)) return noqaHover(text, offset);
  const ident = identifierAt(text, offset);
  if (ident !== null && !ident.attribute) {
    const target = bindingAtTarget(analysis.bindings, offset);
    const binding = target ?? bindingForRead({ bindings: analysis.bindings, blocks, name: ident.name, offset });
    if (binding === null) return null;
    const markdown = bindingHoverMarkdown(binding, map);
    return markdown === null ? null : { markdown, span: ident.span };
  }
  return assignedValueHover(analysis, map, offset);
}

/**
 * Hover over the right-hand side of `name = <expr>` (outside any name: brackets, operators, attribute and method
 * names): the engine has facts for bindings, not for sub-expressions, so this describes the value assigned to `name`.
 */
function assignedValueHover(analysis: Analysis, map: TextMap, offset: number): HoverContent | null {
  const text = map.text;
  const lineStart = text.lastIndexOf("\n", offset - 1) + 1;
  let best: { name: string; rhsStart: number; binding: (typeof analysis.bindings)[number] } | null = null;
  for (const b of analysis.bindings) {
    if (b.span.start < lineStart || b.span.end > offset) continue;
    const eq = /^[ \t]*=(?!=)[ \t]*/.exec(text.slice(b.span.end, offset + 1));
    if (eq === null) continue;
    const rhsStart = b.span.end + eq[0].length;
    if (rhsStart <= offset && (best === null || b.span.start > best.binding.span.start)) best = { name: b.name, rhsStart, binding: b };
  }
  if (best === null) return null;
  let lineEnd = text.indexOf("\n", offset);
  if (lineEnd < 0) lineEnd = text.length;
  let rhsEnd = lineEnd;
  for (let i = best.rhsStart; i < lineEnd; i++) {
    if (text.charAt(i) === "#" && inComment(text, i + 1)) {
      rhsEnd = i;
      break;
    }
  }
  while (rhsEnd > best.rhsStart && /\s/.test(text.charAt(rhsEnd - 1))) rhsEnd--;
  if (offset >= rhsEnd) return null;
  const markdown = bindingHoverMarkdown(best.binding, map, { asValueOf: true });
  return markdown === null ? null : { markdown, span: { start: best.rhsStart, end: rhsEnd } };
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
