// Which binding a name at a position refers to, for hovers. The engine reports bindings (assignment targets) but not
// name reads or scopes, so reads are resolved here by an approximation documented on {@link bindingForRead}.
import type { BindingReport } from "../engine/engine";
import type { Span } from "../parse/ast";

/** A Python identifier in the text. */
export interface Identifier {
  readonly name: string;
  readonly span: Span;
}

const IDENT_CHAR = /[\p{L}\p{N}_]/u;
const IDENT_START = /[\p{L}_]/u;

/**
 * The identifier at `offset` (the cursor may sit just after it), or null. Identifiers inside comments and
 * attribute names (`x.shape`'s `shape`) are reported with `attribute: true` so callers can treat them apart.
 */
export function identifierAt(text: string, offset: number): (Identifier & { attribute: boolean }) | null {
  // The cursor just after a name (`tiny|`) means the name, unless the next character starts an expression of its
  // own (`huge|[:, 100]`, `x|.T`, `f|(`): then the hover is about that expression.
  if (!IDENT_CHAR.test(text.charAt(offset)) && /[[(.]/.test(text.charAt(offset))) return null;
  let start = offset;
  while (start > 0 && IDENT_CHAR.test(text.charAt(start - 1))) start--;
  let end = offset;
  while (end < text.length && IDENT_CHAR.test(text.charAt(end))) end++;
  if (start === end || !IDENT_START.test(text.charAt(start))) return null;
  let before = start - 1;
  while (before >= 0 && (text.charAt(before) === " " || text.charAt(before) === "\t")) before--;
  return { name: text.slice(start, end), span: { start, end }, attribute: text.charAt(before) === "." };
}

/** True when `offset` is inside a `#` comment of its line (quotes are tracked roughly; triple-quoted strings are not). */
export function inComment(text: string, offset: number): boolean {
  const lineStart = Math.max(text.lastIndexOf("\n", offset - 1) + 1, 0);
  let quote: string | null = null;
  for (let i = lineStart; i < offset; i++) {
    const c = text.charAt(i);
    if (quote !== null) {
      if (c === "\\") i++;
      else if (c === quote) quote = null;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === "#") return true;
  }
  return false;
}

/** A `def` or `class` block found by indentation: its header line, the body's extent, and a `def`'s parameters. */
interface Block {
  readonly kind: "def" | "class";
  readonly start: number;
  readonly end: number;
  readonly parameters: ReadonlySet<string>;
  readonly parent: Block | null;
}

const BLOCK_HEADER = /^([ \t]*)(?:async[ \t]+)?(def|class)[ \t]+[\p{L}_][\p{L}\p{N}_]*[ \t]*(?:\[[^\]]*\])?[ \t]*\(?/gmu;

/**
 * The `def`/`class` blocks of a module, found by indentation (the engine does not report scopes; see
 * {@link bindingForRead}). A block runs from its header to the last line indented deeper than the header.
 */
export class BlockIndex {
  private readonly blocks: Block[] = [];

  constructor(text: string) {
    const open: { block: Block; indent: number }[] = [];
    const lineEnds = (from: number) => {
      const nl = text.indexOf("\n", from);
      return nl < 0 ? text.length : nl;
    };
    // Close blocks by scanning lines once; headers are matched on the fly.
    const headers = new Map<number, { indent: number; kind: "def" | "class"; paramsFrom: number }>();
    for (const m of text.matchAll(BLOCK_HEADER)) {
      headers.set(m.index, { indent: (m[1] ?? "").replace(/\t/g, "        ").length, kind: m[2] === "class" ? "class" : "def", paramsFrom: m.index + m[0].length });
    }
    const mutable: { kind: "def" | "class"; start: number; end: number; parameters: Set<string>; parent: Block | null }[] = [];
    let lineStart = 0;
    while (lineStart <= text.length) {
      const lineEnd = lineEnds(lineStart);
      const line = text.slice(lineStart, lineEnd);
      const trimmed = line.trimStart();
      if (trimmed !== "" && !trimmed.startsWith("#")) {
        const indent = line.slice(0, line.length - trimmed.length).replace(/\t/g, "        ").length;
        while (open.length > 0 && indent <= (open[open.length - 1]?.indent ?? 0)) {
          const closed = open.pop();
          if (closed !== undefined) (closed.block as { end: number }).end = lineStart - 1;
        }
        const header = headers.get(lineStart);
        if (header !== undefined) {
          const block = {
            kind: header.kind,
            start: lineStart,
            end: text.length,
            parameters: header.kind === "def" ? parameterNames(text, header.paramsFrom) : new Set<string>(),
            parent: open[open.length - 1]?.block ?? null,
          };
          mutable.push(block);
          open.push({ block, indent: header.indent });
        }
      }
      if (lineEnd >= text.length) break;
      lineStart = lineEnd + 1;
    }
    this.blocks = mutable;
  }

  /** The innermost block whose body contains `offset`; null for module level. */
  blockAt(offset: number): Block | null {
    let best: Block | null = null;
    for (const b of this.blocks) if (b.start <= offset && offset <= b.end && (best === null || b.start >= best.start)) best = b;
    return best;
  }

  /** The function block of `offset` and its enclosing function blocks, innermost first, ending with null (module). */
  scopesAt(offset: number): (Block | null)[] {
    const chain: (Block | null)[] = [];
    for (let b = this.blockAt(offset); b !== null; b = b.parent) chain.push(b);
    chain.push(null);
    return chain;
  }
}

/** Parameter names of a `def` header starting at the opening parenthesis (`def f(a, b=1, *c, d: int, **e):`). */
function parameterNames(text: string, from: number): Set<string> {
  const names = new Set<string>();
  let depth = 1;
  let atParam = true;
  for (let i = from; i < text.length && depth > 0; i++) {
    const c = text.charAt(i);
    if (c === "(" || c === "[" || c === "{") depth++;
    else if (c === ")" || c === "]" || c === "}") depth--;
    else if (c === "," && depth === 1) atParam = true;
    else if (c === ":" && depth === 1) atParam = false;
    else if (c === "=" && depth === 1) atParam = false;
    else if (atParam && IDENT_START.test(c)) {
      let j = i;
      while (j < text.length && IDENT_CHAR.test(text.charAt(j))) j++;
      names.add(text.slice(i, j));
      atParam = false;
      i = j - 1;
    }
  }
  return names;
}

/** The binding whose target is at `offset` (the name being assigned), if any. */
export function bindingAtTarget(bindings: readonly BindingReport[], offset: number): BindingReport | null {
  for (const b of bindings) if (b.span.start <= offset && offset <= b.span.end) return b;
  return null;
}

/**
 * The binding a read of `name` at `offset` most likely sees. Approximation: the latest binding of `name` before
 * `offset` in the same function (blocks found by indentation); failing that, a parameter of that function hides
 * outer bindings (returns null); failing that, the latest binding before `offset` in the nearest enclosing
 * function or the module (class bodies are skipped, as Python does for methods), else that scope's last binding
 * (a function may read a global assigned after its `def`). Loops that rebind a name later in their body, and
 * branches, are not distinguished: the hover says what the nearest preceding assignment made.
 */
export function bindingForRead(options: {
  bindings: readonly BindingReport[];
  blocks: BlockIndex;
  name: string;
  offset: number;
}): BindingReport | null {
  const { bindings, blocks, name, offset } = options;
  const candidates = bindings.filter((b) => b.name === name);
  if (candidates.length === 0) return null;
  const scopes = blocks.scopesAt(offset);
  const innermost = scopes[0] ?? null;
  for (const scope of scopes) {
    if (scope !== null && scope.kind === "class" && scope !== innermost) continue;
    const inScope = candidates.filter((b) => blocks.blockAt(b.span.start) === scope);
    const before = inScope.filter((b) => b.span.end <= offset);
    const latest = before[before.length - 1];
    if (latest !== undefined) return latest;
    if (scope !== innermost) {
      const last = inScope[inScope.length - 1];
      if (last !== undefined) return last;
    }
    if (scope !== null && scope.parameters.has(name)) return null;
  }
  return null;
}
