// The engine's own Python syntax tree: a small, typed subset lowered from tree-sitter, with source spans.

/** A source range: 0-based offsets into the text (UTF-16 code units, as JavaScript strings index). */
export interface Span {
  readonly start: number;
  readonly end: number;
}

export type Expr =
  | NameExpr
  | AttributeExpr
  | CallExpr
  | SubscriptExpr
  | SliceExpr
  | NumberExpr
  | StringExpr
  | ConstExpr
  | SequenceExpr
  | DictExpr
  | BinaryExpr
  | UnaryExpr
  | CompareExpr
  | BoolOpExpr
  | LambdaExpr
  | ComprehensionExpr
  | IfExpExpr
  | NamedExpr
  | StarredExpr
  | OpaqueExpr;

/** `x` */
export interface NameExpr extends Span {
  readonly kind: "name";
  readonly id: string;
}
/** `a.T` */
export interface AttributeExpr extends Span {
  readonly kind: "attribute";
  readonly value: Expr;
  readonly attr: string;
}
/** `np.zeros((2, 3), dtype=np.float32)` */
export interface CallExpr extends Span {
  readonly kind: "call";
  readonly func: Expr;
  readonly args: readonly Argument[];
}
/** One call argument: positional, `name=value`, `*value` or `**value`. */
export interface Argument extends Span {
  readonly name: string | null;
  readonly star: "" | "*" | "**";
  readonly value: Expr;
}
/** `a[1:3, None]`: `index` is a tuple expression when the subscript has commas. */
export interface SubscriptExpr extends Span {
  readonly kind: "subscript";
  readonly value: Expr;
  readonly index: Expr;
}
/** `1:10:2` inside a subscript */
export interface SliceExpr extends Span {
  readonly kind: "slice";
  readonly lower: Expr | null;
  readonly upper: Expr | null;
  readonly step: Expr | null;
}
/** `10_000_000`, `1.5`, `2j` */
export interface NumberExpr extends Span {
  readonly kind: "number";
  readonly value: number;
  readonly isInt: boolean;
  readonly imaginary: boolean;
}
/** `"text"`, `b"bytes"`, f-strings */
export interface StringExpr extends Span {
  readonly kind: "string";
  readonly bytes: boolean;
  readonly value: string | null;
}
/** `None`, `True`, `False`, `...` */
export interface ConstExpr extends Span {
  readonly kind: "const";
  readonly value: "None" | "True" | "False" | "Ellipsis";
}
/** `(a, b)`, `[a, b]`, `{a, b}` */
export interface SequenceExpr extends Span {
  readonly kind: "tuple" | "list" | "set";
  readonly elts: readonly Expr[];
}
/** `{k: v}` */
export interface DictExpr extends Span {
  readonly kind: "dict";
  readonly entries: readonly Expr[];
}
/** `a + b`, `a @ b` */
export interface BinaryExpr extends Span {
  readonly kind: "binary";
  readonly op: string;
  readonly left: Expr;
  readonly right: Expr;
}
/** `-a`, `not a`, `~a` */
export interface UnaryExpr extends Span {
  readonly kind: "unary";
  readonly op: string;
  readonly operand: Expr;
}
/** `a < b <= c`, `a is not b` */
export interface CompareExpr extends Span {
  readonly kind: "compare";
  readonly ops: readonly string[];
  readonly operands: readonly Expr[];
}
/** `a and b`, `a or b` */
export interface BoolOpExpr extends Span {
  readonly kind: "boolop";
  readonly op: "and" | "or";
  readonly left: Expr;
  readonly right: Expr;
}
/** `lambda u, v=2: u[v:]` */
export interface LambdaExpr extends Span {
  readonly kind: "lambda";
  readonly params: readonly Parameter[];
  readonly body: Expr;
}
/** `[row for row in rows if row]`, also set/dict comprehensions and generator expressions. */
export interface ComprehensionExpr extends Span {
  readonly kind: "comprehension";
  readonly flavor: "list" | "set" | "dict" | "generator";
  readonly elts: readonly Expr[];
  readonly generators: readonly ComprehensionFor[];
}
/** `for x in xs if x` inside a comprehension */
export interface ComprehensionFor {
  readonly target: Expr;
  readonly iter: Expr;
  readonly ifs: readonly Expr[];
}
/** `a if c else b` */
export interface IfExpExpr extends Span {
  readonly kind: "ifexp";
  readonly test: Expr;
  readonly body: Expr;
  readonly orelse: Expr;
}
/** `(y := f(x))` */
export interface NamedExpr extends Span {
  readonly kind: "walrus";
  readonly target: NameExpr;
  readonly value: Expr;
}
/** `*rest` in a target or a display */
export interface StarredExpr extends Span {
  readonly kind: "starred";
  readonly value: Expr;
}
/** Anything else (f-strings, await, yield, syntax errors): evaluated for its sub-expressions only. */
export interface OpaqueExpr extends Span {
  readonly kind: "opaque";
  readonly what: string;
  readonly children: readonly Expr[];
}

/** A function or lambda parameter: `b`, `b=1`, `*args`, `d: np.ndarray`. */
export interface Parameter extends Span {
  readonly name: string;
  readonly star: "" | "*" | "**";
  readonly defaultValue: Expr | null;
  readonly annotation: Expr | null;
}

