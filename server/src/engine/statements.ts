// Keeps a document's lowered top-level statements between analyses, so an edit copies and lowers only the statements
// it touched: the others are taken as they are, their offsets moved to where they are now.
import type { Stmt } from "../parse/ast";
import type { StatementHooks } from "../parse/lower";
import { moveStatement } from "../parse/move";
import type { TextChange } from "../parse/text-change";

interface Entry {
  readonly type: string;
  start: number;
  end: number;
  readonly stmts: readonly Stmt[];
}

/**
 * The top-level statements of one document's last analysis, by start offset.
 *
 * A top-level node of the new tree is the same statement as one of the last analysis when it lies wholly before the
 * change or wholly after it (so its text is the same), tree-sitter reports no change of structure there (the same
 * text can parse differently when error recovery sees other text after it) and the old node had the same type and
 * length. Identical text and structure lower to identical statements, except for positions: those are moved in
 * place, so no statement is copied.
 *
 * NOTE: moving in place is sound because lowered statements are only ever read: the interpreter copies every span
 * it reports, so no result of an earlier analysis points into them (`test/unit/statements.test.ts` checks that no
 * lowered node is shared by two parents, which moving would shift twice). A function's body moves only when it is
 * read (see `parse/move.ts`): most functions are not analysed again after an edit elsewhere.
 */
export class StatementCache {
  private previous = new Map<number, Entry>();
  private next = new Map<number, Entry>();
  /** What changed since the last analysis (null: nothing), or undefined when there is no usable last analysis. */
  private change: TextChange | null | undefined = undefined;
  /** Ranges of the new text whose syntax differs from the last tree's (tree-sitter's changed ranges, in order). */
  private restructured: readonly { readonly start: number; readonly end: number }[] = [];
  /** The first of them that may still meet a node: nodes are offered in order, so ranges ending before one are done. */
  private nextRestructured = 0;

  /**
   * Starts an analysis of the text that `change` made from the last analysed one (undefined: no relation known);
   * `restructured`: where the new tree's structure differs from the last one's.
   */
  begin(change: TextChange | null | undefined, restructured: readonly { readonly start: number; readonly end: number }[] = []): void {
    this.change = change;
    this.restructured = restructured;
    this.nextRestructured = 0;
    this.next = new Map();
    if (change === undefined) this.previous = new Map();
  }

  /** For `PythonParser.toRaw`: takes over an unchanged top-level statement, moving it to `start`. */
  readonly claim = (type: string, start: number, end: number): boolean => {
    const change = this.change;
    if (change === undefined || type === "comment") return false;
    let oldStart: number;
    if (change === null || end <= change.start) oldStart = start;
    else if (start >= change.newEnd) oldStart = start - (change.newEnd - change.oldEnd);
    else return false;
    // Same text is not enough: next to a change, error recovery can parse the same text into another tree.
    const ranges = this.restructured;
    while (this.nextRestructured < ranges.length && (ranges[this.nextRestructured]?.end ?? Infinity) < start) this.nextRestructured++;
    const next = ranges[this.nextRestructured];
    if (next !== undefined && next.start <= end) return false;
    const entry = this.previous.get(oldStart);
    if (entry === undefined || entry.type !== type || entry.end - entry.start !== end - start) return false;
    this.previous.delete(oldStart);
    const delta = start - oldStart;
    if (delta !== 0) for (const stmt of entry.stmts) moveStatement(stmt, delta);
    entry.start = start;
    entry.end = end;
    this.next.set(start, entry);
    return true;
  };

  /** For `lowerModule`. */
  readonly hooks: StatementHooks = {
    claimed: (start) => this.next.get(start)?.stmts ?? [],
    lowered: (type, start, end, stmts) => void this.next.set(start, { type, start, end, stmts }),
  };

  /** Ends a successful analysis: its statements are the ones the next analysis may take. */
  finish(): void {
    this.previous = this.next;
    this.next = new Map();
  }

  /** Drops everything (after a failure midway, when some statements may have moved and others not). */
  clear(): void {
    this.previous = new Map();
    this.next = new Map();
    this.change = undefined;
  }
}
