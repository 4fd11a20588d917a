// The abstract domain: what the interpreter knows about a Python value, and the heap of abstract objects and buffers.

/** One dimension: a known length, or null when unknown. */
export type Dim = number | null;

/**
 * What is known about an ndarray value.
 *
 * ```python
 * a = np.zeros((2, 3))   # obj o1, buffer b1 (owner o1), shape [2, 3], C-contiguous
 * b = a[:, 1]            # obj o2, buffer b1 (shares a's memory), shape [2], strided
 * ```
 */
export interface ArrayFacts {
  /** Abstract object identity (allocation site of the Python object). */
  readonly obj: string;
  /** Abstract buffer identity: the root owner of the memory. */
  readonly buf: string;
  /** Known dimensions, or null when even the rank is unknown. */
  readonly shape: readonly Dim[] | null;
  readonly dtype: string | null;
  /** Strides in bytes when known (only with a known shape). */
  readonly strides: readonly Dim[] | null;
  /** C- and F-contiguity, null when unknown. */
  readonly c: boolean | null;
  readonly f: boolean | null;
  readonly writeable: boolean | null;
  /** False when the value may not be an ndarray at all (a parameter, an unknown call). */
  readonly certain: boolean;
  /** True when this value's relation to its source depends on run-time layout or arguments. */
  readonly maybe: boolean;
  /** The table entries that produced this value (provenance, for hovers and the fixture test). */
  readonly entries: readonly string[];
  /** Names (in the current scope's state) known to hold this very object. */
  readonly sameAs: readonly string[];
  /** Names known to hold an array sharing this value's memory (views of one another, or the base). */
  readonly sharesWith: readonly string[];
  /** Set on views that show only part of their source (an integer index or a bounded or strided slice): NV001 needs it when sizes are unknown. */
  readonly smaller?: boolean;
}

/**
 * An abstract Python value.
 *
 * ```python
 * n = 4 * 1024        # int 4096
 * s = (n, 3)          # tuple [int 4096, int 3]
 * a = np.zeros(s)     # array
 * ```
 */
export type Value =
  | { readonly t: "array"; readonly a: ArrayFacts }
  | { readonly t: "int"; readonly v: number | null }
  | { readonly t: "float"; readonly v: number | null }
  | { readonly t: "bool"; readonly v: boolean | null }
  | { readonly t: "str" }
  | { readonly t: "bytes"; readonly mutable: boolean }
  | { readonly t: "none" }
  | { readonly t: "ellipsis" }
  | { readonly t: "slice"; readonly lower: Value; readonly upper: Value; readonly step: Value }
  | { readonly t: "tuple"; readonly items: readonly Value[] | null }
  | { readonly t: "list"; readonly items: readonly Value[] | null }
  /** A NumPy scalar such as `np.float64(1.0)` (not an ndarray). */
  | { readonly t: "scalar"; readonly dtype: string | null }
  /** A module or a NumPy callable, by qualified name: `numpy`, `numpy.zeros`, `numpy.random.default_rng`. */
  | { readonly t: "qname"; readonly q: string }
  /** A bound method of an array: `a.reshape`. */
  | { readonly t: "method"; readonly self: Value; readonly name: string }
  /** A dtype object or a type used as a dtype: `np.float32`, `float`. */
  | { readonly t: "dtype"; readonly name: string | null }
  /** A function defined in this file. */
  | { readonly t: "function"; readonly id: number }
  /** Not an ndarray, otherwise unknown (dicts, strings, objects). */
  | { readonly t: "other" }
  /** Nothing known; may be an ndarray. */
  | { readonly t: "unknown" };

export const UNKNOWN: Value = { t: "unknown" };
export const OTHER: Value = { t: "other" };
export const NONE: Value = { t: "none" };

export const intValue = (v: number | null): Value => ({ t: "int", v: v !== null && Number.isSafeInteger(v) ? v : null });

