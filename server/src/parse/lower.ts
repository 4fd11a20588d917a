// Lowers tree-sitter's concrete Python tree (as copied into a SyntaxTree) into the engine's typed syntax tree; never throws on broken code.
import type { Argument, ComprehensionFor, ExceptHandler, Expr, ImportBinding, MatchStmt, Module, NameExpr, Parameter, Span, Stmt, WithStmt } from "./ast";
import type { SyntaxNode, SyntaxTree } from "./syntax-tree";

/**
 * How a module's top-level statements are shared with a caller that keeps them between analyses (an editor's
 * document): `claimed` gives the statements of a top-level node the copy left out (see `PythonParser.toRaw`),
 * `lowered` receives those of every other error-free top-level node.
 */
export interface StatementHooks {
  claimed(start: number, end: number): readonly Stmt[];
  lowered(type: string, start: number, end: number, stmts: readonly Stmt[]): void;
}

/** Lowers a whole module. Syntax errors become opaque statements and are listed in `syntaxErrors`. */
export function lowerModule(tree: SyntaxTree, text: string, hooks?: StatementHooks): Module {
  const lowerer = new Lowerer(tree, text);
  const body = hooks === undefined ? lowerer.block(tree.root) : lowerer.moduleBody(tree.root, hooks);
  return { body, syntaxErrors: lowerer.syntaxErrors };
}

class Lowerer {
  readonly syntaxErrors: Span[] = [];

  constructor(
    private readonly t: SyntaxTree,
    private readonly text: string,
  ) {}

  private src(node: SyntaxNode): string {
    return this.text.slice(this.t.start(node), this.t.end(node));
  }

  private typeOf(node: SyntaxNode | undefined): string | undefined {
    return node === undefined ? undefined : this.t.type(node);
  }

  private span(node: SyntaxNode): Span {
    return { start: this.t.start(node), end: this.t.end(node) };
  }

  /** Named children other than comments. */
  private namedChildren(node: SyntaxNode): SyntaxNode[] {
    const t = this.t;
    const out: SyntaxNode[] = [];
    for (let c = t.firstChild(node); c !== undefined; c = t.nextSibling(c)) if (t.isNamed(c) && t.type(c) !== "comment") out.push(c);
    return out;
  }

  private childByField(node: SyntaxNode, field: string): SyntaxNode | undefined {
    const t = this.t;
    for (let c = t.firstChild(node); c !== undefined; c = t.nextSibling(c)) if (t.field(c) === field) return c;
    return undefined;
  }

  private childrenByField(node: SyntaxNode, field: string): SyntaxNode[] {
    const t = this.t;
    const out: SyntaxNode[] = [];
    for (let c = t.firstChild(node); c !== undefined; c = t.nextSibling(c)) if (t.field(c) === field) out.push(c);
    return out;
  }

  /** The first child of a type. */
  private childOfType(node: SyntaxNode, type: string): SyntaxNode | undefined {
    const t = this.t;
    for (let c = t.firstChild(node); c !== undefined; c = t.nextSibling(c)) if (t.type(c) === type) return c;
    return undefined;
  }

  private hasChildOfType(node: SyntaxNode, type: string): boolean {
    return this.childOfType(node, type) !== undefined;
  }

  // ---------------------------------------------------------------- statements

  /** Statements of a module or block node. */
  block(node: SyntaxNode | undefined): Stmt[] {
    const out: Stmt[] = [];
    if (node === undefined) return out;
    const t = this.t;
    for (let child = t.firstChild(node); child !== undefined; child = t.nextSibling(child)) {
      if (!t.isNamed(child) || t.type(child) === "comment") continue;
      this.statement(child, out);
    }
    return out;
  }

  /** A module's statements, taking claimed ones from the hooks and handing the ones lowered here to them. */
  moduleBody(root: SyntaxNode, hooks: StatementHooks): Stmt[] {
    const out: Stmt[] = [];
    const t = this.t;
    for (let child = t.firstChild(root); child !== undefined; child = t.nextSibling(child)) {
      if (t.isClaimed(child)) {
        for (const stmt of hooks.claimed(t.start(child), t.end(child))) out.push(stmt);
        continue;
      }
      if (!t.isNamed(child) || t.type(child) === "comment") continue;
      const first = out.length;
      const errors = this.syntaxErrors.length;
      this.statement(child, out);
      if (!t.hasError(child) && this.syntaxErrors.length === errors) hooks.lowered(t.type(child), t.start(child), t.end(child), out.slice(first));
    }
    return out;
  }