export type Stmt =
  | AssignStmt
  | AugAssignStmt
  | ExprStmt
  | IfStmt
  | WhileStmt
  | ForStmt
  | TryStmt
  | WithStmt
  | MatchStmt
  | FunctionDefStmt
  | ClassDefStmt
  | ReturnStmt
  | DeleteStmt
  | RaiseStmt
  | JumpStmt
  | ScopeDeclStmt
  | ImportStmt
  | OpaqueStmt;

/** `a = b = value`, `x: int = 5` (targets in source order, left to right) */
export interface AssignStmt extends Span {
  readonly kind: "assign";
  readonly targets: readonly Expr[];
  readonly value: Expr | null;
  readonly annotation: Expr | null;
}
/** `x += 1` */
export interface AugAssignStmt extends Span {
  readonly kind: "augassign";
  readonly target: Expr;
  readonly op: string;
  readonly value: Expr;
}
/** `f(x)` */
export interface ExprStmt extends Span {
  readonly kind: "expr";
  readonly value: Expr;
}
/** `if`/`elif`/`else` (an `elif` is a nested `IfStmt` in `orelse`) */
export interface IfStmt extends Span {
  readonly kind: "if";
  readonly test: Expr;
  readonly body: readonly Stmt[];
  readonly orelse: readonly Stmt[];
}
/** `while test: ... else: ...` */
export interface WhileStmt extends Span {
  readonly kind: "while";
  readonly test: Expr;
  readonly body: readonly Stmt[];
  readonly orelse: readonly Stmt[];
}
/** `for target in iter: ... else: ...` */
export interface ForStmt extends Span {
  readonly kind: "for";
  readonly target: Expr;
  readonly iter: Expr;
  readonly body: readonly Stmt[];
  readonly orelse: readonly Stmt[];
}
/** `except ValueError as e:` */
export interface ExceptHandler extends Span {
  readonly type: Expr | null;
  readonly name: NameExpr | null;
  readonly body: readonly Stmt[];
}
/** `try / except / else / finally` */
export interface TryStmt extends Span {
  readonly kind: "try";
  readonly body: readonly Stmt[];
  readonly handlers: readonly ExceptHandler[];
  readonly orelse: readonly Stmt[];
  readonly finalbody: readonly Stmt[];
}
/** `with open(p) as f, lock:` */
export interface WithStmt extends Span {
  readonly kind: "with";
  readonly items: readonly { readonly context: Expr; readonly target: Expr | null }[];
  readonly body: readonly Stmt[];
}
/** `match subject:` with its cases; `captures` are the names a pattern binds. */
export interface MatchStmt extends Span {
  readonly kind: "match";
  readonly subject: Expr;
  readonly cases: readonly {
    readonly captures: readonly NameExpr[];
    readonly guard: Expr | null;
    readonly body: readonly Stmt[];
    readonly irrefutable: boolean;
  }[];
}
/** `def name(params): body` (also `async def`), with its decorators. */
export interface FunctionDefStmt extends Span {
  readonly kind: "def";
  readonly name: NameExpr;
  readonly params: readonly Parameter[];
  readonly body: readonly Stmt[];
  readonly decorators: readonly Expr[];
  readonly returns: Expr | null;
  readonly isAsync: boolean;
  readonly isGenerator: boolean;
}
/** `class Name(bases): body` */
export interface ClassDefStmt extends Span {
  readonly kind: "class";
  readonly name: NameExpr;
  readonly bases: readonly Expr[];
  readonly body: readonly Stmt[];
  readonly decorators: readonly Expr[];
}
/** `return value` */
export interface ReturnStmt extends Span {
  readonly kind: "return";
  readonly value: Expr | null;
}
/** `del a, b[0]` */
export interface DeleteStmt extends Span {
  readonly kind: "del";
  readonly targets: readonly Expr[];
}
/** `raise E from cause` */
export interface RaiseStmt extends Span {
  readonly kind: "raise";
  readonly exprs: readonly Expr[];
}
/** `break`, `continue`, `pass` */
export interface JumpStmt extends Span {
  readonly kind: "break" | "continue" | "pass";
}
/** `global q`, `nonlocal r` */
export interface ScopeDeclStmt extends Span {
  readonly kind: "global" | "nonlocal";
  readonly names: readonly NameExpr[];
}
/** `import numpy as np`, `from numpy import zeros as z`: one entry per bound name. */
export interface ImportStmt extends Span {
  readonly kind: "import";
  readonly bindings: readonly ImportBinding[];
}
/** One name an import binds: `np` → `numpy`; for `import numpy.linalg` the bound name `numpy` → `numpy`. */
export interface ImportBinding {
  readonly name: NameExpr;
  readonly qualifiedName: string;
  /** `from m import *` */
  readonly star: boolean;
}
/** A statement the engine does not model (or an ERROR node): only its expressions are evaluated. */
export interface OpaqueStmt extends Span {
  readonly kind: "opaque";
  readonly what: string;
  /** The expressions inside. */
  readonly children: readonly Expr[];
}

/** A lowered module: statements, plus the count of syntax errors tree-sitter recovered from. */
export interface Module {
  readonly body: readonly Stmt[];
  readonly syntaxErrors: readonly Span[];
}
