// The copy of one tree-sitter tree that the lowering reads: nodes in flat typed arrays, indexed by node number.

/**
 * One node of a {@link SyntaxTree}: its index in the tree's arrays (the root is node 0, then preorder).
 *
 * ```python
 * b = a[1:]   # module → expression_statement → assignment → identifier b, subscript → identifier a, slice ...
 * ```
 */
export type SyntaxNode = number & { readonly __syntaxNode: never };

/** The type given to a node inserted by error recovery (an expected token that is not there). */
export const MISSING_TYPE = "MISSING";
/** The type given to a node whose children were cut off at `MAX_SYNTAX_DEPTH`. */
export const TOO_DEEP_TYPE = "TOO_DEEP";
const ERROR_TYPE = "ERROR";

/**
 * Bits of a node's flags. `claimed`: a top-level statement the caller already has lowered (its subtree is not copied);
 * `hasError`: a top-level statement with an ERROR or MISSING node somewhere inside.
 */
export const NodeFlags = { named: 1, missing: 2, tooDeep: 4, claimed: 8, hasError: 16 } as const;
const NO_NODE = -1;

/** A plain-object copy of a node and its subtree: for tests and debugging (the lowering reads the arrays). */
export interface RawNode {
  readonly type: string;
  readonly field: string | null;
  readonly named: boolean;
  readonly start: number;
  readonly end: number;
  readonly children: readonly RawNode[];
}

/**
 * A syntax tree in flat arrays: no object per node, so copying a tree allocates next to nothing on the JavaScript
 * heap and the garbage collector never traces or moves it. Offsets are UTF-16 code units, matching JavaScript strings.
 *
 * Every named node is there; an anonymous token (punctuation, keyword) only when the copy kept it (see
 * `KEPT_TOKENS` in `parser.ts`).
 */
export class SyntaxTree {
  /** @internal Built by {@link SyntaxTreeBuilder}. */
  constructor(
    private readonly types: Uint16Array,
    private readonly fields: Uint16Array,
    private readonly flags: Uint8Array,
    private readonly starts: Uint32Array,
    private readonly ends: Uint32Array,
    private readonly firstChildren: Int32Array,
    private readonly nextSiblings: Int32Array,
    private readonly typeNames: readonly (string | null)[],
    private readonly fieldNames: readonly (string | null)[],
  ) {}

  get root(): SyntaxNode {
    return 0 as SyntaxNode;
  }

  /** The node type (`call`, `identifier`, `:`), or `ERROR`, `MISSING`, `TOO_DEEP`. */
  type(node: SyntaxNode): string {
    const flags = this.flags[node];
    if (flags & (NodeFlags.missing | NodeFlags.tooDeep)) return flags & NodeFlags.tooDeep ? TOO_DEEP_TYPE : MISSING_TYPE;
    return this.typeNames[this.types[node]] ?? ERROR_TYPE;
  }

  /** The field under which the node sits in its parent (`function`, `arguments`), or null. */
  field(node: SyntaxNode): string | null {
    return this.fieldNames[this.fields[node]] ?? null;
  }

  isNamed(node: SyntaxNode): boolean {
    return (this.flags[node] & NodeFlags.named) !== 0;
  }

  /** True for a top-level statement left out of the copy because the caller has it already (see `PythonParser.toRaw`). */
  isClaimed(node: SyntaxNode): boolean {
    return (this.flags[node] & NodeFlags.claimed) !== 0;
  }

  /** True for a top-level statement with an error or a missing token inside (only top-level statements are marked). */
  hasError(node: SyntaxNode): boolean {
    return (this.flags[node] & NodeFlags.hasError) !== 0;
  }

  start(node: SyntaxNode): number {
    return this.starts[node];
  }

  end(node: SyntaxNode): number {
    return this.ends[node];
  }

  /** The first child, or undefined for a leaf. */
  firstChild(node: SyntaxNode): SyntaxNode | undefined {
    const child = this.firstChildren[node];
    return child === NO_NODE ? undefined : (child as SyntaxNode);
  }

  /** The next sibling, or undefined for a last child. */
  nextSibling(node: SyntaxNode): SyntaxNode | undefined {
    const next = this.nextSiblings[node];
    return next === NO_NODE ? undefined : (next as SyntaxNode);
  }

  /** The children, in order (a new array). */
  children(node: SyntaxNode): SyntaxNode[] {
    const out: SyntaxNode[] = [];
    for (let c = this.firstChild(node); c !== undefined; c = this.nextSibling(c)) out.push(c);
    return out;
  }

