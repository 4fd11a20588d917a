// Loads web-tree-sitter and the Python grammar, and turns a tree-sitter tree into plain JavaScript nodes in one cursor walk.
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { Edit, Language, Parser, type Tree } from "web-tree-sitter";
import { NodeFlags, type SyntaxNode, type SyntaxTree, SyntaxTreeBuilder } from "./syntax-tree";

/** Where the grammar and the web-tree-sitter runtime live, found from any entry point (bundle, tsc output, tests). */
export interface GrammarFiles {
  readonly runtimeWasm: string;
  readonly pythonWasm: string;
}

const PYTHON_WASM = "tree-sitter-python.wasm";
const RUNTIME_WASM = "web-tree-sitter.wasm";

/** Finds the wasm files: next to the running bundle first, then in the repository's `grammars/` and `node_modules`. */
export function locateGrammarFiles(fromDir: string = __dirname): GrammarFiles {
  const pythonWasm = findUpwards(fromDir, [PYTHON_WASM, path.join("grammars", PYTHON_WASM)]);
  let runtimeWasm = findUpwards(fromDir, [RUNTIME_WASM, path.join("node_modules", "web-tree-sitter", RUNTIME_WASM)]);
  if (runtimeWasm === undefined) {
    try {
      runtimeWasm = require.resolve(`web-tree-sitter/${RUNTIME_WASM}`);
    } catch {
      runtimeWasm = undefined;
    }
  }
  if (pythonWasm === undefined || runtimeWasm === undefined) {
    throw new Error(
      `numpy-views: cannot find ${pythonWasm === undefined ? PYTHON_WASM : RUNTIME_WASM} near ${fromDir}; ` + "reinstall the package or run `npm run build`",
    );
  }
  return { runtimeWasm, pythonWasm };
}

