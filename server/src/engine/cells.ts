// Notebook cells analysed as one program: cells are joined in order, and offsets map back to (cell, offset in cell).

/** Where an offset of the joined text falls: which cell, and the offset inside that cell's own text. */
export interface CellOffset {
  readonly cell: number;
  readonly offset: number;
}

/** Code cells joined into one module, as a user runs them top to bottom. */
export interface JoinedCells {
  readonly text: string;
  /** Offset of each cell's first character in {@link JoinedCells.text}. */
  readonly starts: readonly number[];
  /** Maps an offset of the joined text back to its cell; offsets in the separators map to the end of the previous cell. */
  cellOf(offset: number): CellOffset;
  /** Maps a (cell, offset in cell) pair to an offset of the joined text. */
  offsetOf(cell: number, offset: number): number;
}

// IPython lines that are not Python (`%matplotlib inline`, `!pip install x`, `%%time`): turned into comments of the same length.
const MAGIC_LINE = /^([ \t]*)([%!])/gm;

/**
 * Joins code cells with a blank line between them. Magic and shell lines become comments of the
 * same length, so every offset inside a cell maps one-to-one into the joined text.
 */
export function joinCells(cells: readonly string[]): JoinedCells {
  const starts: number[] = [];
  const lengths: number[] = [];
  let text = "";
  cells.forEach((cell, i) => {
    if (i > 0) text += text.endsWith("\n") ? "\n" : "\n\n";
    starts.push(text.length);
    lengths.push(cell.length);
    text += cell.replace(MAGIC_LINE, (_m, indent: string) => `${indent}#`);
  });
  const cellOf = (offset: number): CellOffset => {
    let lo = 0;
    let hi = starts.length - 1;
    if (hi < 0) return { cell: 0, offset: 0 };
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { cell: lo, offset: Math.min(offset - (starts[lo] ?? 0), lengths[lo] ?? 0) };
  };
  const offsetOf = (cell: number, offset: number): number => (starts[cell] ?? text.length) + offset;
  return { text, starts, cellOf, offsetOf };
}