/** What kind of abstract location an id names. */
export type AtomKind =
  /** Made by an allocation at a site in this file (the most recent one, recency abstraction). */
  | "site"
  /** All older allocations of a site (a summary: may stand for many objects). */
  | "old"
  /** Came from outside: a parameter, a global of unknown origin, an unknown call. May share with other external atoms. */
  | "external";

/** One abstract buffer or object id, as recorded in the {@link Heap}. */
export interface HeapEntry {
  readonly id: string;
  readonly kind: AtomKind | "merged";
  /** For merged ids: the atoms it may stand for. */
  readonly members: Set<string>;
  /** For buffers: bytes of the whole buffer, when known. */
  nbytes: number | null;
  /** Where it was made (offset span in the source) and how, for explanations. */
  readonly site: { start: number; end: number } | null;
  readonly label: string;
  /** Buffers read from files (`np.load`): large unless known small. */
  readonly fromFile: boolean;
  /** The object that owns this buffer, when known. */
  owner: string | null;
  /** The table entry that allocated this buffer (`numpy.zeros`), when known. */
  readonly origin: string | null;
  /** True once a value on this buffer may be held where the interpreter cannot see (unknown calls, containers). */
  escaped: boolean;
}

/** The abstract heap: ids for objects and buffers, with recency renaming and may/must aliasing queries. */
export class Heap {
  private readonly entries = new Map<string, HeapEntry>();
  /** Merged entries by the atoms they stand for (so aging an atom does not scan the heap). */
  private readonly mergedBy = new Map<string, Set<HeapEntry>>();

  private addMember(entry: HeapEntry, atom: string): void {
    entry.members.add(atom);
    let set = this.mergedBy.get(atom);
    if (set === undefined) this.mergedBy.set(atom, (set = new Set()));
    set.add(entry);
  }

  get(id: string): HeapEntry | undefined {
    return this.entries.get(id);
  }

  /** Registers an atom if new, returns its entry. */
  atom(args: {
    id: string;
    kind: AtomKind;
    nbytes?: number | null;
    site?: { start: number; end: number } | null;
    label?: string;
    fromFile?: boolean;
    owner?: string | null;
    origin?: string | null;
  }): HeapEntry {
    let entry = this.entries.get(args.id);
    if (entry === undefined) {
      entry = {
        id: args.id,
        kind: args.kind,
        members: new Set([args.id]),
        nbytes: args.nbytes ?? null,
        site: args.site ?? null,
        label: args.label ?? "",
        fromFile: args.fromFile ?? false,
        owner: args.owner ?? null,
        origin: args.origin ?? null,
        escaped: false,
      };
      this.entries.set(args.id, entry);
    } else {
      if (entry.nbytes !== (args.nbytes ?? null)) entry.nbytes = null;
      if (args.owner !== undefined && entry.owner !== args.owner) entry.owner = null;
    }
    return entry;
  }

  /** The id of the merge of `a` and `b` at a join point named `key` (stable across fixpoint iterations). */
  merge(key: string, a: string, b: string): string {
    if (a === b) return a;
    let entry = this.entries.get(key);
    if (entry === undefined) {
      entry = {
        id: key,
        kind: "merged",
        members: new Set(),
        nbytes: null,
        site: null,
        label: "",
        fromFile: false,
        owner: null,
        origin: null,
        escaped: false,
      };
      this.entries.set(key, entry);
    }
    for (const atom of [...this.atoms(a), ...this.atoms(b)]) if (atom !== key) this.addMember(entry, atom);
    const ea = this.entries.get(a);
    const eb = this.entries.get(b);
    entry.escaped ||= (ea?.escaped ?? true) || (eb?.escaped ?? true);
    const na = ea?.nbytes ?? null;
    const nb = eb?.nbytes ?? null;
    entry.nbytes = na !== null && na === nb ? na : null;
    return key;
  }

  /** The atoms an id may stand for. */
  atoms(id: string): string[] {
    const entry = this.entries.get(id);
    if (entry === undefined) return [id];
    if (entry.kind !== "merged") return [id];
    return [...entry.members];
  }