function findUpwards(fromDir: string, candidates: readonly string[]): string | undefined {
  let dir = path.resolve(fromDir);
  for (;;) {
    for (const candidate of candidates) {
      const file = path.join(dir, candidate);
      if (existsSync(file)) return file;
    }
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

export type { RawNode } from "./syntax-tree";
export { MISSING_TYPE, TOO_DEEP_TYPE } from "./syntax-tree";

/**
 * Asked for each top-level statement while a tree is copied (`type` is its node type, `start`/`end` its offsets):
 * true when the caller already has that statement lowered, so its subtree is not copied (the node is marked claimed).
 */
export type ClaimStatement = (type: string, start: number, end: number) => boolean;

/** Nesting below this depth is cut off (kept as an opaque node) so deep expressions cannot overflow the stack. */
export const MAX_SYNTAX_DEPTH = 400;
/**
 * Anonymous tokens without a field that the lowering reads, by parent type: `:` separates a slice's parts (`a[::2]`),
 * `,` makes a subscript a tuple (`a[i,]`), `async` marks a coroutine. No other anonymous token without a field is copied.
 */
export const KEPT_TOKENS: readonly { readonly parent: string; readonly token: string }[] = [
  { parent: "slice", token: ":" },
  { parent: "subscript", token: "," },
  { parent: "function_definition", token: "async" },
];

/**
 * Named tokens, which never have children: the fast walk does not ask the cursor to descend into them (nor into
 * anonymous nodes, whose children, such as the `is` and `not` of `is not`, are never copied).
 */
const LEAF_TYPES: readonly string[] = [
  "identifier",
  "integer",
  "float",
  "comment",
  "string_start",
  "string_end",
  "escape_sequence",
  "escape_interpolation",
  "true",
  "false",
  "none",
  "ellipsis",
  "type_conversion",
  "line_continuation",
];

/**
 * The C functions of web-tree-sitter's runtime that walk a cursor kept in its transfer buffer.
 *
 * NOTE: web-tree-sitter's public `TreeCursor` copies the cursor's four words into the transfer buffer before every
 * call and back after every move, through generic `setValue`/`getValue`; that copying, not tree-sitter, was most of
 * the cost of copying a tree (≈ 60% of the time spent in the cursor walk). The runtime is an Emscripten module whose
 * `Module` is the options object given to `Parser.init`, so its exports can be reached there; we leave the cursor
 * in the transfer buffer for the whole walk. When they are not there (another web-tree-sitter version, or another
 * caller initialised the runtime first), {@link PythonParser.toRaw} walks through the public API instead, and a
 * test checks that both walks give the same tree.
 */
interface CursorBinding {
  _ts_tree_root_node_wasm(tree: number): void;
  _ts_tree_cursor_new_wasm(tree: number): void;
  _ts_tree_cursor_delete_wasm(tree: number): void;
  _ts_tree_cursor_goto_first_child_wasm(tree: number): number;
  _ts_tree_cursor_goto_next_sibling_wasm(tree: number): number;
  _ts_tree_cursor_goto_parent_wasm(tree: number): number;
  _ts_tree_cursor_current_node_type_id_wasm(tree: number): number;
  _ts_tree_cursor_current_field_id_wasm(tree: number): number;
  _ts_tree_cursor_current_node_is_missing_wasm(tree: number): number;
  _ts_tree_cursor_start_index_wasm(tree: number): number;
  _ts_tree_cursor_end_index_wasm(tree: number): number;
}

const CURSOR_FUNCTIONS: readonly (keyof CursorBinding)[] = [
  "_ts_tree_root_node_wasm",
  "_ts_tree_cursor_new_wasm",
  "_ts_tree_cursor_delete_wasm",
  "_ts_tree_cursor_goto_first_child_wasm",
  "_ts_tree_cursor_goto_next_sibling_wasm",
  "_ts_tree_cursor_goto_parent_wasm",
  "_ts_tree_cursor_current_node_type_id_wasm",
  "_ts_tree_cursor_current_field_id_wasm",
  "_ts_tree_cursor_current_node_is_missing_wasm",
  "_ts_tree_cursor_start_index_wasm",
  "_ts_tree_cursor_end_index_wasm",
];

/** The runtime's exports once found (`null`: not reachable, use the public API; `undefined`: not initialised yet). */
let cursorBinding: CursorBinding | null | undefined;

function asCursorBinding(module: object): CursorBinding | null {
  const record = module as Record<string, unknown>;
  return CURSOR_FUNCTIONS.every((name) => typeof record[name] === "function") ? (module as CursorBinding) : null;
}

/** The address web-tree-sitter gives a tree (its internal `[0]` handle), or null if this version has none. */
function treeAddress(tree: Tree): number | null {
  const address = (tree as unknown as { readonly 0?: unknown })[0];
  return typeof address === "number" && address !== 0 ? address : null;
}

/** A loaded Python parser. Create one with {@link loadPythonParser}; call {@link PythonParser.dispose} when done. */
export class PythonParser {
  private readonly typeNames: (string | null)[] = [];
  private readonly fieldNames: (string | null)[] = [];
  /** 1 at `parent * typeCount + child` when a child of that type is copied without a field (see {@link KEPT_TOKENS}). */
  private readonly keptChild: Uint8Array;
  private readonly namedType: Uint8Array;
  private readonly leafType: Uint8Array;
  /** Reused by every fast copy (its arrays grow to the largest file seen; each tree gets its own exact-size copy). */
  private readonly builder: SyntaxTreeBuilder;

  private constructor(
    private readonly parser: Parser,
    readonly language: Language,
  ) {
    const count = language.nodeTypeCount;
    this.keptChild = new Uint8Array(count * count);
    this.namedType = new Uint8Array(count);
    this.leafType = new Uint8Array(count);
    for (let id = 0; id < count; id++) {
      const name = language.nodeTypeForId(id);
      const named = language.nodeTypeIsNamed(id);
      this.typeNames.push(name);
      this.namedType[id] = named ? 1 : 0;
      this.leafType[id] = !named || (name !== null && LEAF_TYPES.includes(name)) ? 1 : 0;
    }
    for (const { parent, token } of KEPT_TOKENS) {
      for (let p = 0; p < count; p++) {
        if (this.typeNames[p] !== parent || this.namedType[p] === 0) continue;
        for (let t = 0; t < count; t++) if (this.typeNames[t] === token && this.namedType[t] === 0) this.keptChild[p * count + t] = 1;
      }
    }
    for (let id = 0; id <= language.fieldCount; id++) this.fieldNames.push(language.fieldNameForId(id));
    this.builder = new SyntaxTreeBuilder(this.typeNames, this.fieldNames, 1 << 16);
  }

  static async load(files: GrammarFiles = locateGrammarFiles()): Promise<PythonParser> {
    const moduleOptions = { locateFile: (name: string) => (name === RUNTIME_WASM ? files.runtimeWasm : name) };
    await Parser.init(moduleOptions);
    // Only the first `Parser.init` builds the runtime from its options; later calls reuse it.
    if (cursorBinding === undefined) cursorBinding = asCursorBinding(moduleOptions);
    // NOTE: bytes, not a path: given a path, web-tree-sitter reads it through a dynamic `import("fs/promises")`, which
    // code compiled through the code cache cannot run (boot/code-cache.ts).
    const bytes = await readFile(files.pythonWasm);
    const language = await Language.load(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    const parser = new Parser();
    parser.setLanguage(language);
    return new PythonParser(parser, language);
  }

  /** True when {@link toRaw} calls the runtime's cursor functions directly (the fast path). */
  static get directCursor(): boolean {
    return cursorBinding !== null && cursorBinding !== undefined;
  }

  /** Whether a node is copied: named nodes and tokens with a field always, other tokens only as in {@link KEPT_TOKENS}. */
  private copied(parentTypeId: number, typeId: number, fieldId: number): boolean {
    const count = this.namedType.length;
    // Type ids past the table are ERROR (65535), which is named.
    if (fieldId !== 0 || typeId >= count || this.namedType[typeId] === 1) return true;
    return parentTypeId < count && this.keptChild[parentTypeId * count + typeId] === 1;
  }

  /**
   * Re-parses `text` reusing `old` (the tree of the previous text, which this call edits in place and the caller
   * still owns); `edit` is what changed ({@link editBetween}), so unchanged code is not parsed again. Also returns
   * the ranges of the new text whose syntax differs from the old tree's.
   */
  reparse(text: string, old: Tree, edit: Edit | null): { tree: Tree; changed: readonly { start: number; end: number }[] } {
    if (edit !== null) old.edit(edit);
    const tree = this.parse(text, old);
    // Where the structure differs (in the new text): identical text can parse differently next to a change, as when
    // error recovery sees other text after it.
    const changed = edit === null ? [] : old.getChangedRanges(tree).map((r) => ({ start: r.startIndex, end: r.endIndex }));
    return { tree, changed };
  }

  /** Parses `text`; pass the previous tree (already edited) for an incremental re-parse. The caller owns the tree. */
  parse(text: string, oldTree?: Tree | null): Tree {
    // NOTE: a callback that lets go of the text once parsed, not the string itself: web-tree-sitter keeps the text
    // callback on the tree (for `Node.text`, which nothing here reads), and registers the tree with a
    // FinalizationRegistry, which V8's young-generation collector treats as a strong reference. Given the string, a
    // tree held its whole text alive until the next full collection even after `delete()`: each keystroke's text
    // (120 kB on a 5,000-line file) was promoted to the old generation.
    let source: string | null = text;
    const tree = this.parser.parse((index) => (source === null ? "" : source.slice(index)), oldTree ?? null);
    source = null;
    if (tree === null) throw new Error("numpy-views: tree-sitter returned no tree");
    return tree;
  }

  /**
   * Copies the tree into flat arrays in one cursor walk: the lowering then reads JavaScript memory instead of
   * crossing into WebAssembly per property. Every named node is copied; an anonymous token (punctuation, keyword)
   * only when it carries a field (`operator`, `operators`) or is listed in {@link KEPT_TOKENS} under its parent's
   * type: the lowering reads nothing else, and skipping the rest halves the nodes copied.
   *
   * With `claim`, each top-level statement of a `module` is offered to it first, and one it claims is copied as a
   * single node marked claimed, without its subtree (an editor's document: the statements that did not change).
   * Every other top-level statement with an ERROR or MISSING node inside is marked `hasError`.
   */
  toRaw(tree: Tree, claim?: ClaimStatement): SyntaxTree {
    const address = treeAddress(tree);
    if (cursorBinding !== null && cursorBinding !== undefined && address !== null) return this.toRawDirect(cursorBinding, address, claim);
    return this.toRawPortable(tree, claim);
  }

  /** The claim to apply to the children of a root of this type (only a module's statements are claimed). */
  private claimUnder(rootTypeId: number, claim: ClaimStatement | undefined): ClaimStatement | undefined {
    return this.typeNames[rootTypeId] === "module" ? claim : undefined;
  }

  /** {@link toRaw} through web-tree-sitter's public `TreeCursor` (slower; the reference the fast path is tested against). */
  toRawPortable(tree: Tree, claim?: ClaimStatement): SyntaxTree {
    const out = new SyntaxTreeBuilder(this.typeNames, this.fieldNames);
    const cursor = tree.walk();
    const claimTop = this.claimUnder(cursor.nodeTypeId, claim);
    let sawError = false;
    try {
      const build = (depth: number, parentTypeId: number): SyntaxNode | undefined => {
        const typeId = cursor.nodeTypeId;
        const fieldId = cursor.currentFieldId;
        if (depth > 0 && !this.copied(parentTypeId, typeId, fieldId)) return undefined;
        const tooDeep = depth > MAX_SYNTAX_DEPTH;
        const missing = cursor.nodeIsMissing;
        const flags = (cursor.nodeIsNamed ? NodeFlags.named : 0) | (missing ? NodeFlags.missing : 0) | (tooDeep ? NodeFlags.tooDeep : 0);
        if (depth === 1) {
          if (claimTop?.(cursor.nodeType, cursor.startIndex, cursor.endIndex) === true) {
            return out.add(typeId, fieldId, flags | NodeFlags.claimed, cursor.startIndex, cursor.endIndex);
          }
          sawError = false;
        }
        if (missing || cursor.nodeType === "ERROR") sawError = true;
        const node = out.add(typeId, fieldId, flags, cursor.startIndex, cursor.endIndex);
        if (!tooDeep && cursor.gotoFirstChild()) {
          let previous: SyntaxNode | undefined;
          do {
            const child = build(depth + 1, typeId);
            if (child !== undefined) {
              out.link(node, previous, child);
              previous = child;
            }
          } while (cursor.gotoNextSibling());
          cursor.gotoParent();
        }
        if (depth === 1 && sawError) out.mark(node, NodeFlags.hasError);
        return node;
      };
      build(0, -1);
      return out.finish();
    } finally {
      cursor.delete();
    }
  }

  private toRawDirect(c: CursorBinding, tree: number, claim: ClaimStatement | undefined): SyntaxTree {
    const { namedType, leafType, typeNames } = this;
    const typeCount = namedType.length;
    const out = this.builder;
    out.reset();
    // NOTE: from here to the delete, the cursor lives only in the runtime's transfer buffer; nothing else may call
    // into web-tree-sitter in between (each call below reads it from there, and each move writes it back).
    c._ts_tree_root_node_wasm(tree);
    c._ts_tree_cursor_new_wasm(tree);
    const claimTop = this.claimUnder(c._ts_tree_cursor_current_node_type_id_wasm(tree), claim);
    let sawError = false;
    const build = (depth: number, parentTypeId: number): SyntaxNode | undefined => {
      const typeId = c._ts_tree_cursor_current_node_type_id_wasm(tree);
      const fieldId = c._ts_tree_cursor_current_field_id_wasm(tree);
      if (depth > 0 && !this.copied(parentTypeId, typeId, fieldId)) return undefined;
      const known = typeId < typeCount;
      const start = c._ts_tree_cursor_start_index_wasm(tree);
      const end = c._ts_tree_cursor_end_index_wasm(tree);
      const tooDeep = depth > MAX_SYNTAX_DEPTH;
      // A MISSING node is always empty, so only empty nodes need asking; type ids past the table are ERROR, a named node.
      const missing = start === end && c._ts_tree_cursor_current_node_is_missing_wasm(tree) !== 0;
      const named = !known || namedType[typeId] === 1;
      const flags = (named ? NodeFlags.named : 0) | (missing ? NodeFlags.missing : 0) | (tooDeep ? NodeFlags.tooDeep : 0);
      if (depth === 1) {
        // NOTE: the claim must not call into web-tree-sitter (the cursor lives in the transfer buffer).
        if (claimTop?.(typeNames[typeId] ?? "ERROR", start, end) === true) return out.add(typeId, fieldId, flags | NodeFlags.claimed, start, end);
        sawError = false;
      }
      if (missing || !known) sawError = true;
      const node = out.add(typeId, fieldId, flags, start, end);
      if (!tooDeep && !(known && leafType[typeId] === 1) && c._ts_tree_cursor_goto_first_child_wasm(tree) !== 0) {
        let previous: SyntaxNode | undefined;
        do {
          const child = build(depth + 1, typeId);
          if (child !== undefined) {
            out.link(node, previous, child);
            previous = child;
          }
        } while (c._ts_tree_cursor_goto_next_sibling_wasm(tree) !== 0);
        c._ts_tree_cursor_goto_parent_wasm(tree);
      }
      if (depth === 1 && sawError) out.mark(node, NodeFlags.hasError);
      return node;
    };
    try {
      build(0, -1);
      return out.finish();
    } finally {
      c._ts_tree_cursor_delete_wasm(tree);
    }
  }

  dispose(): void {
    this.parser.delete();
  }
}

/** Row (count of `\n`) and column (UTF-16 units, as web-tree-sitter counts) of an offset. */
function pointAt(text: string, offset: number): { row: number; column: number } {
  let row = 0;
  let lineStart = 0;
  for (let i = text.indexOf("\n"); i >= 0 && i < offset; i = text.indexOf("\n", i + 1)) {
    row++;
    lineStart = i + 1;
  }
  return { row, column: offset - lineStart };
}

const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;

/** How many UTF-16 units {@link editBetween} compares at once while the texts agree. */
const COMPARED_CHUNK = 1024;

/** The single edit that turns `before` into `after` (common prefix and suffix kept), or null when they are equal. */
export function editBetween(before: string, after: string): Edit | null {
  if (before === after) return null;
  const max = Math.min(before.length, after.length);
  let start = 0;
  // NOTE: whole chunks first (a native comparison of two slices), then unit by unit: most of a large document is
  // the same, and a loop over every unit was a third of a millisecond per keystroke on 5,000 lines.
  while (start + COMPARED_CHUNK <= max && before.slice(start, start + COMPARED_CHUNK) === after.slice(start, start + COMPARED_CHUNK)) start += COMPARED_CHUNK;
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  // Never split a surrogate pair.
  if (start > 0 && isHigh(before.charCodeAt(start - 1))) start--;
  let oldEnd = before.length;
  let newEnd = after.length;
  while (
    oldEnd - COMPARED_CHUNK >= start &&
    newEnd - COMPARED_CHUNK >= start &&
    before.slice(oldEnd - COMPARED_CHUNK, oldEnd) === after.slice(newEnd - COMPARED_CHUNK, newEnd)
  ) {
    oldEnd -= COMPARED_CHUNK;
    newEnd -= COMPARED_CHUNK;
  }
  while (oldEnd > start && newEnd > start && before.charCodeAt(oldEnd - 1) === after.charCodeAt(newEnd - 1)) {
    oldEnd--;
    newEnd--;
  }
  if (isLow(before.charCodeAt(oldEnd)) && oldEnd < before.length) {
    oldEnd++;
    newEnd++;
  }
  return new Edit({
    startIndex: start,
    oldEndIndex: oldEnd,
    newEndIndex: newEnd,
    startPosition: pointAt(before, start),
    oldEndPosition: pointAt(before, oldEnd),
    newEndPosition: pointAt(after, newEnd),
  });
}
