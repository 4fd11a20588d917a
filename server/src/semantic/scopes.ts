// Python scoping: which names a function, class or module body binds, and which it declares global or nonlocal.
import type { Expr, Stmt } from "../parse/ast";

/** The kinds of Python scope. `lambda x: x[1:]` and `[r for r in rows]` have their own scopes too. */
export type ScopeKind = "module" | "function" | "class" | "lambda" | "comprehension";

/**
 * The names one scope binds.
 *
 * ```python
 * def f(a):          # function scope: params {a}, locals {a, b, g}
 *     global g
 *     b = a[1:]
 *     g = b          # g is declared global: not local
 * ```
 */
export interface ScopeInfo {
  readonly kind: ScopeKind;
  /** Names bound in this scope (assignment, import, def, class, for, with, except, match, del, walrus). */
  readonly locals: ReadonlySet<string>;
  readonly globals: ReadonlySet<string>;
  readonly nonlocals: ReadonlySet<string>;
  /** How many statements bind each local name (1 means a single binding site). */
  readonly bindingCounts: ReadonlyMap<string, number>;
}

/** Collects the scope facts of a body (not descending into nested functions or classes, whose names are their own). */
export function collectScope(kind: ScopeKind, body: readonly Stmt[], params: readonly string[] = []): ScopeInfo {
  const locals = new Set<string>(params);
  const globals = new Set<string>();
  const nonlocals = new Set<string>();
  const counts = new Map<string, number>();
  const bind = (name: string, weight = 1) => {
    locals.add(name);
    counts.set(name, (counts.get(name) ?? 0) + weight);
  };
  for (const p of params) counts.set(p, 1);

  const target = (e: Expr, weight: number): void => {
    switch (e.kind) {
      case "name":
        bind(e.id, weight);
        return;
      case "tuple":
      case "list":
        for (const elt of e.elts) target(elt, weight);
        return;
      case "starred":
        target(e.value, weight);
        return;
      default:
        walrusIn(e, weight);
    }
  };
  const walrusIn = (e: Expr, weight: number): void => {
    forEachSubExpr(e, (sub) => {
      if (sub.kind === "walrus") bind(sub.target.id, weight);
    });
  };
  const visit = (stmts: readonly Stmt[], inLoop: boolean): void => {
    // NOTE: a binding inside a loop runs many times; count it twice so it is never taken for a single binding site.
    const weight = inLoop ? 2 : 1;
    for (const s of stmts) {
      switch (s.kind) {
        case "assign":
          for (const t of s.targets) target(t, weight);
          if (s.value) walrusIn(s.value, weight);
          break;
        case "augassign":
          target(s.target, 2);
          walrusIn(s.value, weight);
          break;
        case "expr":
          walrusIn(s.value, weight);
          break;
        case "if":
          walrusIn(s.test, weight);
          visit(s.body, inLoop);
          visit(s.orelse, inLoop);
          break;
        case "while":
          walrusIn(s.test, 2);
          visit(s.body, true);
          visit(s.orelse, inLoop);
          break;
        case "for":
          target(s.target, 2);
          walrusIn(s.iter, weight);
          visit(s.body, true);
          visit(s.orelse, inLoop);
          break;
        case "try":
          visit(s.body, inLoop);
          for (const h of s.handlers) {
            if (h.name) bind(h.name.id, weight);
            visit(h.body, inLoop);
          }
          visit(s.orelse, inLoop);
          visit(s.finalbody, inLoop);
          break;
        case "with":
          for (const item of s.items) {
            walrusIn(item.context, weight);
            if (item.target) target(item.target, weight);
          }
          visit(s.body, inLoop);
          break;
        case "match":
          walrusIn(s.subject, weight);
          for (const c of s.cases) {
            for (const capture of c.captures) bind(capture.id, weight);
            visit(c.body, inLoop);
          }
          break;
        case "def":
        case "class":
          bind(s.name.id, weight);
          break;
        case "del":
          for (const t of s.targets) if (t.kind === "name") bind(t.id, 2);
          break;
        case "import":
          for (const b of s.bindings) if (!b.star) bind(b.name.id, weight);
          break;
        case "global":
          for (const n of s.names) globals.add(n.id);
          break;
        case "nonlocal":
          for (const n of s.names) nonlocals.add(n.id);
          break;
        case "return":
          if (s.value) walrusIn(s.value, weight);
          break;
        default:
          break;
      }
    }
  };
  visit(body, false);
  for (const g of globals) locals.delete(g);
  for (const n of nonlocals) locals.delete(n);
  return { kind, locals, globals, nonlocals, bindingCounts: counts };
}

/** Calls `fn` on `e` and every sub-expression, not descending into lambdas or comprehensions (their own scopes). */
export function forEachSubExpr(e: Expr, fn: (sub: Expr) => void): void {
  fn(e);
  switch (e.kind) {
    case "attribute":
      forEachSubExpr(e.value, fn);
      return;
    case "call":
      forEachSubExpr(e.func, fn);
      for (const a of e.args) forEachSubExpr(a.value, fn);
      return;
    case "subscript":
      forEachSubExpr(e.value, fn);
      forEachSubExpr(e.index, fn);
      return;
    case "slice":
      for (const part of [e.lower, e.upper, e.step]) if (part) forEachSubExpr(part, fn);
      return;
    case "tuple":
    case "list":
    case "set":
      for (const elt of e.elts) forEachSubExpr(elt, fn);
      return;
    case "dict":
      for (const elt of e.entries) forEachSubExpr(elt, fn);
      return;
    case "binary":
    case "boolop":
      forEachSubExpr(e.left, fn);
      forEachSubExpr(e.right, fn);
      return;
    case "unary":
      forEachSubExpr(e.operand, fn);
      return;
    case "compare":
      for (const o of e.operands) forEachSubExpr(o, fn);
      return;
    case "ifexp":
      forEachSubExpr(e.test, fn);
      forEachSubExpr(e.body, fn);
      forEachSubExpr(e.orelse, fn);
      return;
    case "walrus":
      forEachSubExpr(e.value, fn);
      return;
    case "starred":
      forEachSubExpr(e.value, fn);
      return;
    case "opaque":
      for (const c of e.children) forEachSubExpr(c, fn);
      return;
    case "comprehension":
      // The first iterable is evaluated in the enclosing scope; walrus targets inside bind there too.
      for (const g of e.generators) {
        forEachSubExpr(g.iter, fn);
        for (const cond of g.ifs) forEachSubExpr(cond, fn);
      }
      for (const elt of e.elts) forEachSubExpr(elt, fn);
      return;
    default:
      return;
  }
}