  /** Ages the atom `id` (a re-executed allocation site): existing holders of it now hold its summary `id~`. */
  oldId(id: string): string {
    const old = `${id}~`;
    const entry = this.entries.get(id);
    if (!this.entries.has(old)) {
      this.entries.set(old, {
        id: old,
        kind: "old",
        members: new Set([old]),
        nbytes: entry?.nbytes ?? null,
        site: entry?.site ?? null,
        label: entry?.label ?? "",
        fromFile: entry?.fromFile ?? false,
        owner: entry?.owner === null || entry?.owner === undefined ? null : `${entry.owner}~`,
        origin: entry?.origin ?? null,
        escaped: entry?.escaped ?? false,
      });
    } else {
      const oldEntry = this.entries.get(old);
      if (oldEntry !== undefined) {
        if (entry !== undefined && oldEntry.nbytes !== entry.nbytes) oldEntry.nbytes = null;
        oldEntry.escaped ||= entry?.escaped ?? false;
      }
    }
    // Merged ids that stood for the aged atom may now stand for its summary.
    for (const other of this.mergedBy.get(id) ?? []) this.addMember(other, old);
    return old;
  }

  /** Definitely the same buffer/object: one id that names exactly one run-time thing (merged and old ids never do). */
  mustSame(a: string, b: string): boolean {
    if (a !== b) return false;
    const kind = this.entries.get(a)?.kind;
    return kind === "site" || kind === "external";
  }

  /** Possibly the same buffer/object. */
  maySame(a: string, b: string): boolean {
    if (a === b) return true;
    const atomsA = this.atoms(a);
    const atomsB = new Set(this.atoms(b));
    for (const x of atomsA) {
      if (atomsB.has(x)) return true;
      if (this.entries.get(x)?.kind === "external") {
        for (const y of atomsB) if (this.entries.get(y)?.kind === "external") return true;
      }
    }
    return false;
  }

  /** True when every atom is a fresh allocation made in this file (no external memory involved). */
  allLocal(id: string): boolean {
    return this.atoms(id).every((x) => {
      const kind = this.entries.get(x)?.kind;
      return kind === "site" || kind === "old";
    });
  }

  escaped(id: string): boolean {
    return this.atoms(id).some((x) => this.entries.get(x)?.escaped ?? true) || (this.entries.get(id)?.escaped ?? false);
  }

  markEscaped(id: string): void {
    for (const x of this.atoms(id)) {
      const entry = this.entries.get(x);
      if (entry !== undefined) entry.escaped = true;
    }
    const self = this.entries.get(id);
    if (self !== undefined) self.escaped = true;
  }
}

// ------------------------------------------------------------------ joins

const joinDim = (a: Dim, b: Dim): Dim => (a === b ? a : null);

function joinDims(a: readonly Dim[] | null, b: readonly Dim[] | null): readonly Dim[] | null {
  if (a === null || b === null || a.length !== b.length) return null;
  let same = true;
  const out: Dim[] = [];
  for (let i = 0; i < a.length; i++) {
    const d = joinDim(a[i] ?? null, b[i] ?? null);
    if (d !== a[i]) same = false;
    out.push(d);
  }
  return same ? a : out;
}

const intersect = (a: readonly string[], b: readonly string[]): readonly string[] =>
  a === b ? a : a.filter((x) => b.includes(x));

const joinNullable = <T>(a: T | null, b: T | null): T | null => (a === b ? a : null);

