// Moves lowered statements to new offsets, in place (an editor's unchanged statements after an edit). A top-level
// function's body is moved only when someone reads it through {@link settledBody}: after an edit elsewhere, most
// functions are reused without being analysed, so their bodies are never read.
import type { Expr, FunctionDefStmt, Parameter, Span, Stmt } from "./ast";

/** Offsets still to add to a function's body (its header has moved already). */
const pendingBodies = new WeakMap<FunctionDefStmt, number>();

/**
 * Moves a top-level statement by `delta`: a function's header (name, parameters, decorators, annotation) now, its
 * body when it is next read; any other statement entirely.
 */
export function moveStatement(s: Stmt, delta: number): void {
  if (s.kind !== "def") return shiftInPlace(s, delta);
  move(s, delta);
  shiftHeader(s, delta);
  pendingBodies.set(s, (pendingBodies.get(s) ?? 0) + delta);
}

/**
 * A function's body at its current offsets. Every reader of a function body's offsets goes through here (the
 * interpreter, when it analyses the function); names and scopes, which carry no offsets, may read `def.body`.
 */
export function settledBody(def: FunctionDefStmt): readonly Stmt[] {
  const pending = pendingBodies.get(def);
  if (pending !== undefined) {
    pendingBodies.delete(def);
    shiftBody(def.body, pending);
  }
  return def.body;
}

type Movable = { start: number; end: number };

function move(span: Span, delta: number): void {
  (span as Movable).start += delta;
  (span as Movable).end += delta;
}

/**
 * Adds `delta` to the `start` and `end` of a lowered statement and of every node under it (a function body waiting
 * to be moved stays behind by what it was waiting for: {@link settledBody} still adds that).
 */
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
      shiftHeader(s, delta);
      return shiftBody(s.body, delta);
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

function shiftHeader(s: FunctionDefStmt, delta: number): void {
  shiftExpr(s.name, delta);
  shiftParameters(s.params, delta);
  shiftAll(s.decorators, delta);
  shiftMaybe(s.returns, delta);
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
