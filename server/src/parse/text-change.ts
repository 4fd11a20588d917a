// The one span where two versions of a document differ, and what it does to offsets on either side of it.

/** `[start, oldEnd)` of the old text became `[start, newEnd)` of the new one; the texts agree around it. */
export interface TextChange {
  readonly start: number;
  readonly oldEnd: number;
  readonly newEnd: number;
}

/**
 * Where an offset of the new text was in the old one: unchanged before the change, moved back after it, and null
 * inside it (that text is new). `isEnd`: an exclusive end offset, which may sit right at the change's start.
 */
export function oldOffset(change: TextChange, offset: number, isEnd: boolean): number | null {
  if (offset < change.start || (isEnd && offset === change.start)) return offset;
  if (offset >= change.newEnd) return offset - (change.newEnd - change.oldEnd);
  return null;
}

/** Where an offset of the old text is in the new one (null inside the change: that text is gone). */
export function newOffset(change: TextChange, offset: number, isEnd: boolean): number | null {
  if (offset < change.start || (isEnd && offset === change.start)) return offset;
  if (offset >= change.oldEnd) return offset + (change.newEnd - change.oldEnd);
  return null;
}

/**
 * Offsets inside an analysis's identifiers and descriptions: heap ids name their allocation site (`s120_135#o`,
 * `…@120_135`) and sites are written `"start":120,"end":135` in JSON.
 */
const OFFSETS = /([s@])(\d+)_(\d+)|"start":(\d+),"end":(\d+)/g;

/**
 * `text` with every span it names moved by `move` (ids and JSON sites, see {@link OFFSETS}); null when one cannot be
 * moved: it touches the change (its text may differ, though its ends map). Other numbers are left alone.
 */
export function moveOffsetsIn(text: string, change: TextChange, move: typeof oldOffset): string | null {
  let failed = false;
  const moved = text.replace(
    OFFSETS,
    (whole, mark: string | undefined, idStart: string | undefined, idEnd: string | undefined, start: string | undefined, end: string | undefined) => {
      const from = Number(idStart ?? start);
      const to = Number(idEnd ?? end);
      const s = move(change, from, false);
      const e = move(change, to, true);
      if (s === null || e === null || (from < change.start && to > change.start)) {
        failed = true;
        return whole;
      }
      return mark !== undefined ? `${mark}${s}_${e}` : `"start":${s},"end":${e}`;
    },
  );
  return failed ? null : moved;
}