  private statement(node: SyntaxNode, out: Stmt[]): void {
    switch (this.t.type(node)) {
      case "expression_statement": {
        const parts = this.namedChildren(node);
        if (parts.length === 1 && parts[0] !== undefined) {
          const only = parts[0];
          if (this.t.type(only) === "assignment") return void out.push(this.assignment(only, node));
          if (this.t.type(only) === "augmented_assignment") {
            return void out.push({
              kind: "augassign",
              start: this.t.start(node),
              end: this.t.end(node),
              target: this.expr(this.childByField(only, "left")),
              op: this.src(this.childByField(only, "operator") ?? only).trim(),
              value: this.expr(this.childByField(only, "right")),
            });
          }
          return void out.push({ kind: "expr", start: this.t.start(node), end: this.t.end(node), value: this.expr(only) });
        }
        return void out.push({ kind: "expr", start: this.t.start(node), end: this.t.end(node), value: this.tupleOf(node, parts) });
      }
      case "if_statement":
        return void out.push(this.ifStatement(node));
      case "while_statement":
        return void out.push({
          kind: "while",
          start: this.t.start(node),
          end: this.t.end(node),
          test: this.expr(this.childByField(node, "condition")),
          body: this.block(this.childByField(node, "body")),
          orelse: this.elseBody(this.childByField(node, "alternative")),
        });
      case "for_statement":
        return void out.push({
          kind: "for",
          start: this.t.start(node),
          end: this.t.end(node),
          target: this.target(this.childByField(node, "left")),
          iter: this.expr(this.childByField(node, "right")),
          body: this.block(this.childByField(node, "body")),
          orelse: this.elseBody(this.childByField(node, "alternative")),
        });
      case "try_statement":
        return void out.push(this.tryStatement(node));
      case "with_statement":
        return void out.push(this.withStatement(node));
      case "match_statement":
        return void out.push(this.matchStatement(node));
      case "function_definition":
        return void out.push(this.functionDef(node, []));
      case "class_definition":
        return void out.push(this.classDef(node, []));
      case "decorated_definition": {
        const decorators = this.t
          .children(node)
          .filter((c) => this.t.type(c) === "decorator")
          .map((d) => this.expr(this.namedChildren(d)[0]));
        const def = this.childByField(node, "definition");
        if (def !== undefined && this.t.type(def) === "function_definition") return void out.push(this.functionDef(def, decorators, node));
        if (def !== undefined && this.t.type(def) === "class_definition") return void out.push(this.classDef(def, decorators, node));
        return void out.push(this.opaqueStmt(node));
      }
      case "return_statement": {
        const parts = this.namedChildren(node);
        const value = parts.length === 0 ? null : parts.length === 1 ? this.expr(parts[0]) : this.tupleOf(node, parts);
        return void out.push({ kind: "return", start: this.t.start(node), end: this.t.end(node), value });
      }
      case "delete_statement": {
        const parts = this.namedChildren(node);
        const list = parts.length === 1 && this.typeOf(parts[0]) === "expression_list" ? this.namedChildren(parts[0]) : parts;
        return void out.push({ kind: "del", start: this.t.start(node), end: this.t.end(node), targets: list.map((t) => this.target(t)) });
      }
      case "raise_statement":
        return void out.push({ kind: "raise", start: this.t.start(node), end: this.t.end(node), exprs: this.namedChildren(node).map((c) => this.expr(c)) });
      case "break_statement":
        return void out.push({ kind: "break", start: this.t.start(node), end: this.t.end(node) });
      case "continue_statement":
        return void out.push({ kind: "continue", start: this.t.start(node), end: this.t.end(node) });
      case "pass_statement":
        return void out.push({ kind: "pass", start: this.t.start(node), end: this.t.end(node) });
      case "global_statement":
      case "nonlocal_statement":
        return void out.push({
          kind: this.t.type(node) === "global_statement" ? "global" : "nonlocal",
          start: this.t.start(node),
          end: this.t.end(node),
          names: this.namedChildren(node)
            .filter((c) => this.t.type(c) === "identifier")
            .map((c) => this.name(c)),
        });
      case "import_statement":
        return void out.push({ kind: "import", start: this.t.start(node), end: this.t.end(node), bindings: this.importNames(node) });
      case "import_from_statement":
        return void out.push({ kind: "import", start: this.t.start(node), end: this.t.end(node), bindings: this.importFromNames(node) });
      case "future_import_statement":
      case "type_alias_statement":
      case "print_statement":
      case "exec_statement":
      case "assert_statement":
        return void out.push(this.opaqueStmt(node));
      case "block":
        for (const child of this.namedChildren(node)) this.statement(child, out);
        return;
      case "ERROR":
        this.syntaxErrors.push(this.span(node));
        // NOTE: error recovery often wraps well-formed statements in an ERROR node; keep the ones that lowered cleanly.
        for (const child of this.namedChildren(node)) {
          if (this.t.type(child).endsWith("_statement") || this.t.type(child).endsWith("_definition")) this.statement(child, out);
        }
        return;
      default:
        if (this.t.type(node) === "MISSING") {
          this.syntaxErrors.push(this.span(node));
          return;
        }
        return void out.push(this.opaqueStmt(node));
    }
  }