/** Joins two values at a control-flow merge; `key` names the join point and variable, for stable merged ids. */
export function joinValues(heap: Heap, key: string, a: Value, b: Value): Value {
  if (a === b) return a;
  if (a.t === "array" && b.t === "array") {
    const x = a.a;
    const y = b.a;
    const entries = x.entries === y.entries ? x.entries : [...new Set([...x.entries, ...y.entries])];
    return {
      t: "array",
      a: {
        obj: heap.merge(`${key}#o`, x.obj, y.obj),
        buf: heap.merge(`${key}#b`, x.buf, y.buf),
        shape: joinDims(x.shape, y.shape),
        dtype: joinNullable(x.dtype, y.dtype),
        strides: joinDims(x.strides, y.strides),
        c: joinNullable(x.c, y.c),
        f: joinNullable(x.f, y.f),
        writeable: joinNullable(x.writeable, y.writeable),
        certain: x.certain && y.certain,
        maybe: x.maybe || y.maybe,
        entries,
        sameAs: intersect(x.sameAs, y.sameAs),
        sharesWith: intersect(x.sharesWith, y.sharesWith),
      },
    };
  }
  if (a.t !== b.t) {
    if (a.t === "array" || b.t === "array" || a.t === "unknown" || b.t === "unknown") return UNKNOWN;
    if ((a.t === "int" && b.t === "float") || (a.t === "float" && b.t === "int")) return { t: "float", v: null };
    return OTHER;
  }
  switch (a.t) {
    case "int":
    case "float":
    case "bool":
      return a.v === (b as typeof a).v ? a : ({ t: a.t, v: null } as Value);
    case "tuple":
    case "list": {
      const bi = (b as typeof a).items;
      if (a.items === null || bi === null || a.items.length !== bi.length) return { t: a.t, items: null };
      return { t: a.t, items: a.items.map((v, i) => joinValues(heap, `${key}[${i}]`, v, bi[i] ?? UNKNOWN)) };
    }
    case "qname":
      return a.q === (b as typeof a).q ? a : UNKNOWN;
    case "function":
      return a.id === (b as typeof a).id ? a : UNKNOWN;
    case "dtype":
      return a.name === (b as typeof a).name ? a : { t: "dtype", name: null };
    case "scalar":
      return a.dtype === (b as typeof a).dtype ? a : { t: "scalar", dtype: null };
    case "method":
      return UNKNOWN;
    case "slice":
      return { t: "slice", lower: UNKNOWN, upper: UNKNOWN, step: UNKNOWN };
    default:
      return a;
  }
}

/** Structural equality, used to detect a loop's fixpoint. */
export function sameValue(a: Value, b: Value): boolean {
  if (a === b) return true;
  if (a.t !== b.t) return false;
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Replaces ids throughout a value (recency renaming, summary instantiation). */
export function mapIds(value: Value, rename: (id: string) => string): Value {
  switch (value.t) {
    case "array": {
      const obj = rename(value.a.obj);
      const buf = rename(value.a.buf);
      return obj === value.a.obj && buf === value.a.buf ? value : { t: "array", a: { ...value.a, obj, buf } };
    }
    case "tuple":
    case "list":
      return value.items === null ? value : { t: value.t, items: value.items.map((v) => mapIds(v, rename)) };
    case "method":
      return { t: "method", self: mapIds(value.self, rename), name: value.name };
    default:
      return value;
  }
}

/** Item size in bytes of a NumPy dtype name, when fixed. */
export function itemSize(dtype: string | null): number | null {
  if (dtype === null) return null;
  const known: Record<string, number> = {
    bool: 1,
    int8: 1,
    uint8: 1,
    int16: 2,
    uint16: 2,
    float16: 2,
    int32: 4,
    uint32: 4,
    float32: 4,
    int64: 8,
    uint64: 8,
    float64: 8,
    complex64: 8,
    complex128: 16,
    longdouble: 16,
    float128: 16,
    clongdouble: 32,
    complex256: 32,
    datetime64: 8,
    timedelta64: 8,
  };
  return known[dtype] ?? null;
}

/** Number of elements, when every dimension is known. */
export function sizeOf(shape: readonly Dim[] | null): number | null {
  if (shape === null) return null;
  let n = 1;
  for (const d of shape) {
    if (d === null) return null;
    n *= d;
  }
  return n;
}

/** Bytes of an array, when shape and dtype are known. */
export function nbytesOf(a: ArrayFacts): number | null {
  const size = sizeOf(a.shape);
  const item = itemSize(a.dtype);
  return size === null || item === null ? null : size * item;
}
