// A checked file as the rules see it — a Python module, or a notebook's code cells joined into one program — with
// the mapping from analysed offsets back to the file (cell, line, column), fix application and writing back.
import { joinCells, type JoinedCells } from "../engine/cells";
import { LineIndex } from "../engine/line-index";
import { applyFixes } from "../rules/check";
import type { Finding, Fix } from "../rules/types";
import type { Locator } from "./formats";
import { codeCells, jsonLineOf, parseNotebook, withCellSources, type Notebook, type NotebookCell } from "./notebook";

/** A file's content as analysed, and how to change and save it. */
export interface SourceDocument {
  /** The text the engine analyses (for notebooks: the code cells joined, magics turned into comments). */
  readonly text: string;
  readonly locator: Locator;
  /** A new document with the fixes applied (overlapping fixes are skipped; a later pass picks them up). */
  withFixes(fixes: readonly Fix[]): { readonly document: SourceDocument; readonly applied: number };
  /** The file's content to write back. */
  serialize(): string;
}

/** A Python module. */
export class PythonDocument implements SourceDocument {
  private lineIndex: LineIndex | null = null;

  constructor(
    readonly text: string,
    private readonly bom: boolean = false,
  ) {}

  get locator(): Locator {
    const lines = (this.lineIndex ??= new LineIndex(this.text));
    return {
      locate: (offset) => {
        const p = lines.codePointPosition(offset);
        return { cell: null, line: p.line + 1, column: p.character + 1 };
      },
      stored: (_cell, line) => ({ line, text: lines.lineText(line - 1) }),
    };
  }

  withFixes(fixes: readonly Fix[]): { document: SourceDocument; applied: number } {
    const { text, applied } = applyFixes(this.text, fixes);
    return { document: applied === 0 ? this : new PythonDocument(text, this.bom), applied };
  }

  serialize(): string {
    return (this.bom ? "\uFEFF" : "") + this.text;
  }
}

/** A notebook's code cells, analysed in order as one program. */
export class NotebookDocument implements SourceDocument {
  readonly text: string;
  private readonly cells: readonly NotebookCell[];
  private readonly joined: JoinedCells;
  private cellLines: (LineIndex | undefined)[] = [];

  constructor(
    private readonly notebook: Notebook,
    private readonly bom: boolean = false,
  ) {
    this.cells = codeCells(notebook);
    this.joined = joinCells(this.cells.map((c) => c.source));
    this.text = this.joined.text;
  }

  /** Reads a notebook's JSON text (throws NotebookError). */
  static parse(json: string, bom = false): NotebookDocument {
    return new NotebookDocument(parseNotebook(json), bom);
  }

  private lines(position: number): LineIndex {
    return (this.cellLines[position] ??= new LineIndex(this.cells[position]?.source ?? ""));
  }

  get locator(): Locator {
    return {
      locate: (offset) => {
        if (this.cells.length === 0) return { cell: null, line: 1, column: 1 };
        const { cell: position, offset: inCell } = this.joined.cellOf(offset);
        const p = this.lines(position).codePointPosition(inCell);
        return { cell: (this.cells[position]?.index ?? 0) + 1, line: p.line + 1, column: p.character + 1 };
      },
      stored: (cell, line) => {
        const position = this.cells.findIndex((c) => c.index + 1 === cell);
        return {
          line: jsonLineOf(this.notebook, { cell: (cell ?? 1) - 1, lineInCell: line - 1 }),
          text: position < 0 ? "" : this.lines(position).lineText(line - 1),
        };
      },
    };
  }

  /** Applies each fix inside its cell; a fix with an edit outside one cell's source is not applied. */
  withFixes(fixes: readonly Fix[]): { document: SourceDocument; applied: number } {
    const perCell = new Map<number, Fix[]>();
    for (const fix of fixes) {
      const local = this.localize(fix);
      if (local === null) continue;
      const list = perCell.get(local.position) ?? [];
      list.push(local.fix);
      perCell.set(local.position, list);
    }
    const sources = new Map<number, string>();
    let applied = 0;
    for (const [position, cellFixes] of perCell) {
      const cell = this.cells[position];
      if (cell === undefined) continue;
      const result = applyFixes(cell.source, cellFixes);
      applied += result.applied;
      if (result.applied > 0) sources.set(cell.index, result.text);
    }
    if (applied === 0) return { document: this, applied };
    return { document: NotebookDocument.parse(withCellSources(this.notebook, sources), this.bom), applied };
  }

  private localize(fix: Fix): { position: number; fix: Fix } | null {
    let position: number | null = null;
    const edits = [];
    for (const edit of fix.edits) {
      const start = this.joined.cellOf(edit.span.start);
      const cellStart = this.joined.starts[start.cell] ?? 0;
      const length = this.cells[start.cell]?.source.length ?? 0;
      const localStart = edit.span.start - cellStart;
      const localEnd = edit.span.end - cellStart;
      if (localStart < 0 || localEnd > length || (position !== null && position !== start.cell)) return null;
      position = start.cell;
      edits.push({ span: { start: localStart, end: localEnd }, newText: edit.newText });
    }
    return position === null ? null : { position, fix: { ...fix, edits } };
  }

  serialize(): string {
    return (this.bom ? "\uFEFF" : "") + this.notebook.json;
  }
}

/** How many passes `--fix` makes at most (a fix may enable another; Ruff iterates the same way). */
export const MAX_FIX_PASSES = 10;

/** The rules' answer for one text: its findings, and (computed on demand) how many syntax errors it has. */
export interface CheckOutcome {
  readonly findings: readonly Finding[];
  readonly syntaxErrors: () => number;
}

export interface FixRequest {
  readonly document: SourceDocument;
  readonly check: (text: string) => CheckOutcome;
  /** Apply unsafe fixes too. */
  readonly unsafe: boolean;
}

export interface FixResult {
  readonly document: SourceDocument;
  /** Fixes applied over all passes. */
  readonly applied: number;
  /** The findings of the final document. */
  readonly findings: readonly Finding[];
  /** A pass made the code fail to parse (more syntax errors than before) and was undone. */
  readonly reverted: boolean;
}

/**
 * `--fix`: applies the fixes, re-checks, and repeats until nothing more applies (at most {@link MAX_FIX_PASSES}).
 * A pass whose result has more syntax errors than the original text is undone and fixing stops.
 */
export function fixDocument(request: FixRequest): FixResult {
  let document = request.document;
  let outcome = request.check(document.text);
  let applied = 0;
  let baseline: number | null = null;
  for (let pass = 0; pass < MAX_FIX_PASSES; pass++) {
    const fixes = outcome.findings.flatMap((f) => (f.fix !== null && (f.fix.safety === "safe" || request.unsafe) ? [f.fix] : []));
    if (fixes.length === 0) break;
    const next = document.withFixes(fixes);
    if (next.applied === 0) break;
    const nextOutcome = request.check(next.document.text);
    baseline ??= outcome.syntaxErrors();
    if (nextOutcome.syntaxErrors() > baseline) return { document, applied, findings: outcome.findings, reverted: true };
    document = next.document;
    outcome = nextOutcome;
    applied += next.applied;
  }
  return { document, applied, findings: outcome.findings, reverted: false };
}