  private opaqueStmt(node: SyntaxNode): Stmt {
    return { kind: "opaque", start: this.t.start(node), end: this.t.end(node), what: this.t.type(node), children: this.subExpressions(node) };
  }

  private assignment(node: SyntaxNode, stmt: SyntaxNode): Stmt {
    // `a = b = value` nests: assignment(left a, right assignment(left b, right value)).
    const targets: Expr[] = [];
    let current: SyntaxNode | undefined = node;
    let annotation: Expr | null = null;
    let value: Expr | null = null;
    while (current !== undefined) {
      targets.push(this.target(this.childByField(current, "left")));
      const typeNode = this.childByField(current, "type");
      if (typeNode !== undefined) annotation = this.expr(this.namedChildren(typeNode)[0] ?? typeNode);
      const right = this.childByField(current, "right");
      if (this.typeOf(right) === "assignment") {
        current = right;
        continue;
      }
      value = right === undefined ? null : this.expr(right);
      current = undefined;
    }
    return { kind: "assign", start: this.t.start(stmt), end: this.t.end(stmt), targets, value, annotation };
  }

  private ifStatement(node: SyntaxNode): Stmt {
    const alternatives = this.childrenByField(node, "alternative");
    let orelse: Stmt[] = [];
    for (let i = alternatives.length - 1; i >= 0; i--) {
      const alt = alternatives[i];
      if (alt === undefined) continue;
      if (this.t.type(alt) === "else_clause") orelse = this.block(this.childByField(alt, "body") ?? alt);
      else if (this.t.type(alt) === "elif_clause") {
        orelse = [
          {
            kind: "if",
            start: this.t.start(alt),
            end: orelse.length > 0 ? Math.max(this.t.end(alt), orelse[orelse.length - 1]?.end ?? this.t.end(alt)) : this.t.end(alt),
            test: this.expr(this.childByField(alt, "condition")),
            body: this.block(this.childByField(alt, "consequence")),
            orelse,
          },
        ];
      }
    }
    return {
      kind: "if",
      start: this.t.start(node),
      end: this.t.end(node),
      test: this.expr(this.childByField(node, "condition")),
      body: this.block(this.childByField(node, "consequence")),
      orelse,
    };
  }

  private elseBody(node: SyntaxNode | undefined): Stmt[] {
    if (node === undefined) return [];
    return this.block(this.childByField(node, "body") ?? this.childOfType(node, "block"));
  }

  private tryStatement(node: SyntaxNode): Stmt {
    const handlers: ExceptHandler[] = [];
    let orelse: Stmt[] = [];
    let finalbody: Stmt[] = [];
    for (const child of this.t.children(node)) {
      if (this.t.type(child) === "except_clause" || this.t.type(child) === "except_group_clause") {
        const blockNode = this.childOfType(child, "block");
        let typeNode = this.childByField(child, "value");
        let aliasNode = this.childByField(child, "alias");
        if (typeNode === undefined) {
          const exprs = this.namedChildren(child).filter((c) => this.t.type(c) !== "block");
          typeNode = exprs[0];
          if (aliasNode === undefined && exprs.length > 1) aliasNode = exprs[1];
        }
        if (this.typeOf(typeNode) === "as_pattern") {
          aliasNode = this.childByField(typeNode, "alias");
          typeNode = this.namedChildren(typeNode)[0];
        }
        const aliasIdent = aliasNode === undefined ? undefined : this.firstIdentifier(aliasNode);
        handlers.push({
          start: this.t.start(child),
          end: this.t.end(child),
          type: typeNode === undefined ? null : this.expr(typeNode),
          name: aliasIdent === undefined ? null : this.name(aliasIdent),
          body: this.block(blockNode),
        });
      } else if (this.t.type(child) === "else_clause") {
        orelse = this.elseBody(child);
      } else if (this.t.type(child) === "finally_clause") {
        finalbody = this.block(this.childOfType(child, "block"));
      }
    }
    return { kind: "try", start: this.t.start(node), end: this.t.end(node), body: this.block(this.childByField(node, "body")), handlers, orelse, finalbody };
  }

