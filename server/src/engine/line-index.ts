// Converts offsets (UTF-16 code units) into line/column positions, for the LSP (UTF-16) and the CLI (code points).

/** A 0-based line and a 0-based column. */
export interface Position {
  readonly line: number;
  readonly character: number;
}

/** Line starts of one text, for offset → position lookups by binary search. */
export class LineIndex {
  /** Computed on first use: most analyses report nothing and never ask for a position. */
  private lineStarts: Uint32Array | null = null;

  constructor(private readonly text: string) {}

  private get starts(): Uint32Array {
    return (this.lineStarts ??= lineStarts(this.text));
  }

  /** The 0-based line `offset` is on. */
  lineAt(offset: number): number {
    const starts = this.starts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** The offset where 0-based `line` starts. */
  lineStart(line: number): number {
    return this.starts[line] ?? 0;
  }

  /** 0-based line and UTF-16 column (what LSP positions use by default). */
  position(offset: number): Position {
    const line = this.lineAt(offset);
    return { line, character: offset - (this.starts[line] ?? 0) };
  }

  /** 0-based line and column counted in Unicode code points (what the CLI reports, as Ruff does). */
  codePointPosition(offset: number): Position {
    const line = this.lineAt(offset);
    const start = this.starts[line] ?? 0;
    let column = 0;
    for (let i = start; i < offset; i++) {
      const c = this.text.charCodeAt(i);
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < offset) i++;
      column++;
    }
    return { line, character: column };
  }

  /** The text of a 0-based line, without its line break. */
  lineText(line: number): string {
    const start = this.starts[line] ?? this.text.length;
    const next = this.starts[line + 1] ?? this.text.length;
    return this.text.slice(start, next).replace(/\r?\n$|\r$/, "");
  }

  /** How many lines the text has. */
  get lineCount(): number {
    return this.starts.length;
  }

  /** Offset of a 0-based line and UTF-16 column. */
  offset(position: Position): number {
    const start = this.starts[Math.min(position.line, this.starts.length - 1)] ?? 0;
    return Math.min(this.text.length, start + position.character);
  }
}

/** Offsets where lines start: after `\n`, `\r\n`, or a lone `\r`. */
function lineStarts(text: string): Uint32Array {
  if (!text.includes("\r")) {
    // NOTE: the common case, found by the native search rather than a loop over every character, counted first so
    // the table is allocated once at its size (this runs on every keystroke that reports anything).
    let count = 1;
    for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) count++;
    const starts = new Uint32Array(count);
    let line = 1;
    for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) starts[line++] = i + 1;
    return starts;
  }
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13 && text.charCodeAt(i + 1) !== 10) starts.push(i + 1);
  }
  return Uint32Array.from(starts);
}