  /** The plain-object form of a subtree, for tests and debugging. */
  toObject(node: SyntaxNode = this.root): RawNode {
    return {
      type: this.type(node),
      field: this.field(node),
      named: this.isNamed(node),
      start: this.start(node),
      end: this.end(node),
      children: this.children(node).map((c) => this.toObject(c)),
    };
  }
}

/** Appends nodes in preorder into growable arrays, then freezes them into a {@link SyntaxTree}. */
export class SyntaxTreeBuilder {
  private count = 0;
  private types: Uint16Array;
  private fields: Uint16Array;
  private flags: Uint8Array;
  private starts: Uint32Array;
  private ends: Uint32Array;
  private firstChildren: Int32Array;
  private nextSiblings: Int32Array;

  constructor(
    private readonly typeNames: readonly (string | null)[],
    private readonly fieldNames: readonly (string | null)[],
    capacity = 1024,
  ) {
    this.types = new Uint16Array(capacity);
    this.fields = new Uint16Array(capacity);
    this.flags = new Uint8Array(capacity);
    this.starts = new Uint32Array(capacity);
    this.ends = new Uint32Array(capacity);
    this.firstChildren = new Int32Array(capacity);
    this.nextSiblings = new Int32Array(capacity);
  }

  /** Empties the builder, keeping its arrays. */
  reset(): void {
    this.count = 0;
  }

  /**
   * Adds a node with no children yet; link it with {@link link}. `flags` combines {@link NodeFlags}.
   *
   * NOTE: positional parameters rather than one named object: this runs once per node, in the copy's inner loop.
   */
  add(typeId: number, fieldId: number, flags: number, start: number, end: number): SyntaxNode {
    if (this.count === this.types.length) this.grow();
    const node = this.count++;
    this.types[node] = typeId;
    this.fields[node] = fieldId;
    this.flags[node] = flags;
    this.starts[node] = start;
    this.ends[node] = end;
    this.firstChildren[node] = NO_NODE;
    this.nextSiblings[node] = NO_NODE;
    return node as SyntaxNode;
  }

  /** Sets flag bits on a node already added. */
  mark(node: SyntaxNode, flags: number): void {
    this.flags[node] |= flags;
  }

  /** Makes `child` the next child of `parent`, after `previous` (its last child so far, or undefined). */
  link(parent: SyntaxNode, previous: SyntaxNode | undefined, child: SyntaxNode): void {
    if (previous === undefined) this.firstChildren[parent] = child;
    else this.nextSiblings[previous] = child;
  }

  /** The tree built so far, copied out (into one buffer) so the builder may be dropped or reused. */
  finish(): SyntaxTree {
    const n = this.count;
    // 4-byte columns first, then 2-byte, then 1-byte, so every view is aligned.
    const buffer = new ArrayBuffer(n * (4 * 4 + 2 * 2 + 1));
    let offset = 0;
    const take = <T extends Uint8Array | Uint16Array | Uint32Array | Int32Array>(
      source: T,
      make: (buffer: ArrayBuffer, offset: number, length: number) => T,
    ): T => {
      const column = make(buffer, offset, n);
      column.set(source.subarray(0, n));
      offset += n * source.BYTES_PER_ELEMENT;
      return column;
    };
    const starts = take(this.starts, (b, o, l) => new Uint32Array(b, o, l));
    const ends = take(this.ends, (b, o, l) => new Uint32Array(b, o, l));
    const firstChildren = take(this.firstChildren, (b, o, l) => new Int32Array(b, o, l));
    const nextSiblings = take(this.nextSiblings, (b, o, l) => new Int32Array(b, o, l));
    const types = take(this.types, (b, o, l) => new Uint16Array(b, o, l));
    const fields = take(this.fields, (b, o, l) => new Uint16Array(b, o, l));
    const flags = take(this.flags, (b, o, l) => new Uint8Array(b, o, l));
    return new SyntaxTree(types, fields, flags, starts, ends, firstChildren, nextSiblings, this.typeNames, this.fieldNames);
  }

  private grow(): void {
    const capacity = this.types.length * 2;
    const grown = <T extends Uint16Array | Uint8Array | Uint32Array | Int32Array>(old: T, make: (n: number) => T): T => {
      const next = make(capacity);
      next.set(old);
      return next;
    };
    this.types = grown(this.types, (n) => new Uint16Array(n));
    this.fields = grown(this.fields, (n) => new Uint16Array(n));
    this.flags = grown(this.flags, (n) => new Uint8Array(n));
    this.starts = grown(this.starts, (n) => new Uint32Array(n));
    this.ends = grown(this.ends, (n) => new Uint32Array(n));
    this.firstChildren = grown(this.firstChildren, (n) => new Int32Array(n));
    this.nextSiblings = grown(this.nextSiblings, (n) => new Int32Array(n));
  }
}