  private withStatement(node: SyntaxNode): Stmt {
    const items: { context: Expr; target: Expr | null }[] = [];
    const clause = this.childOfType(node, "with_clause");
    for (const item of clause === undefined ? [] : this.t.children(clause).filter((c) => this.t.type(c) === "with_item")) {
      let value = this.childByField(item, "value") ?? this.namedChildren(item)[0];
      while (this.typeOf(value) === "parenthesized_expression" && this.namedChildren(value).length === 1) {
        const inner = this.namedChildren(value)[0];
        if (this.typeOf(inner) !== "as_pattern") break;
        value = inner;
      }
      if (this.typeOf(value) === "as_pattern") {
        const alias = this.childByField(value, "alias");
        const aliasTarget = alias === undefined ? undefined : (this.namedChildren(alias)[0] ?? alias);
        items.push({ context: this.expr(this.namedChildren(value)[0]), target: aliasTarget ? this.target(aliasTarget) : null });
      } else {
        items.push({ context: this.expr(value), target: null });
      }
    }
    const result: WithStmt = { kind: "with", start: this.t.start(node), end: this.t.end(node), items, body: this.block(this.childByField(node, "body")) };
    return result;
  }

  private matchStatement(node: SyntaxNode): Stmt {
    const cases: MatchStmt["cases"][number][] = [];
    const body = this.childByField(node, "body");
    for (const clause of body === undefined ? [] : this.t.children(body).filter((c) => this.t.type(c) === "case_clause")) {
      const captures: NameExpr[] = [];
      const patterns = this.t.children(clause).filter((c) => this.t.type(c) === "case_pattern");
      for (const pattern of patterns) this.collectCaptures(pattern, captures);
      const guardNode = this.childByField(clause, "guard");
      const onlyPattern = patterns.length === 1 ? patterns[0] : undefined;
      const patternText = onlyPattern === undefined ? "" : this.src(onlyPattern).trim();
      cases.push({
        captures,
        guard: guardNode === undefined ? null : this.expr(this.namedChildren(guardNode)[0]),
        body: this.block(this.childByField(clause, "consequence")),
        irrefutable: guardNode === undefined && (patternText === "_" || /^[A-Za-z_]\w*$/.test(patternText)),
      });
    }
    return { kind: "match", start: this.t.start(node), end: this.t.end(node), subject: this.expr(this.childByField(node, "subject")), cases };
  }

  /** Names a match pattern binds: bare names (`a`, not dotted `Color.RED`), `*rest`, `**kw`, `as name`. */
  private collectCaptures(node: SyntaxNode, out: NameExpr[]): void {
    if (this.t.type(node) === "dotted_name") {
      const ids = this.namedChildren(node);
      if (ids.length === 1 && ids[0] !== undefined && this.src(ids[0]) !== "_") out.push(this.name(ids[0]));
      return;
    }
    if (this.t.type(node) === "class_pattern") {
      for (const child of this.t.children(node).slice(1)) this.collectCaptures(child, out);
      return;
    }
    if (this.t.type(node) === "keyword_pattern") {
      for (const child of this.namedChildren(node).slice(1)) this.collectCaptures(child, out);
      return;
    }
    if ((this.t.type(node) === "splat_pattern" || this.t.type(node) === "as_pattern") && this.t.children(node).length > 0) {
      for (const child of this.t.children(node)) {
        if (this.t.type(child) === "identifier" && this.src(child) !== "_") out.push(this.name(child));
        else this.collectCaptures(child, out);
      }
      return;
    }
    if (this.t.type(node) === "string" || this.t.type(node) === "integer" || this.t.type(node) === "float") return;
    for (const child of this.t.children(node)) if (this.t.isNamed(child)) this.collectCaptures(child, out);
  }

