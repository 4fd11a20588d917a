// Lowers tree-sitter's concrete Python tree (as RawNode) into the engine's typed syntax tree; never throws on broken code.
import type {
  Argument,
  ComprehensionFor,
  ExceptHandler,
  Expr,
  ImportBinding,
  MatchStmt,
  Module,
  NameExpr,
  Parameter,
  Span,
  Stmt,
  WithStmt,
} from "./ast";
import type { RawNode } from "./parser";

/** Lowers a whole module. Syntax errors become opaque statements and are listed in `syntaxErrors`. */
export function lowerModule(root: RawNode, text: string): Module {
  const lowerer = new Lowerer(text);
  const body = lowerer.block(root);
  return { body, syntaxErrors: lowerer.syntaxErrors };
}

/** Named children other than comments; the node's own array when that is all of them (the copy drops most tokens). */
function namedChildren(node: RawNode): readonly RawNode[] {
  const children = node.children;
  for (const c of children) if (!c.named || c.type === "comment") return children.filter((d) => d.named && d.type !== "comment");
  return children;
}

const childByField = (node: RawNode, field: string): RawNode | undefined => node.children.find((c) => c.field === field);
const childrenByField = (node: RawNode, field: string): RawNode[] => node.children.filter((c) => c.field === field);
const span = (node: RawNode): Span => ({ start: node.start, end: node.end });

class Lowerer {
  readonly syntaxErrors: Span[] = [];

  constructor(private readonly text: string) {}

  private src(node: RawNode): string {
    return this.text.slice(node.start, node.end);
  }

  // ---------------------------------------------------------------- statements

  /** Statements of a module or block node. */
  block(node: RawNode | undefined): Stmt[] {
    const out: Stmt[] = [];
    if (node === undefined) return out;
    for (const child of node.children) {
      if (!child.named || child.type === "comment") continue;
      this.statement(child, out);
    }
    return out;
  }

