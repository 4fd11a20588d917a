// Edits behind the code actions, in offsets of the analysed text: `# noqa` suppression and the safe fix-all selection.
import type { LineIndex } from "../engine/line-index";
import type { Span } from "../parse/ast";
import { parseNoqa, suppresses } from "../rules/noqa";
import type { Finding, Fix, TextEdit } from "../rules/types";

const NOQA_LIST = /#\s*noqa:[ \t]*[A-Za-z]+[0-9]+(?:[ \t]*,?[ \t]*[A-Za-z]+[0-9]+)*/i;

/**
 * The edit that suppresses `code` on the line of `offset`: appends to an existing `# noqa: A, B` list, else adds
 * `  # noqa: CODE` at the end of the line. Null when the line already suppresses `code` (or every rule).
 */
export function noqaEdit(options: { text: string; lines: LineIndex; offset: number; code: string }): TextEdit | null {
  const { text, lines, offset, code } = options;
  const line = lines.position(offset).line;
  const lineText = lines.lineText(line);
  if (suppresses(parseNoqa(lineText), code)) return null;
  const lineStart = lines.offset({ line, character: 0 });
  const hash = lineText.indexOf("#");
  const list = hash < 0 ? null : NOQA_LIST.exec(lineText.slice(hash));
  if (list !== null && hash >= 0) {
    const at = lineStart + hash + list.index + list[0].length;
    return { span: { start: at, end: at }, newText: `, ${code}` };
  }
  let end = lineStart + lineText.length;
  while (end > lineStart && (text.charAt(end - 1) === " " || text.charAt(end - 1) === "\t")) end--;
  return { span: { start: end, end: lineStart + lineText.length }, newText: `  # noqa: ${code}` };
}

/**
 * The safe fixes of `findings` that can be applied together: unsafe fixes are never taken, and a fix whose edits
 * overlap an already chosen one is left for a later fix-all (the same rule as `applyFixes`).
 */
export function safeFixes(findings: readonly Finding[], accept: (span: Span) => boolean = () => true): Fix[] {
  const taken: Span[] = [];
  const chosen: Fix[] = [];
  for (const finding of findings) {
    const fix = finding.fix;
    if (fix === null || fix.safety !== "safe" || fix.edits.length === 0) continue;
    if (!fix.edits.every((e) => accept(e.span))) continue;
    const overlaps = fix.edits.some((e) =>
      taken.some((t) => (e.span.start < t.end && t.start < e.span.end) || (e.span.start === e.span.end && e.span.start === t.start)),
    );
    if (overlaps) continue;
    for (const e of fix.edits) taken.push(e.span);
    chosen.push(fix);
  }
  return chosen;
}
