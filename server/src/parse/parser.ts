// Loads web-tree-sitter and the Python grammar, and turns a tree-sitter tree into plain JavaScript nodes in one cursor walk.
import { existsSync } from "node:fs";
import path from "node:path";
import { Language, Parser, type Tree } from "web-tree-sitter";

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
      `numpy-views: cannot find ${pythonWasm === undefined ? PYTHON_WASM : RUNTIME_WASM} near ${fromDir}; ` +
        "reinstall the package or run `npm run build`",
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

/**
 * A plain-object copy of one tree-sitter node. Offsets are UTF-16 code units, matching JavaScript strings.
 *
 * Every named node is copied; an anonymous token (punctuation, keyword) only when it carries a field
 * (`operator`, `operators`) or is listed in {@link KEPT_TOKENS} under its parent's type: the lowering reads nothing
 * else, and skipping the rest halves the nodes copied.
 */
export interface RawNode {
  readonly type: string;
  readonly field: string | null;
  readonly named: boolean;
  readonly start: number;
  readonly end: number;
  readonly children: readonly RawNode[];
}

const ERROR_TYPE = "ERROR";
const MISSING_TYPE = "MISSING";
/** Nesting below this depth is cut off (kept as an opaque node) so deep expressions cannot overflow the stack. */
export const MAX_SYNTAX_DEPTH = 400;
/** The type given to a node whose children were cut off at {@link MAX_SYNTAX_DEPTH}. */
export const TOO_DEEP_TYPE = "TOO_DEEP";
/**
 * Anonymous tokens without a field that the lowering reads, by parent type: `:` separates a slice's parts (`a[::2]`),
 * `,` makes a subscript a tuple (`a[i,]`), `async` marks a coroutine. No other anonymous token without a field is copied.
 */
export const KEPT_TOKENS: readonly { readonly parent: string; readonly token: string }[] = [
  { parent: "slice", token: ":" },
  { parent: "subscript", token: "," },
  { parent: "function_definition", token: "async" },
];

/** Tokens that never have children: the fast walk does not ask the cursor to descend into them. */
const LEAF_TYPES: readonly string[] = ["identifier", "integer", "float", "comment"];