  private statement(node: RawNode, out: Stmt[]): void {
    switch (node.type) {
      case "expression_statement": {
        const parts = namedChildren(node);
        if (parts.length === 1 && parts[0] !== undefined) {
          const only = parts[0];
          if (only.type === "assignment") return void out.push(this.assignment(only, node));
          if (only.type === "augmented_assignment") {
            return void out.push({
              kind: "augassign",
              start: node.start, end: node.end,
              target: this.expr(childByField(only, "left")),
              op: this.src(childByField(only, "operator") ?? only).trim(),
              value: this.expr(childByField(only, "right")),
            });
          }
          return void out.push({ kind: "expr", start: node.start, end: node.end, value: this.expr(only) });
        }
        return void out.push({ kind: "expr", start: node.start, end: node.end, value: this.tupleOf(node, parts) });
      }
      case "if_statement":
        return void out.push(this.ifStatement(node));
      case "while_statement":
        return void out.push({
          kind: "while",
          start: node.start, end: node.end,
          test: this.expr(childByField(node, "condition")),
          body: this.block(childByField(node, "body")),
          orelse: this.elseBody(childByField(node, "alternative")),
        });
      case "for_statement":
        return void out.push({
          kind: "for",
          start: node.start, end: node.end,
          target: this.target(childByField(node, "left")),
          iter: this.expr(childByField(node, "right")),
          body: this.block(childByField(node, "body")),
          orelse: this.elseBody(childByField(node, "alternative")),
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
        const decorators = node.children
          .filter((c) => c.type === "decorator")
          .map((d) => this.expr(namedChildren(d)[0]));
        const def = childByField(node, "definition");
        if (def?.type === "function_definition") return void out.push(this.functionDef(def, decorators, node));
        if (def?.type === "class_definition") return void out.push(this.classDef(def, decorators, node));
        return void out.push(this.opaqueStmt(node));
      }
      case "return_statement": {
        const parts = namedChildren(node);
        const value = parts.length === 0 ? null : parts.length === 1 ? this.expr(parts[0]) : this.tupleOf(node, parts);
        return void out.push({ kind: "return", start: node.start, end: node.end, value });
      }
      case "delete_statement": {
        const parts = namedChildren(node);
        const list = parts.length === 1 && parts[0]?.type === "expression_list" ? namedChildren(parts[0]) : parts;
        return void out.push({ kind: "del", start: node.start, end: node.end, targets: list.map((t) => this.target(t)) });
      }
      case "raise_statement":
        return void out.push({ kind: "raise", start: node.start, end: node.end, exprs: namedChildren(node).map((c) => this.expr(c)) });
      case "break_statement":
        return void out.push({ kind: "break", start: node.start, end: node.end });
      case "continue_statement":
        return void out.push({ kind: "continue", start: node.start, end: node.end });
      case "pass_statement":
        return void out.push({ kind: "pass", start: node.start, end: node.end });
      case "global_statement":
      case "nonlocal_statement":
        return void out.push({
          kind: node.type === "global_statement" ? "global" : "nonlocal",
          start: node.start, end: node.end,
          names: namedChildren(node)
            .filter((c) => c.type === "identifier")
            .map((c) => this.name(c)),
        });
      case "import_statement":
        return void out.push({ kind: "import", start: node.start, end: node.end, bindings: this.importNames(node) });
      case "import_from_statement":
        return void out.push({ kind: "import", start: node.start, end: node.end, bindings: this.importFromNames(node) });
      case "future_import_statement":
      case "type_alias_statement":
      case "print_statement":
      case "exec_statement":
      case "assert_statement":
        return void out.push(this.opaqueStmt(node));
      case "block":
        for (const child of namedChildren(node)) this.statement(child, out);
        return;
      case "ERROR":
        this.syntaxErrors.push(span(node));
        // NOTE: error recovery often wraps well-formed statements in an ERROR node; keep the ones that lowered cleanly.
        for (const child of namedChildren(node)) {
          if (child.type.endsWith("_statement") || child.type.endsWith("_definition")) this.statement(child, out);
        }
        return;
      default:
        if (node.type === "MISSING") {
          this.syntaxErrors.push(span(node));
          return;
        }
        return void out.push(this.opaqueStmt(node));
    }
  }

  private opaqueStmt(node: RawNode): Stmt {
    return { kind: "opaque", start: node.start, end: node.end, what: node.type, exprs: this.subExpressions(node) };
  }

  private assignment(node: RawNode, stmt: RawNode): Stmt {
    // `a = b = value` nests: assignment(left a, right assignment(left b, right value)).
    const targets: Expr[] = [];
    let current: RawNode | undefined = node;
    let annotation: Expr | null = null;
    let value: Expr | null = null;
    while (current !== undefined) {
      targets.push(this.target(childByField(current, "left")));
      const typeNode = childByField(current, "type");
      if (typeNode !== undefined) annotation = this.expr(namedChildren(typeNode)[0] ?? typeNode);
      const right = childByField(current, "right");
      if (right?.type === "assignment") {
        current = right;
        continue;
      }
      value = right === undefined ? null : this.expr(right);
      current = undefined;
    }
    return { kind: "assign", start: stmt.start, end: stmt.end, targets, value, annotation };
  }

  private ifStatement(node: RawNode): Stmt {
    const alternatives = childrenByField(node, "alternative");
    let orelse: Stmt[] = [];
    for (let i = alternatives.length - 1; i >= 0; i--) {
      const alt = alternatives[i];
      if (alt === undefined) continue;
      if (alt.type === "else_clause") orelse = this.block(childByField(alt, "body") ?? alt);
      else if (alt.type === "elif_clause") {
        orelse = [
          {
            kind: "if",
            start: alt.start,
            end: orelse.length > 0 ? Math.max(alt.end, orelse[orelse.length - 1]?.end ?? alt.end) : alt.end,
            test: this.expr(childByField(alt, "condition")),
            body: this.block(childByField(alt, "consequence")),
            orelse,
          },
        ];
      }
    }
    return {
      kind: "if",
      start: node.start, end: node.end,
      test: this.expr(childByField(node, "condition")),
      body: this.block(childByField(node, "consequence")),
      orelse,
    };
  }

  private elseBody(node: RawNode | undefined): Stmt[] {
    if (node === undefined) return [];
    return this.block(childByField(node, "body") ?? node.children.find((c) => c.type === "block"));
  }

  private tryStatement(node: RawNode): Stmt {
    const handlers: ExceptHandler[] = [];
    let orelse: Stmt[] = [];
    let finalbody: Stmt[] = [];
    for (const child of node.children) {
      if (child.type === "except_clause" || child.type === "except_group_clause") {
        const blockNode = child.children.find((c) => c.type === "block");
        let typeNode = childByField(child, "value");
        let aliasNode = childByField(child, "alias");
        if (typeNode === undefined) {
          const exprs = namedChildren(child).filter((c) => c.type !== "block");
          typeNode = exprs[0];
          if (aliasNode === undefined && exprs.length > 1) aliasNode = exprs[1];
        }
        if (typeNode?.type === "as_pattern") {
          aliasNode = childByField(typeNode, "alias");
          typeNode = namedChildren(typeNode)[0];
        }
        const aliasIdent = aliasNode === undefined ? undefined : this.firstIdentifier(aliasNode);
        handlers.push({
          start: child.start, end: child.end,
          type: typeNode === undefined ? null : this.expr(typeNode),
          name: aliasIdent === undefined ? null : this.name(aliasIdent),
          body: this.block(blockNode),
        });
      } else if (child.type === "else_clause") {
        orelse = this.elseBody(child);
      } else if (child.type === "finally_clause") {
        finalbody = this.block(child.children.find((c) => c.type === "block"));
      }
    }
    return { kind: "try", start: node.start, end: node.end, body: this.block(childByField(node, "body")), handlers, orelse, finalbody };
  }

  private withStatement(node: RawNode): Stmt {
    const items: { context: Expr; target: Expr | null }[] = [];
    const clause = node.children.find((c) => c.type === "with_clause");
    for (const item of clause === undefined ? [] : clause.children.filter((c) => c.type === "with_item")) {
      let value = childByField(item, "value") ?? namedChildren(item)[0];
      while (value?.type === "parenthesized_expression" && namedChildren(value).length === 1) {
        const inner = namedChildren(value)[0];
        if (inner?.type !== "as_pattern") break;
        value = inner;
      }
      if (value?.type === "as_pattern") {
        const alias = childByField(value, "alias");
        const aliasTarget = alias === undefined ? undefined : (namedChildren(alias)[0] ?? alias);
        items.push({ context: this.expr(namedChildren(value)[0]), target: aliasTarget ? this.target(aliasTarget) : null });
      } else {
        items.push({ context: this.expr(value), target: null });
      }
    }
    const result: WithStmt = { kind: "with", start: node.start, end: node.end, items, body: this.block(childByField(node, "body")) };
    return result;
  }

  private matchStatement(node: RawNode): Stmt {
    const cases: MatchStmt["cases"][number][] = [];
    const body = childByField(node, "body");
    for (const clause of body === undefined ? [] : body.children.filter((c) => c.type === "case_clause")) {
      const captures: NameExpr[] = [];
      const patterns = clause.children.filter((c) => c.type === "case_pattern");
      for (const pattern of patterns) this.collectCaptures(pattern, captures);
      const guardNode = childByField(clause, "guard");
      const onlyPattern = patterns.length === 1 ? patterns[0] : undefined;
      const patternText = onlyPattern === undefined ? "" : this.src(onlyPattern).trim();
      cases.push({
        captures,
        guard: guardNode === undefined ? null : this.expr(namedChildren(guardNode)[0]),
        body: this.block(childByField(clause, "consequence")),
        irrefutable: guardNode === undefined && (patternText === "_" || /^[A-Za-z_]\w*$/.test(patternText)),
      });
    }
    return { kind: "match", start: node.start, end: node.end, subject: this.expr(childByField(node, "subject")), cases };
  }

  /** Names a match pattern binds: bare names (`a`, not dotted `Color.RED`), `*rest`, `**kw`, `as name`. */
  private collectCaptures(node: RawNode, out: NameExpr[]): void {
    if (node.type === "dotted_name") {
      const ids = namedChildren(node);
      if (ids.length === 1 && ids[0] !== undefined && this.src(ids[0]) !== "_") out.push(this.name(ids[0]));
      return;
    }
    if (node.type === "class_pattern") {
      for (const child of node.children.slice(1)) this.collectCaptures(child, out);
      return;
    }
    if (node.type === "keyword_pattern") {
      for (const child of namedChildren(node).slice(1)) this.collectCaptures(child, out);
      return;
    }
    if ((node.type === "splat_pattern" || node.type === "as_pattern") && node.children.length > 0) {
      for (const child of node.children) {
        if (child.type === "identifier" && this.src(child) !== "_") out.push(this.name(child));
        else this.collectCaptures(child, out);
      }
      return;
    }
    if (node.type === "string" || node.type === "integer" || node.type === "float") return;
    for (const child of node.children) if (child.named) this.collectCaptures(child, out);
  }

  private functionDef(node: RawNode, decorators: Expr[], outer: RawNode = node): Stmt {
    const nameNode = childByField(node, "name");
    const returns = childByField(node, "return_type");
    const body = this.block(childByField(node, "body"));
    return {
      kind: "def",
      start: outer.start, end: outer.end,
      name: nameNode ? this.name(nameNode) : { kind: "name", id: "<missing>", start: node.start, end: node.end },
      params: this.parameters(childByField(node, "parameters")),
      body,
      decorators,
      returns: returns === undefined ? null : this.expr(namedChildren(returns)[0] ?? returns),
      isAsync: node.children.some((c) => !c.named && c.type === "async"),
      isGenerator: containsYield(childByField(node, "body")),
    };
  }

  private classDef(node: RawNode, decorators: Expr[], outer: RawNode = node): Stmt {
    const nameNode = childByField(node, "name");
    const bases = childByField(node, "superclasses");
    return {
      kind: "class",
      start: outer.start, end: outer.end,
      name: nameNode ? this.name(nameNode) : { kind: "name", id: "<missing>", start: node.start, end: node.end },
      bases: bases === undefined ? [] : namedChildren(bases).map((b) => this.expr(b)),
      body: this.block(childByField(node, "body")),
      decorators,
    };
  }

  private parameters(node: RawNode | undefined): Parameter[] {
    const out: Parameter[] = [];
    if (node === undefined) return out;
    for (const p of namedChildren(node)) {
      const mk = (
        nameNode: RawNode | undefined,
        star: Parameter["star"],
        def: RawNode | undefined,
        ann: RawNode | undefined,
      ) => {
        if (nameNode === undefined) return;
        out.push({
          start: p.start, end: p.end,
          name: this.src(nameNode),
          star,
          defaultValue: def === undefined ? null : this.expr(def),
          annotation: ann === undefined ? null : this.expr(namedChildren(ann)[0] ?? ann),
        });
      };
      switch (p.type) {
        case "identifier":
          mk(p, "", undefined, undefined);
          break;
        case "default_parameter":
          mk(childByField(p, "name"), "", childByField(p, "value"), undefined);
          break;
        case "typed_default_parameter":
          mk(childByField(p, "name"), "", childByField(p, "value"), childByField(p, "type"));
          break;
        case "typed_parameter": {
          const inner = namedChildren(p)[0];
          const ann = childByField(p, "type");
          if (inner?.type === "list_splat_pattern") mk(namedChildren(inner)[0], "*", undefined, ann);
          else if (inner?.type === "dictionary_splat_pattern") mk(namedChildren(inner)[0], "**", undefined, ann);
          else mk(inner, "", undefined, ann);
          break;
        }
        case "list_splat_pattern":
          mk(namedChildren(p)[0], "*", undefined, undefined);
          break;
        case "dictionary_splat_pattern":
          mk(namedChildren(p)[0], "**", undefined, undefined);
          break;
        default:
          break;
      }
    }
    return out;
  }

  private importNames(node: RawNode): ImportBinding[] {
    const out: ImportBinding[] = [];
    for (const n of childrenByField(node, "name")) {
      if (n.type === "aliased_import") {
        const dotted = childByField(n, "name");
        const alias = childByField(n, "alias");
        if (dotted && alias) out.push({ name: this.name(alias), qualifiedName: this.dotted(dotted), star: false });
      } else if (n.type === "dotted_name") {
        // `import numpy.linalg` binds `numpy`.
        const first = namedChildren(n)[0];
        if (first) out.push({ name: this.name(first), qualifiedName: this.src(first), star: false });
      }
    }
    return out;
  }

  private importFromNames(node: RawNode): ImportBinding[] {
    const moduleNode = childByField(node, "module_name");
    if (moduleNode === undefined) return [];
    const moduleName = moduleNode.type === "relative_import" ? "." + this.src(moduleNode) : this.dotted(moduleNode);
    const out: ImportBinding[] = [];
    if (node.children.some((c) => c.type === "wildcard_import")) {
      out.push({ name: { kind: "name", id: "*", start: node.start, end: node.end }, qualifiedName: moduleName, star: true });
    }
    for (const n of childrenByField(node, "name")) {
      if (n.type === "aliased_import") {
        const dotted = childByField(n, "name");
        const alias = childByField(n, "alias");
        if (dotted && alias) {
          out.push({ name: this.name(alias), qualifiedName: `${moduleName}.${this.dotted(dotted)}`, star: false });
        }
      } else if (n.type === "dotted_name") {
        out.push({ name: this.name(n), qualifiedName: `${moduleName}.${this.dotted(n)}`, star: false });
      }
    }
    return out;
  }

  private dotted(node: RawNode): string {
    return namedChildren(node)
      .map((c) => this.src(c))
      .join(".");
  }

  // --------------------------------------------------------------- expressions

  private name(node: RawNode): NameExpr {
    return { kind: "name", id: this.src(node), start: node.start, end: node.end };
  }

  private firstIdentifier(node: RawNode): RawNode | undefined {
    if (node.type === "identifier") return node;
    for (const c of node.children) {
      const found = this.firstIdentifier(c);
      if (found) return found;
    }
    return undefined;
  }

  private tupleOf(node: RawNode, parts: readonly RawNode[]): Expr {
    return { kind: "tuple", start: node.start, end: node.end, elts: parts.map((p) => this.expr(p)) };
  }

  /** An assignment or loop target: like an expression, with `pattern_list`/`tuple_pattern`/`list_splat_pattern`. */
  target(node: RawNode | undefined): Expr {
    return this.expr(node);
  }

  private subExpressions(node: RawNode): Expr[] {
    const out: Expr[] = [];
    for (const c of namedChildren(node)) {
      if (c.type === "block" || c.type.endsWith("_statement") || c.type.endsWith("_clause")) continue;
      out.push(this.expr(c));
    }
    return out;
  }

  expr(node: RawNode | undefined): Expr {
    if (node === undefined) return { kind: "opaque", what: "missing", start: 0, end: 0, children: [] };
    switch (node.type) {
      case "identifier":
        return { kind: "name", id: this.src(node), start: node.start, end: node.end };
      case "attribute": {
        const attr = childByField(node, "attribute");
        return {
          kind: "attribute",
          start: node.start, end: node.end,
          value: this.expr(childByField(node, "object")),
          attr: attr ? this.src(attr) : "",
        };
      }
      case "call": {
        const argsNode = childByField(node, "arguments");
        let args: Argument[] = [];
        if (argsNode?.type === "generator_expression") {
          args = [{ start: argsNode.start, end: argsNode.end, name: null, star: "", value: this.expr(argsNode) }];
        } else if (argsNode !== undefined) {
          args = namedChildren(argsNode).map((a) => this.argument(a));
        }
        return { kind: "call", start: node.start, end: node.end, func: this.expr(childByField(node, "function")), args };
      }
      case "subscript": {
        const subs = childrenByField(node, "subscript");
        const hasComma = node.children.some((c) => c.type === ",");
        const index: Expr =
          subs.length === 1 && !hasComma && subs[0] !== undefined
            ? this.expr(subs[0])
            : {
                kind: "tuple",
                start: subs[0]?.start ?? node.end,
                end: subs[subs.length - 1]?.end ?? node.end,
                elts: subs.map((x) => this.expr(x)),
              };
        return { kind: "subscript", start: node.start, end: node.end, value: this.expr(childByField(node, "value")), index };
      }
      case "slice": {
        const parts: (Expr | null)[] = [null, null, null];
        let slot = 0;
        for (const c of node.children) {
          if (c.type === ":") slot++;
          else if (c.named && c.type !== "comment" && slot < 3) parts[slot] = this.expr(c);
        }
        return { kind: "slice", start: node.start, end: node.end, lower: parts[0] ?? null, upper: parts[1] ?? null, step: parts[2] ?? null };
      }
      case "integer":
      case "float":
        return this.number(node);
      case "string":
      case "concatenated_string": {
        const raw = this.src(node);
        const prefix = /^[A-Za-z]*/.exec(raw)?.[0].toLowerCase() ?? "";
        const isF = prefix.includes("f") || node.children.some((c) => c.type === "interpolation");
        const body = /^[A-Za-z]*("""|'''|"|')([\s\S]*)\1$/.exec(raw);
        return {
          kind: "string",
          start: node.start, end: node.end,
          bytes: prefix.includes("b"),
          value: node.type === "string" && !isF && body?.[2] !== undefined ? body[2] : null,
        };
      }
      case "true":
        return { kind: "const", value: "True", start: node.start, end: node.end };
      case "false":
        return { kind: "const", value: "False", start: node.start, end: node.end };
      case "none":
        return { kind: "const", value: "None", start: node.start, end: node.end };
      case "ellipsis":
        return { kind: "const", value: "Ellipsis", start: node.start, end: node.end };
      case "tuple":
      case "expression_list":
      case "pattern_list":
      case "tuple_pattern":
        return { kind: "tuple", start: node.start, end: node.end, elts: namedChildren(node).map((c) => this.expr(c)) };
      case "list":
      case "list_pattern":
        return { kind: "list", start: node.start, end: node.end, elts: namedChildren(node).map((c) => this.expr(c)) };
      case "set":
        return { kind: "set", start: node.start, end: node.end, elts: namedChildren(node).map((c) => this.expr(c)) };
      case "dictionary":
        return { kind: "dict", start: node.start, end: node.end, entries: namedChildren(node).flatMap((p) => namedChildren(p).map((c) => this.expr(c))) };
      case "parenthesized_expression": {
        const inner = namedChildren(node);
        if (inner.length === 1) return this.expr(inner[0]);
        return { kind: "opaque", what: node.type, start: node.start, end: node.end, children: inner.map((c) => this.expr(c)) };
      }
      case "binary_operator": {
        const op = childByField(node, "operator");
        return {
          kind: "binary",
          start: node.start, end: node.end,
          op: op ? this.src(op) : "?",
          left: this.expr(childByField(node, "left")),
          right: this.expr(childByField(node, "right")),
        };
      }
      case "unary_operator": {
        const op = childByField(node, "operator");
        return { kind: "unary", start: node.start, end: node.end, op: op ? this.src(op) : "?", operand: this.expr(childByField(node, "argument")) };
      }
      case "not_operator":
        return { kind: "unary", start: node.start, end: node.end, op: "not", operand: this.expr(childByField(node, "argument")) };
      case "boolean_operator": {
        const op = childByField(node, "operator");
        return {
          kind: "boolop",
          start: node.start, end: node.end,
          op: op !== undefined && this.src(op) === "or" ? "or" : "and",
          left: this.expr(childByField(node, "left")),
          right: this.expr(childByField(node, "right")),
        };
      }
      case "comparison_operator": {
        const ops: string[] = [];
        const operands: Expr[] = [];
        for (const c of node.children) {
          if (c.field === "operators") ops.push(this.src(c).replace(/\s+/g, " "));
          else if (c.named && c.type !== "comment") operands.push(this.expr(c));
        }
        return { kind: "compare", start: node.start, end: node.end, ops, operands };
      }
      case "conditional_expression": {
        const [body, test, orelse] = namedChildren(node);
        return { kind: "ifexp", start: node.start, end: node.end, body: this.expr(body), test: this.expr(test), orelse: this.expr(orelse) };
      }
      case "named_expression": {
        const nameNode = childByField(node, "name");
        return {
          kind: "walrus",
          start: node.start, end: node.end,
          target: nameNode ? this.name(nameNode) : { kind: "name", id: "<missing>", start: node.start, end: node.end },
          value: this.expr(childByField(node, "value")),
        };
      }
      case "lambda":
        return {
          kind: "lambda",
          start: node.start, end: node.end,
          params: this.parameters(childByField(node, "parameters")),
          body: this.expr(childByField(node, "body")),
        };
      case "list_comprehension":
      case "set_comprehension":
      case "dictionary_comprehension":
      case "generator_expression":
        return this.comprehension(node);
      case "list_splat":
      case "list_splat_pattern":
      case "dictionary_splat":
        return { kind: "starred", start: node.start, end: node.end, value: this.expr(namedChildren(node)[0]) };
      case "keyword_argument":
        return this.expr(childByField(node, "value"));
      case "ERROR":
      case "MISSING":
        this.syntaxErrors.push(span(node));
        return { kind: "opaque", what: node.type, start: node.start, end: node.end, children: [] };
      default:
        return { kind: "opaque", what: node.type, start: node.start, end: node.end, children: this.subExpressions(node) };
    }
  }

  private number(node: RawNode): Expr {
    const text = this.src(node);
    const raw = text.includes("_") ? text.replace(/_/g, "") : text;
    const last = raw.charCodeAt(raw.length - 1);
    const imaginary = last === 0x6a /* j */ || last === 0x4a /* J */;
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
    return { kind: "number", start: node.start, end: node.end, value, isInt: isInt && !imaginary, imaginary };
  }

  private argument(node: RawNode): Argument {
    if (node.type === "keyword_argument") {
      const nameNode = childByField(node, "name");
      return { start: node.start, end: node.end, name: nameNode ? this.src(nameNode) : null, star: "", value: this.expr(childByField(node, "value")) };
    }
    if (node.type === "list_splat") return { start: node.start, end: node.end, name: null, star: "*", value: this.expr(namedChildren(node)[0]) };
    if (node.type === "dictionary_splat") return { start: node.start, end: node.end, name: null, star: "**", value: this.expr(namedChildren(node)[0]) };
    return { start: node.start, end: node.end, name: null, star: "", value: this.expr(node) };
  }

  private comprehension(node: RawNode): Expr {
    const flavor =
      node.type === "list_comprehension"
        ? "list"
        : node.type === "set_comprehension"
          ? "set"
          : node.type === "dictionary_comprehension"
            ? "dict"
            : "generator";
    const bodyNode = childByField(node, "body");
    const elts =
      bodyNode === undefined
        ? []
        : bodyNode.type === "pair"
          ? namedChildren(bodyNode).map((c) => this.expr(c))
          : [this.expr(bodyNode)];
    const generators: ComprehensionFor[] = [];
    for (const c of node.children) {
      if (c.type === "for_in_clause") {
        generators.push({
          target: this.target(childByField(c, "left")),
          iter: this.expr(childByField(c, "right")),
          ifs: [],
        });
      } else if (c.type === "if_clause") {
        const last = generators[generators.length - 1];
        const cond = this.expr(namedChildren(c)[0]);
        if (last) (last.ifs as Expr[]).push(cond);
      }
    }
    return { kind: "comprehension", start: node.start, end: node.end, flavor, elts, generators };
  }
}

function containsYield(node: RawNode | undefined): boolean {
  if (node === undefined) return false;
  const children = node.children;
  for (let i = 0; i < children.length; i++) {
    const c = children[i];
    if (c === undefined) continue;
    const type = c.type;
    if (type === "yield") return true;
    if (type === "function_definition" || type === "class_definition" || type === "lambda") continue;
    if (c.children.length > 0 && containsYield(c)) return true;
  }
  return false;
}
