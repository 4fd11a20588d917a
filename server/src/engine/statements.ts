// Keeps a document's lowered top-level statements between analyses, so an edit copies and lowers only the statements
// it touched: the others are taken as they are, their offsets moved to where they are now.
import type { Expr, Parameter, Span, Stmt } from "../parse/ast";
import type { StatementHooks } from "../parse/lower";

/** The one span where two texts differ: `[start, oldEnd)` of the old text became `[start, newEnd)` of the new one. */
export interface TextChange {
  readonly start: number;
  readonly oldEnd: number;
  readonly newEnd: number;
}

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
 * change or wholly after it (so its text is the same) and the old node had the same type and length. Identical text
 * lowers to identical statements, except for positions: those are moved in place, so no statement is copied.
 *
 * NOTE: moving in place is sound because lowered statements are only ever read: the interpreter copies every span
 * it reports, so no result of an earlier analysis points into them (`test/unit/statements.test.ts` checks both that
 * and that no lowered node is shared by two parents, which moving would shift twice).
 */
export class StatementCache {
  private previous = new Map<number, Entry>();
  private next = new Map<number, Entry>();
  /** What changed since the last analysis (null: nothing), or undefined when there is no usable last analysis. */
  private change: TextChange | null | undefined = undefined;

  /** Starts an analysis of the text that `change` made from the last analysed one (undefined: no relation known). */
  begin(change: TextChange | null | undefined): void {
    this.change = change;
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
    const entry = this.previous.get(oldStart);
    if (entry === undefined || entry.type !== type || entry.end - entry.start !== end - start) return false;
    this.previous.delete(oldStart);
    const delta = start - oldStart;
    if (delta !== 0) for (const stmt of entry.stmts) shiftInPlace(stmt, delta);
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

type Movable = { start: number; end: number };

function move(span: Span, delta: number): void {
  (span as Movable).start += delta;
  (span as Movable).end += delta;
}

/** Adds `delta` to the `start` and `end` of a lowered statement and of every node under it. */
export function shiftInPlace(s: Stmt, delta: number): void {
  move(s, delta);
  switch (s.kind) {
    case "assign":
      shiftAll(s.targets, delta);
      shiftMaybe(s.value, delta);
      return shiftMaybe(s.annotation, delta);
    case "augassign":
      shiftExpr(s.target, delta);
      return shiftExpr(s.value, delta);
    case "expr":
      return shiftExpr(s.value, delta);
    case "if":
    case "while":
      shiftExpr(s.test, delta);
      shiftBody(s.body, delta);
      return shiftBody(s.orelse, delta);
    case "for":
      shiftExpr(s.target, delta);
      shiftExpr(s.iter, delta);
      shiftBody(s.body, delta);
      return shiftBody(s.orelse, delta);
    case "try":
      shiftBody(s.body, delta);
      for (const h of s.handlers) {
        move(h, delta);
        shiftMaybe(h.type, delta);
        shiftMaybe(h.name, delta);
        shiftBody(h.body, delta);
      }
      shiftBody(s.orelse, delta);
      return shiftBody(s.finalbody, delta);
    case "with":
      for (const item of s.items) {
        shiftExpr(item.context, delta);
        shiftMaybe(item.target, delta);
      }
      return shiftBody(s.body, delta);
    case "match":
      shiftExpr(s.subject, delta);
      for (const c of s.cases) {
        shiftAll(c.captures, delta);
        shiftMaybe(c.guard, delta);
        shiftBody(c.body, delta);
      }
      return;
    case "def":
      shiftExpr(s.name, delta);
      shiftParameters(s.params, delta);
      shiftBody(s.body, delta);
      shiftAll(s.decorators, delta);
      return shiftMaybe(s.returns, delta);
    case "class":
      shiftExpr(s.name, delta);
      shiftAll(s.bases, delta);
      shiftBody(s.body, delta);
      return shiftAll(s.decorators, delta);
    case "return":
      return shiftMaybe(s.value, delta);
    case "del":
      return shiftAll(s.targets, delta);
    case "raise":
      return shiftAll(s.exprs, delta);
    case "global":
    case "nonlocal":
      return shiftAll(s.names, delta);
    case "import":
      for (const b of s.bindings) shiftExpr(b.name, delta);
      return;
    case "opaque":
      return shiftAll(s.children, delta);
    case "break":
    case "continue":
    case "pass":
      return;
    default:
      return unreachable(s);
  }
}

function shiftExpr(e: Expr, delta: number): void {
  move(e, delta);
  switch (e.kind) {
    case "attribute":
    case "starred":
      return shiftExpr(e.value, delta);
    case "call":
      shiftExpr(e.func, delta);
      for (const a of e.args) {
        move(a, delta);
        shiftExpr(a.value, delta);
      }
      return;
    case "subscript":
      shiftExpr(e.value, delta);
      return shiftExpr(e.index, delta);
    case "slice":
      shiftMaybe(e.lower, delta);
      shiftMaybe(e.upper, delta);
      return shiftMaybe(e.step, delta);
    case "tuple":
    case "list":
    case "set":
      return shiftAll(e.elts, delta);
    case "dict":
      return shiftAll(e.entries, delta);
    case "binary":
    case "boolop":
      shiftExpr(e.left, delta);
      return shiftExpr(e.right, delta);
    case "unary":
      return shiftExpr(e.operand, delta);
    case "compare":
      return shiftAll(e.operands, delta);
    case "lambda":
      shiftParameters(e.params, delta);
      return shiftExpr(e.body, delta);
    case "comprehension":
      shiftAll(e.elts, delta);
      for (const g of e.generators) {
        shiftExpr(g.target, delta);
        shiftExpr(g.iter, delta);
        shiftAll(g.ifs, delta);
      }
      return;
    case "ifexp":
      shiftExpr(e.test, delta);
      shiftExpr(e.body, delta);
      return shiftExpr(e.orelse, delta);
    case "walrus":
      shiftExpr(e.target, delta);
      return shiftExpr(e.value, delta);
    case "opaque":
      return shiftAll(e.children, delta);
    case "name":
    case "number":
    case "string":
    case "const":
      return;
    default:
      return unreachable(e);
  }
}

function shiftBody(body: readonly Stmt[], delta: number): void {
  for (const s of body) shiftInPlace(s, delta);
}

function shiftAll(exprs: readonly Expr[], delta: number): void {
  for (const e of exprs) shiftExpr(e, delta);
}

function shiftMaybe(e: Expr | null, delta: number): void {
  if (e !== null) shiftExpr(e, delta);
}

function shiftParameters(params: readonly Parameter[], delta: number): void {
  for (const p of params) {
    move(p, delta);
    shiftMaybe(p.defaultValue, delta);
    shiftMaybe(p.annotation, delta);
  }
}

/** A compile-time check that every kind of node is handled (a new kind makes this call fail to type-check). */
function unreachable(node: never): void {
  throw new Error(`numpy-views: cannot move a node of kind ${(node as { kind: string }).kind}`);
}