const NO_CHILDREN: readonly RawNode[] = Object.freeze([]);

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
      this.leafType[id] = name !== null && named && LEAF_TYPES.includes(name) ? 1 : 0;
    }
    for (const { parent, token } of KEPT_TOKENS) {
      for (let p = 0; p < count; p++) {
        if (this.typeNames[p] !== parent || this.namedType[p] === 0) continue;
        for (let t = 0; t < count; t++) if (this.typeNames[t] === token && this.namedType[t] === 0) this.keptChild[p * count + t] = 1;
      }
    }
    for (let id = 0; id <= language.fieldCount; id++) this.fieldNames.push(language.fieldNameForId(id));
  }

  static async load(files: GrammarFiles = locateGrammarFiles()): Promise<PythonParser> {
    const moduleOptions = { locateFile: (name: string) => (name === RUNTIME_WASM ? files.runtimeWasm : name) };
    await Parser.init(moduleOptions);
    // Only the first `Parser.init` builds the runtime from its options; later calls reuse it.
    if (cursorBinding === undefined) cursorBinding = asCursorBinding(moduleOptions);
    const language = await Language.load(files.pythonWasm);
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

  /** Parses `text`; pass the previous tree (already edited) for an incremental re-parse. The caller owns the tree. */
  parse(text: string, oldTree?: Tree | null): Tree {
    const tree = this.parser.parse(text, oldTree ?? null);
    if (tree === null) throw new Error("numpy-views: tree-sitter returned no tree");
    return tree;
  }

  /** Copies the tree into plain objects in one cursor walk; cheaper than crossing into WebAssembly per property later. */
  toRaw(tree: Tree): RawNode {
    const address = treeAddress(tree);
    if (cursorBinding !== null && cursorBinding !== undefined && address !== null) return this.toRawDirect(cursorBinding, address);
    return this.toRawPortable(tree);
  }

  /** {@link toRaw} through web-tree-sitter's public `TreeCursor` (slower; the reference the fast path is tested against). */
  toRawPortable(tree: Tree): RawNode {
    const cursor = tree.walk();
    try {
      const build = (depth: number, parentTypeId: number): RawNode | null => {
        const typeId = cursor.nodeTypeId;
        const fieldId = cursor.currentFieldId;
        if (depth > 0 && !this.copied(parentTypeId, typeId, fieldId)) return null;
        const tooDeep = depth > MAX_SYNTAX_DEPTH;
        const node: RawNode = {
          type: tooDeep ? TOO_DEEP_TYPE : cursor.nodeIsMissing ? MISSING_TYPE : (this.typeNames[typeId] ?? ERROR_TYPE),
          field: this.fieldNames[fieldId] ?? null,
          named: cursor.nodeIsNamed,
          start: cursor.startIndex,
          end: cursor.endIndex,
          children: NO_CHILDREN,
        };
        if (!tooDeep && cursor.gotoFirstChild()) {
          const children: RawNode[] = [];
          do {
            const child = build(depth + 1, typeId);
            if (child !== null) children.push(child);
          } while (cursor.gotoNextSibling());
          cursor.gotoParent();
          if (children.length > 0) (node as { children: readonly RawNode[] }).children = children;
        }
        return node;
      };
      return build(0, -1) ?? { type: ERROR_TYPE, field: null, named: true, start: 0, end: 0, children: NO_CHILDREN };
    } finally {
      cursor.delete();
    }
  }

  private toRawDirect(c: CursorBinding, tree: number): RawNode {
    const { typeNames, fieldNames, namedType, leafType } = this;
    const typeCount = namedType.length;
    // NOTE: from here to the delete, the cursor lives only in the runtime's transfer buffer; nothing else may call
    // into web-tree-sitter in between (each call below reads it from there, and each move writes it back).
    c._ts_tree_root_node_wasm(tree);
    c._ts_tree_cursor_new_wasm(tree);
    const build = (depth: number, parentTypeId: number): RawNode | null => {
      const typeId = c._ts_tree_cursor_current_node_type_id_wasm(tree);
      const fieldId = c._ts_tree_cursor_current_field_id_wasm(tree);
      const known = typeId < typeCount;
      if (depth > 0 && !this.copied(parentTypeId, typeId, fieldId)) return null;
      const start = c._ts_tree_cursor_start_index_wasm(tree);
      const end = c._ts_tree_cursor_end_index_wasm(tree);
      const tooDeep = depth > MAX_SYNTAX_DEPTH;
      // A MISSING node is always empty, so only empty nodes need asking.
      const missing = start === end && c._ts_tree_cursor_current_node_is_missing_wasm(tree) !== 0;
      const node: RawNode = {
        type: tooDeep ? TOO_DEEP_TYPE : missing ? MISSING_TYPE : (typeNames[typeId] ?? ERROR_TYPE),
        field: fieldNames[fieldId] ?? null,
        named: known ? namedType[typeId] === 1 : true, // past the table: ERROR (65535), a named node
        start,
        end,
        children: NO_CHILDREN,
      };
      if (!tooDeep && !(known && leafType[typeId] === 1) && c._ts_tree_cursor_goto_first_child_wasm(tree) !== 0) {
        const children: RawNode[] = [];
        do {
          const child = build(depth + 1, typeId);
          if (child !== null) children.push(child);
        } while (c._ts_tree_cursor_goto_next_sibling_wasm(tree) !== 0);
        c._ts_tree_cursor_goto_parent_wasm(tree);
        if (children.length > 0) (node as { children: readonly RawNode[] }).children = children;
      }
      return node;
    };
    try {
      return build(0, -1) ?? { type: ERROR_TYPE, field: null, named: true, start: 0, end: 0, children: NO_CHILDREN };
    } finally {
      c._ts_tree_cursor_delete_wasm(tree);
    }
  }

  dispose(): void {
    this.parser.delete();
  }
}
