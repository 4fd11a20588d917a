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

/** A plain-object copy of one tree-sitter node. Offsets are UTF-16 code units, matching JavaScript strings. */
export interface RawNode {
  readonly type: string;
  readonly field: string | null;
  readonly named: boolean;
  readonly start: number;
  readonly end: number;
  readonly children: RawNode[];
}

const ERROR_TYPE = "ERROR";
/** Nesting below this depth is cut off (kept as an opaque node) so deep expressions cannot overflow the stack. */
export const MAX_SYNTAX_DEPTH = 400;
/** The type given to a node whose children were cut off at {@link MAX_SYNTAX_DEPTH}. */
export const TOO_DEEP_TYPE = "TOO_DEEP";

/** A loaded Python parser. Create one with {@link loadPythonParser}; call {@link PythonParser.dispose} when done. */
export class PythonParser {
  private readonly typeNames: (string | null)[] = [];
  private readonly fieldNames: (string | null)[] = [];

  private constructor(
    private readonly parser: Parser,
    readonly language: Language,
  ) {
    for (let id = 0; id < language.nodeTypeCount; id++) this.typeNames.push(language.nodeTypeForId(id));
    for (let id = 0; id <= language.fieldCount; id++) this.fieldNames.push(language.fieldNameForId(id));
  }

  static async load(files: GrammarFiles = locateGrammarFiles()): Promise<PythonParser> {
    await Parser.init({ locateFile: (name: string) => (name === RUNTIME_WASM ? files.runtimeWasm : name) });
    const language = await Language.load(files.pythonWasm);
    const parser = new Parser();
    parser.setLanguage(language);
    return new PythonParser(parser, language);
  }

  /** Parses `text`; pass the previous tree (already edited) for an incremental re-parse. The caller owns the tree. */
  parse(text: string, oldTree?: Tree | null): Tree {
    const tree = this.parser.parse(text, oldTree ?? null);
    if (tree === null) throw new Error("numpy-views: tree-sitter returned no tree");
    return tree;
  }

  /** Copies the tree into plain objects in one cursor walk; cheaper than crossing into WebAssembly per property later. */
  toRaw(tree: Tree): RawNode {
    const cursor = tree.walk();
    try {
      const typeNames = this.typeNames;
      const fieldNames = this.fieldNames;
      const build = (depth: number): RawNode => {
        const tooDeep = depth > MAX_SYNTAX_DEPTH;
        const typeName = tooDeep
          ? TOO_DEEP_TYPE
          : cursor.nodeIsMissing
            ? "MISSING"
            : (typeNames[cursor.nodeTypeId] ?? ERROR_TYPE);
        const node: RawNode = {
          type: typeName,
          field: fieldNames[cursor.currentFieldId] ?? null,
          named: cursor.nodeIsNamed,
          start: cursor.startIndex,
          end: cursor.endIndex,
          children: [],
        };
        if (!tooDeep && cursor.gotoFirstChild()) {
          do node.children.push(build(depth + 1));
          while (cursor.gotoNextSibling());
          cursor.gotoParent();
        }
        return node;
      };
      return build(0);
    } finally {
      cursor.delete();
    }
  }

  dispose(): void {
    this.parser.delete();
  }
}