  private functionDef(node: SyntaxNode, decorators: Expr[], outer: SyntaxNode = node): Stmt {
    const nameNode = this.childByField(node, "name");
    const returns = this.childByField(node, "return_type");
    const body = this.block(this.childByField(node, "body"));
    return {
      kind: "def",
      start: this.t.start(outer),
      end: this.t.end(outer),
      name: nameNode ? this.name(nameNode) : { kind: "name", id: "<missing>", start: this.t.start(node), end: this.t.end(node) },
      params: this.parameters(this.childByField(node, "parameters")),
      body,
      decorators,
      returns: returns === undefined ? null : this.expr(this.namedChildren(returns)[0] ?? returns),
      isAsync: this.t.children(node).some((c) => !this.t.isNamed(c) && this.t.type(c) === "async"),
      isGenerator: this.containsYield(this.childByField(node, "body")),
    };
  }

  private classDef(node: SyntaxNode, decorators: Expr[], outer: SyntaxNode = node): Stmt {
    const nameNode = this.childByField(node, "name");
    const bases = this.childByField(node, "superclasses");
    return {
      kind: "class",
      start: this.t.start(outer),
      end: this.t.end(outer),
      name: nameNode ? this.name(nameNode) : { kind: "name", id: "<missing>", start: this.t.start(node), end: this.t.end(node) },
      bases: bases === undefined ? [] : this.namedChildren(bases).map((b) => this.expr(b)),
      body: this.block(this.childByField(node, "body")),
      decorators,
    };
  }

  private parameters(node: SyntaxNode | undefined): Parameter[] {
    const out: Parameter[] = [];
    if (node === undefined) return out;
    for (const p of this.namedChildren(node)) {
      const mk = (nameNode: SyntaxNode | undefined, star: Parameter["star"], def: SyntaxNode | undefined, ann: SyntaxNode | undefined) => {
        if (nameNode === undefined) return;
        out.push({
          start: this.t.start(p),
          end: this.t.end(p),
          name: this.src(nameNode),
          star,
          defaultValue: def === undefined ? null : this.expr(def),
          annotation: ann === undefined ? null : this.expr(this.namedChildren(ann)[0] ?? ann),
        });
      };
      switch (this.t.type(p)) {
        case "identifier":
          mk(p, "", undefined, undefined);
          break;
        case "default_parameter":
          mk(this.childByField(p, "name"), "", this.childByField(p, "value"), undefined);
          break;
        case "typed_default_parameter":
          mk(this.childByField(p, "name"), "", this.childByField(p, "value"), this.childByField(p, "type"));
          break;
        case "typed_parameter": {
          const inner = this.namedChildren(p)[0];
          const ann = this.childByField(p, "type");
          if (this.typeOf(inner) === "list_splat_pattern") mk(this.namedChildren(inner)[0], "*", undefined, ann);
          else if (this.typeOf(inner) === "dictionary_splat_pattern") mk(this.namedChildren(inner)[0], "**", undefined, ann);
          else mk(inner, "", undefined, ann);
          break;
        }
        case "list_splat_pattern":
          mk(this.namedChildren(p)[0], "*", undefined, undefined);
          break;
        case "dictionary_splat_pattern":
          mk(this.namedChildren(p)[0], "**", undefined, undefined);
          break;
        default:
          break;
      }
    }
    return out;
  }

  private importNames(node: SyntaxNode): ImportBinding[] {
    const out: ImportBinding[] = [];
    for (const n of this.childrenByField(node, "name")) {
      if (this.t.type(n) === "aliased_import") {
        const dotted = this.childByField(n, "name");
        const alias = this.childByField(n, "alias");
        if (dotted && alias) out.push({ name: this.name(alias), qualifiedName: this.dotted(dotted), star: false });
      } else if (this.t.type(n) === "dotted_name") {
        // `import numpy.linalg` binds `numpy`.
        const first = this.namedChildren(n)[0];
        if (first) out.push({ name: this.name(first), qualifiedName: this.src(first), star: false });
      }
    }
    return out;
  }

  private importFromNames(node: SyntaxNode): ImportBinding[] {
    const moduleNode = this.childByField(node, "module_name");
    if (moduleNode === undefined) return [];
    const moduleName = this.t.type(moduleNode) === "relative_import" ? "." + this.src(moduleNode) : this.dotted(moduleNode);
    const out: ImportBinding[] = [];
    if (this.hasChildOfType(node, "wildcard_import")) {
      out.push({ name: { kind: "name", id: "*", start: this.t.start(node), end: this.t.end(node) }, qualifiedName: moduleName, star: true });
    }
    for (const n of this.childrenByField(node, "name")) {
      if (this.t.type(n) === "aliased_import") {
        const dotted = this.childByField(n, "name");
        const alias = this.childByField(n, "alias");
        if (dotted && alias) {
          out.push({ name: this.name(alias), qualifiedName: `${moduleName}.${this.dotted(dotted)}`, star: false });
        }
      } else if (this.t.type(n) === "dotted_name") {
        out.push({ name: this.name(n), qualifiedName: `${moduleName}.${this.dotted(n)}`, star: false });
      }
    }
    return out;
  }

