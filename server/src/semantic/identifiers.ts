// Counts identifier-like words in source text (code, strings and comments alike), and keeps such counts up to date
// across an edit by recounting only the words the edit touched.
import type { TextChange } from "../parse/text-change";

/** True for a UTF-16 unit that can be part of an identifier: `[A-Za-z0-9_]` or anything from U+00C0 up. */
function isWordUnit(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c >= 0xc0;
}

/**
 * Adds `sign` for each identifier in `text` to `counts`: a maximal run of word units without its leading digits
 * (`[A-Za-z_\u00c0-\uffff][\w\u00c0-\uffff]*`, found anywhere, in strings and comments too).
 */
export function countIdentifiers(text: string, counts: Map<string, number> = new Map(), sign = 1): Map<string, number> {
  const n = text.length;
  let i = 0;
  while (i < n) {
    if (!isWordUnit(text.charCodeAt(i))) {
      i++;
      continue;
    }
    let start = i;
    while (i < n && isWordUnit(text.charCodeAt(i))) i++;
    while (start < i && text.charCodeAt(start) >= 48 && text.charCodeAt(start) <= 57) start++;
    if (start === i) continue;
    const word = text.slice(start, i);
    const count = (counts.get(word) ?? 0) + sign;
    if (count === 0) counts.delete(word);
    else counts.set(word, count);
  }
  return counts;
}

/**
 * Updates the counts of `oldText` to those of `newText`, where `[start, oldEnd)` of the old text became
 * `[start, newEnd)` (both texts share what lies around). Only the words touching the change are recounted.
 */
export function updateIdentifierCounts(counts: Map<string, number>, oldText: string, newText: string, change: TextChange): void {
  // Widen the change to whole words: the texts agree before `start` and after the ends, so both widen alike.
  let start = change.start;
  while (start > 0 && isWordUnit(newText.charCodeAt(start - 1))) start--;
  let oldEnd = change.oldEnd;
  let newEnd = change.newEnd;
  while (oldEnd < oldText.length && isWordUnit(oldText.charCodeAt(oldEnd))) {
    oldEnd++;
    newEnd++;
  }
  countIdentifiers(oldText.slice(start, oldEnd), counts, -1);
  countIdentifiers(newText.slice(start, newEnd), counts, 1);
}
