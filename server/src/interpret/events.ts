// What the interpreter saw happen to arrays, for the rules: writes, escapes, releases (`del`, rebinding) and copies.
// Each event carries the facts the rules need, already resolved against the abstract state at that point.
import type { Span } from "../parse/ast";

/** The buffer an array lives in, as the rules see it. */
export interface BufferFacts {
  /** Where the buffer was allocated; null for memory from outside (parameters, unknown calls). */
  readonly site: Span | null;
  /** Bytes of the whole buffer, when known. */
  readonly nbytes: number | null;
  /** Read from a file (`np.load`, `np.fromfile`, ...): large unless known small. */
  readonly fromFile: boolean;
  /** The table entry that allocated it (`numpy.zeros`), when known. */
  readonly origin: string | null;
  /** A live binding holding the buffer's owner (the base array), when there is one. */
  readonly ownerName: string | null;
  /** The caller's parameter whose memory this is, when the buffer came in through a parameter. */
  readonly parameter: string | null;
  /** Allocated in this function (or module) by code the interpreter saw. */
  readonly local: boolean;
}

/** A view's relation to its buffer. */
export interface ViewFacts {
  /** Where the view object was made (the expression to append `.copy()` to); null when unknown or not an expression (`for row in a`). */
  readonly site: Span | null;
  readonly nbytes: number | null;
  /** Known to show only part of its source even when sizes are unknown. */
  readonly smaller: boolean;
}

/**
 * A write into an array: item or slice assignment, an in-place operator, an in-place method, an `out=` argument.
 *
 * ```python
 * b = a[1:3]
 * b[0] = 99      # write into b (a view of a)
 * ```
 */
export interface WriteEvent {
  readonly kind: "write";
  readonly how: "item" | "augmented" | "method" | "out";
  /** The method (`fill`) or operator (`+=`) for messages. */
  readonly detail: string;
  /** The whole write (statement target or call), for reporting. */
  readonly at: Span;
  /** The array expression written into. */
  readonly target: Span;
  /** The target when it is a simple name. */
  readonly name: string | null;
  /** What the written array is. */
  readonly array: {
    readonly writeable: boolean | null;
    /** View or copy depending on run-time layout or arguments. */
    readonly maybe: boolean;
    /** The target is an unnamed temporary made by the target expression itself: a fresh copy (`a[[0, 1]]`), a view (`a[1:3]`), or neither. */
    readonly temporary: "copy" | "view" | null;
    /** Where the written array object was made, its size and whether it shows part of its source. */
    readonly view: ViewFacts;
    /** For maybe-views: the memory it may share is still observable (held by another live name, or the caller's). */
    readonly sourceObservable: boolean;
    /** The table entries that produced it (why it is read-only, why it may be a view). */
    readonly entries: readonly string[];
  };
  /** Set when the written array shares memory with another array: the other names and the buffer. */
  readonly through: {
    /** Live names that share the buffer (bases, other views, aliases). */
    readonly names: readonly string[];
    /** The name of the base (root owner), when live. */
    readonly base: string | null;
    /** The written name is the very object of `base` (an alias), not a view. */
    readonly alias: boolean;
    readonly buffer: BufferFacts;
    readonly view: ViewFacts;
  } | null;
  /** A name in `through.names` is read after the write (later in the scope, or anywhere in an enclosing loop). */
  readonly readLater: boolean;
  /** `a[idx][:] = v` / `a[idx][...] = v`: the span of the trailing full-slice index to delete (NV004's fix). */
  readonly trailingFullSlice: Span | null;
}

/**
 * A value leaving the scope that made it: returned, yielded, stored in an attribute, a global or a container.
 *
 * ```python
 * def f(path):
 *     x = np.load(path)
 *     return x[:, 100]    # escape (return) of a view of x
 * ```
 */
export interface EscapeEvent {
  readonly kind: "escape";
  /** `closure`: a returned or stored lambda or nested function captures the view. */
  readonly how: "return" | "yield" | "attribute" | "global" | "container" | "closure";
  /** The escaping expression (where `.copy()` goes). */
  readonly at: Span;
  /** `at` is a name, call, subscript or attribute: `.copy()` can be appended without parentheses. */
  readonly atPrimary: boolean;
  /** The name of the escaping value when it is a simple name. */
  readonly name: string | null;
  readonly view: ViewFacts;
  /** The base's buffer and name. */
  readonly buffer: BufferFacts;
  /** The base escapes too (returned alongside), so the view pins nothing extra. */
  readonly baseEscapes: boolean;
}

/** A holder of a released buffer: a view or alias that keeps it alive. */
export interface Holder {
  readonly name: string;
  readonly relation: "view" | "alias";
  readonly view: ViewFacts;
  /** Where the holder was bound. */
  readonly bindingSite: Span | null;
}

/**
 * `del x`, or rebinding `x`, while other names still hold `x`'s buffer.
 *
 * ```python
 * small = arr[:10]
 * del arr          # release of arr; small holds the buffer
 * ```
 */
export interface ReleaseEvent {
  readonly kind: "release";
  readonly how: "del" | "rebind";
  readonly name: string;
  /** The deleted or rebound name. */
  readonly at: Span;
  readonly buffer: BufferFacts;
  readonly holders: readonly Holder[];
  /** A `gc.collect()` call follows directly. */
  readonly gcFollows: boolean;
}

/**
 * `x.copy()`, `np.copy(x)`, `np.array(x)`.
 *
 * ```python
 * picked = a[[1, 2]].copy()    # copy of a fresh temporary
 * ```
 */
export interface CopyEvent {
  readonly kind: "copy";
  readonly form: "method" | "function";
  /** The table entry (`ndarray.copy`, `numpy.copy`, `numpy.array`). */
  readonly entry: string;
  /** The whole copy call. */
  readonly at: Span;
  /** The copied expression. */
  readonly source: Span;
  /** The copied expression is a fresh array that nothing else holds (the copy is redundant). */
  readonly fresh: boolean;
  /** The call has no arguments that change the result (dtype, order, subok...). */
  readonly plain: boolean;
  /** The edit that removes the copy (`x.copy()` → `x`, `np.copy(x)` → `x`). */
  readonly removal: { readonly span: Span; readonly newText: string } | null;
}

export type EngineEvent = WriteEvent | EscapeEvent | ReleaseEvent | CopyEvent;