  private dotted(node: SyntaxNode): string {
    return this.namedChildren(node)
      .map((c) => this.src(c))
      .join(".");
  }

  // --------------------------------------------------------------- expressions

  private name(node: SyntaxNode): NameExpr {
    return { kind: "name", id: this.src(node), start: this.t.start(node), end: this.t.end(node) };
  }

  private firstIdentifier(node: SyntaxNode): SyntaxNode | undefined {
    if (this.t.type(node) === "identifier") return node;
    for (const c of this.t.children(node)) {
      const found = this.firstIdentifier(c);
      if (found) return found;
    }
    return undefined;
  }

  private tupleOf(node: SyntaxNode, parts: readonly SyntaxNode[]): Expr {
    return { kind: "tuple", start: this.t.start(node), end: this.t.end(node), elts: parts.map((p) => this.expr(p)) };
  }

  /** An assignment or loop target: like an expression, with `pattern_list`/`tuple_pattern`/`list_splat_pattern`. */
  target(node: SyntaxNode | undefined): Expr {
    return this.expr(node);
  }

  private subExpressions(node: SyntaxNode): Expr[] {
    const out: Expr[] = [];
    for (const c of this.namedChildren(node)) {
      if (this.t.type(c) === "block" || this.t.type(c).endsWith("_statement") || this.t.type(c).endsWith("_clause")) continue;
      out.push(this.expr(c));
    }
    return out;
  }

  expr(node: SyntaxNode | undefined): Expr {
    if (node === undefined) return { kind: "opaque", what: "missing", start: 0, end: 0, children: [] };
    switch (this.t.type(node)) {
      case "identifier":
        return { kind: "name", id: this.src(node), start: this.t.start(node), end: this.t.end(node) };
      case "attribute": {
        const attr = this.childByField(node, "attribute");
        return {
          kind: "attribute",
          start: this.t.start(node),
          end: this.t.end(node),
          value: this.expr(this.childByField(node, "object")),
          attr: attr ? this.src(attr) : "",
        };
      }
      case "call": {
        const argsNode = this.childByField(node, "arguments");
        let args: Argument[] = [];
        if (argsNode !== undefined && this.t.type(argsNode) === "generator_expression") {
          args = [{ start: this.t.start(argsNode), end: this.t.end(argsNode), name: null, star: "", value: this.expr(argsNode) }];
        } else if (argsNode !== undefined) {
          args = this.namedChildren(argsNode).map((a) => this.argument(a));
        }
        return { kind: "call", start: this.t.start(node), end: this.t.end(node), func: this.expr(this.childByField(node, "function")), args };
      }
      case "subscript": {
        const subs = this.childrenByField(node, "subscript");
        const hasComma = this.hasChildOfType(node, ",");
        const index: Expr =
          subs.length === 1 && !hasComma && subs[0] !== undefined
            ? this.expr(subs[0])
            : {
                kind: "tuple",
                start: subs[0] === undefined ? this.t.end(node) : this.t.start(subs[0]),
                end: subs.length === 0 ? this.t.end(node) : this.t.end(subs[subs.length - 1] as SyntaxNode),
                elts: subs.map((x) => this.expr(x)),
              };
        return { kind: "subscript", start: this.t.start(node), end: this.t.end(node), value: this.expr(this.childByField(node, "value")), index };
      }
      case "slice": {
        const parts: (Expr | null)[] = [null, null, null];
        let slot = 0;
        for (const c of this.t.children(node)) {
          if (this.t.type(c) === ":") slot++;
          else if (this.t.isNamed(c) && this.t.type(c) !== "comment" && slot < 3) parts[slot] = this.expr(c);
        }
        return { kind: "slice", start: this.t.start(node), end: this.t.end(node), lower: parts[0] ?? null, upper: parts[1] ?? null, step: parts[2] ?? null };
      }
      case "integer":
      case "float":
        return this.number(node);
      case "string":
      case "concatenated_string": {
        const raw = this.src(node);
        const prefix = /^[A-Za-z]*/.exec(raw)?.[0].toLowerCase() ?? "";
        const isF = prefix.includes("f") || this.hasChildOfType(node, "interpolation");
        const body = /^[A-Za-z]*("""|'''|"|')([\s\S]*)\1$/.exec(raw);
        return {
          kind: "string",
          start: this.t.start(node),
          end: this.t.end(node),
          bytes: prefix.includes("b"),
          value: this.t.type(node) === "string" && !isF && body?.[2] !== undefined ? body[2] : null,
        };
      }
      case "true":
        return { kind: "const", value: "True", start: this.t.start(node), end: this.t.end(node) };
      case "false":
        return { kind: "const", value: "False", start: this.t.start(node), end: this.t.end(node) };
      case "none":
        return { kind: "const", value: "None", start: this.t.start(node), end: this.t.end(node) };
      case "ellipsis":
        return { kind: "const", value: "Ellipsis", start: this.t.start(node), end: this.t.end(node) };
      case "tuple":
      case "expression_list":
      case "pattern_list":
      case "tuple_pattern":
        return { kind: "tuple", start: this.t.start(node), end: this.t.end(node), elts: this.namedChildren(node).map((c) => this.expr(c)) };
      case "list":
      case "list_pattern":
        return { kind: "list", start: this.t.start(node), end: this.t.end(node), elts: this.namedChildren(node).map((c) => this.expr(c)) };
      case "set":
        return { kind: "set", start: this.t.start(node), end: this.t.end(node), elts: this.namedChildren(node).map((c) => this.expr(c)) };
      case "dictionary":
        return {
          kind: "dict",
          start: this.t.start(node),
          end: this.t.end(node),
          entries: this.namedChildren(node).flatMap((p) => this.namedChildren(p).map((c) => this.expr(c))),
        };
      case "parenthesized_expression": {
        const inner = this.namedChildren(node);
        if (inner.length === 1) return this.expr(inner[0]);
        return { kind: "opaque", what: this.t.type(node), start: this.t.start(node), end: this.t.end(node), children: inner.map((c) => this.expr(c)) };
      }
      case "binary_operator": {
        const op = this.childByField(node, "operator");
        return {
          kind: "binary",
          start: this.t.start(node),
          end: this.t.end(node),
          op: op ? this.src(op) : "?",
          left: this.expr(this.childByField(node, "left")),
          right: this.expr(this.childByField(node, "right")),
        };
      }
      case "unary_operator": {
        const op = this.childByField(node, "operator");
        return {
          kind: "unary",
          start: this.t.start(node),
          end: this.t.end(node),
          op: op ? this.src(op) : "?",
          operand: this.expr(this.childByField(node, "argument")),
        };
      }
      case "not_operator":
        return { kind: "unary", start: this.t.start(node), end: this.t.end(node), op: "not", operand: this.expr(this.childByField(node, "argument")) };
      case "boolean_operator": {
        const op = this.childByField(node, "operator");
        return {
          kind: "boolop",
          start: this.t.start(node),
          end: this.t.end(node),
          op: op !== undefined && this.src(op) === "or" ? "or" : "and",
          left: this.expr(this.childByField(node, "left")),
          right: this.expr(this.childByField(node, "right")),
        };
      }
      case "comparison_operator": {
        const ops: string[] = [];
        const operands: Expr[] = [];
        for (const c of this.t.children(node)) {
          if (this.t.field(c) === "operators") ops.push(this.src(c).replace(/\s+/g, " "));
          else if (this.t.isNamed(c) && this.t.type(c) !== "comment") operands.push(this.expr(c));
        }
        return { kind: "compare", start: this.t.start(node), end: this.t.end(node), ops, operands };
      }
      case "conditional_expression": {
        const [body, test, orelse] = this.namedChildren(node);
        return { kind: "ifexp", start: this.t.start(node), end: this.t.end(node), body: this.expr(body), test: this.expr(test), orelse: this.expr(orelse) };
      }
      case "named_expression": {
        const nameNode = this.childByField(node, "name");
        return {
          kind: "walrus",
          start: this.t.start(node),
          end: this.t.end(node),
          target: nameNode ? this.name(nameNode) : { kind: "name", id: "<missing>", start: this.t.start(node), end: this.t.end(node) },
          value: this.expr(this.childByField(node, "value")),
        };
      }
      case "lambda":
        return {
          kind: "lambda",
          start: this.t.start(node),
          end: this.t.end(node),
          params: this.parameters(this.childByField(node, "parameters")),
          body: this.expr(this.childByField(node, "body")),
        };
      case "list_comprehension":
      case "set_comprehension":
      case "dictionary_comprehension":
      case "generator_expression":
        return this.comprehension(node);
      case "list_splat":
      case "list_splat_pattern":
      case "dictionary_splat":
        return { kind: "starred", start: this.t.start(node), end: this.t.end(node), value: this.expr(this.namedChildren(node)[0]) };
      case "keyword_argument":
        return this.expr(this.childByField(node, "value"));
      case "ERROR":
      case "MISSING":
        this.syntaxErrors.push(this.span(node));
        return { kind: "opaque", what: this.t.type(node), start: this.t.start(node), end: this.t.end(node), children: [] };
      default:
        return { kind: "opaque", what: this.t.type(node), start: this.t.start(node), end: this.t.end(node), children: this.subExpressions(node) };
    }
  }

  private number(node: SyntaxNode): Expr {
    const text = this.src(node);
    const raw = text.includes("_") ? text.replace(/_/g, "") : text;
    const last = raw.charCodeAt(raw.length - 1);
    const imaginary = last === 0x6a /* j */ || last === 0x4a; /* J */
    const body = imaginary ? raw.slice(0, -1) : raw;
    let value = Number.NaN;
    let isInt = false;
    if (/^\d+$/.test(body)) {
      value = Number(body);
      isInt = true;
    } else if (/^0[xX][0-9a-fA-F]+$/.test(body) || /^0[oO][0-7]+$/.test(body) || /^0[bB][01]+$/.test(body)) {
      value = Number(body.toLowerCase());
      isInt = true;
    } else {
      value = Number(body);
    }
    return { kind: "number", start: this.t.start(node), end: this.t.end(node), value, isInt: isInt && !imaginary, imaginary };
  }

  private argument(node: SyntaxNode): Argument {
    if (this.t.type(node) === "keyword_argument") {
      const nameNode = this.childByField(node, "name");
      return {
        start: this.t.start(node),
        end: this.t.end(node),
        name: nameNode ? this.src(nameNode) : null,
        star: "",
        value: this.expr(this.childByField(node, "value")),
      };
    }
    if (this.t.type(node) === "list_splat")
      return { start: this.t.start(node), end: this.t.end(node), name: null, star: "*", value: this.expr(this.namedChildren(node)[0]) };
    if (this.t.type(node) === "dictionary_splat")
      return { start: this.t.start(node), end: this.t.end(node), name: null, star: "**", value: this.expr(this.namedChildren(node)[0]) };
    return { start: this.t.start(node), end: this.t.end(node), name: null, star: "", value: this.expr(node) };
  }

  private comprehension(node: SyntaxNode): Expr {
    const flavor =
      this.t.type(node) === "list_comprehension"
        ? "list"
        : this.t.type(node) === "set_comprehension"
          ? "set"
          : this.t.type(node) === "dictionary_comprehension"
            ? "dict"
            : "generator";
    const bodyNode = this.childByField(node, "body");
    const elts = bodyNode === undefined ? [] : this.t.type(bodyNode) === "pair" ? this.namedChildren(bodyNode).map((c) => this.expr(c)) : [this.expr(bodyNode)];
    const generators: ComprehensionFor[] = [];
    for (const c of this.t.children(node)) {
      if (this.t.type(c) === "for_in_clause") {
        generators.push({
          target: this.target(this.childByField(c, "left")),
          iter: this.expr(this.childByField(c, "right")),
          ifs: [],
        });
      } else if (this.t.type(c) === "if_clause") {
        const last = generators[generators.length - 1];
        const cond = this.expr(this.namedChildren(c)[0]);
        if (last) (last.ifs as Expr[]).push(cond);
      }
    }
    return { kind: "comprehension", start: this.t.start(node), end: this.t.end(node), flavor, elts, generators };
  }

  /** True when a `yield` occurs in the subtree, outside nested functions, classes and lambdas. */
  private containsYield(node: SyntaxNode | undefined): boolean {
    if (node === undefined) return false;
    const t = this.t;
    for (let c = t.firstChild(node); c !== undefined; c = t.nextSibling(c)) {
      const type = t.type(c);
      if (type === "yield") return true;
      if (type === "function_definition" || type === "class_definition" || type === "lambda") continue;
      if (this.containsYield(c)) return true;
    }
    return false;
  }
}
