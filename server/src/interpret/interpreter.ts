// The abstract interpreter: walks each scope's statements with flow-sensitive abstract state and records every binding.
import type { Argument, Expr, FunctionDefStmt, Module, NameExpr, Span, Stmt } from "../parse/ast";
import { settledBody } from "../parse/move";
import { moveOffsetsIn, newOffset, oldOffset, type TextChange } from "../parse/text-change";
import { countIdentifiers } from "../semantic/identifiers";
import { collectScope, type ScopeInfo } from "../semantic/scopes";
import { lookupEntry, DTYPE_NAMES, type ApiEntry } from "../numpy/table";
import * as layout from "../numpy/layout";
import { type ArrayFacts, type Dim, Heap, intValue, itemSize, joinValues, mapIds, nbytesOf, NONE, OTHER, sameValue, UNKNOWN, type Value } from "./domain";
import type { BufferFacts, CopyEvent, EngineEvent, EscapeEvent, Holder, ViewFacts, WriteEvent } from "./events";
import { applyRule, arrayOf, shapeFromValue, type BoundArgs, elementwise, knownLayout, type OpResult, viewLayout } from "./numpy-ops";

/** How many times a loop body is re-run before unstable names are widened to unknown (Pyright caps this too). */
export const MAX_LOOP_ITERATIONS = 8;

/** The kinds `explain` reports. */
export type BindingKind = "view" | "copy" | "alias" | "maybe-view" | "unknown" | "not-array";

/**
 * One simple-name binding and what the engine concluded about the value bound.
 *
 * ```python
 * small = arr[:10]   # name "small", kind "view", base "arr"
 * ```
 */
export interface BindingFact {
  readonly name: string;
  readonly span: Span;
  readonly kind: BindingKind;
  readonly base: string | null;
  readonly value: Value;
  /** Where the base buffer was made and how big it is, for explanations. */
  readonly buffer: { readonly label: string; readonly site: Span | null; readonly nbytes: number | null; readonly fromFile: boolean } | null;
  readonly reached: boolean;
  /** Table entries applied while evaluating the statement that made this binding. */
  readonly entriesUsed: readonly string[];
  /** For maybe-views: a live binding whose memory the value may share (the source), when there is one. */
  readonly source?: string;
}

/**
 * One simple-name binding (or array-valued expression) as reported by `numpy-views explain`, hovers and inlay hints:
 * a {@link BindingFact} without its abstract value.
 *
 * ```python
 * small = arr[:10]   # {name: "small", kind: "view", base: "arr", shape: [10], ...}
 * ```
 */
export interface BindingReport {
  readonly name: string;
  readonly span: Span;
  readonly kind: BindingKind;
  readonly base: string | null;
  readonly shape: readonly (number | null)[] | null;
  readonly dtype: string | null;
  readonly nbytes: number | null;
  readonly writeable: boolean | null;
  /** The table entries that produced the value (for hovers and the table's fixture test). */
  readonly entries: readonly string[];
  /** The buffer the value lives in: where it was made and its size. */
  readonly buffer: { readonly site: Span | null; readonly nbytes: number | null; readonly fromFile: boolean } | null;
  readonly reached: boolean;
  /** For maybe-views: a live binding whose memory the value may share, or null. */
  readonly source: string | null;
}

/** A fact as reported: what its value says, without the value (it shares the fact's span and site objects). */
export function toReport(fact: BindingFact): BindingReport {
  const v = fact.value;
  const a = v.t === "array" && v.a.certain ? v.a : null;
  return {
    name: fact.name,
    span: fact.span,
    kind: fact.kind,
    base: fact.base,
    shape: a?.shape ?? null,
    dtype: a?.dtype ?? null,
    nbytes: a === null ? null : nbytesOf(a),
    writeable: a?.writeable ?? null,
    entries: [...new Set([...(a?.entries ?? []), ...fact.entriesUsed])],
    buffer: fact.buffer === null ? null : { site: fact.buffer.site, nbytes: fact.buffer.nbytes, fromFile: fact.buffer.fromFile },
    reached: fact.reached,
    source: fact.source ?? null,
  };
}

type Env = Map<string, Value>;

/** Abrupt exits collected while running a block. */
interface Flow {
  breaks: Env[];
  continues: Env[];
}

interface FunctionInfo {
  readonly id: number;
  readonly def: FunctionDefStmt;
  readonly scope: ScopeInfo;
  readonly enclosing: Frame;
  summary: Summary | null;
  analyzing: boolean;
  /** Defined directly in a class body: the first parameter is the instance. */
  readonly isMethod: boolean;
}

interface Summary {
  readonly ret: Value;
  readonly escapes: ReadonlySet<string>;
}

/** The summary of a reused function (never called: its summary is never read, only its presence). */
const REUSED_SUMMARY: Summary = { ret: UNKNOWN, escapes: new Set() };

interface Frame {
  readonly scope: ScopeInfo;
  readonly fn: FunctionInfo | null;
  readonly parent: Frame | null;
  /** Final module state is not known while functions run: globals visible to functions, captured when stable. */
  readonly stableValues: Map<string, Value>;
  /** The array-valued subset of `stableValues`, scanned for every binding in nested scopes. */
  readonly stableArrays: Map<string, Value>;
  readonly returns: Value[];
  readonly handlerStates: Env[][];
  /** Bindings made by the running statement, described once the whole statement has bound its names (`a = b = x`). */
  readonly pending: { target: NameExpr; value: Value }[];
}

// Builtins that never return an ndarray (`next`, `min`, `getattr` and friends can, so they are not here).
const BUILTIN_NOT_ARRAY = new Set([
  "len",
  "int",
  "float",
  "bool",
  "str",
  "repr",
  "print",
  "isinstance",
  "hasattr",
  "id",
  "type",
  "range",
  "dict",
  "set",
  "sorted",
  "open",
  "hash",
  "format",
  "ord",
  "chr",
  "setattr",
  "callable",
  "Exception",
  "ValueError",
  "TypeError",
  "RuntimeError",
  "KeyError",
  "IndexError",
  "NotImplementedError",
]);

const ARRAY_ATTRIBUTES_INT = new Set(["ndim", "size", "nbytes", "itemsize"]);

/** In-place methods of ndarray: calling one writes into the receiver. */
const INPLACE_METHODS = new Set([
  "fill",
  "sort",
  "put",
  "partition",
  "resize",
  "itemset",
  "setfield",
  "__setitem__",
  "__iadd__",
  "__isub__",
  "__imul__",
  "__itruediv__",
]);
/** NumPy functions that write into their first argument. */
const INPLACE_FUNCTIONS = new Set([
  "numpy.copyto",
  "numpy.put",
  "numpy.place",
  "numpy.putmask",
  "numpy.fill_diagonal",
  "numpy.random.shuffle",
  "numpy.put_along_axis",
]);
/** Methods that store their arguments in the receiver (a list, dict, set or queue). */
const CONTAINER_METHODS = new Set(["append", "extend", "add", "insert", "setdefault", "put", "put_nowait", "appendleft", "update"]);
/** Table entries whose result is a copy of their first argument. */
const COPY_ENTRIES = new Set(["ndarray.copy", "numpy.copy", "numpy.array"]);

/** Runs the whole module and returns one fact per binding, in source order, and (when asked) the rules' events. */
export function interpretModule(
  module: Module,
  options: { events?: boolean; expressions?: boolean; text?: string; units?: UnitInputs } = {},
): { bindings: () => BindingFact[]; events: EngineEvent[]; expressions: BindingReport[]; units: UnitCache } {
  const interpreter = new Interpreter(options.events === true ? (options.text ?? "") : null, options.expressions === true);
  interpreter.run(module, options.units ?? null);
  const fresh = interpreter.freshBindings();
  const freshEvents = interpreter.freshEvents();
  const freshExpressions = interpreter.freshExpressions();
  const units = interpreter.collectUnits(fresh, freshEvents, freshExpressions);
  const events = inOrder(freshEvents, interpreter.reusedEvents, (a, b) => a.at.start - b.at.start || a.at.end - b.at.end);
  const expressions = inOrder(freshExpressions, interpreter.reusedExpressions, (a, b) => a.span.start - b.span.start || b.span.end - a.span.end);
  let bindings: BindingFact[] | undefined;
  const reusedUnits = interpreter.reusedUnits;
  // NOTE: on demand (the rules never read bindings; inlay hints and explain do): reused functions' bindings are moved
  // only then, so call it before the next analysis of the same document moves them again. The closure keeps only what
  // that needs, not the interpreter: an editor keeps its last analysis, and the interpreter's state (its heap, its
  // environments) is several times larger than the results.
  return { bindings: () => (bindings ??= finishBindings(fresh, reusedUnits)), events, expressions, units };
}

/** All bindings in source order: this run's, and those of reused functions moved to where the functions are now. */
function finishBindings(fresh: readonly BindingFact[], reusedUnits: readonly UnitResult[]): BindingFact[] {
  const out: BindingFact[] = [...fresh];
  for (const unit of reusedUnits) {
    const delta = unit.span.start - unit.bindingsAt.start;
    if (delta !== 0) for (const b of unit.bindings) shiftResultInPlace(b, unit.bindingsAt, delta);
    unit.bindingsAt = unit.span;
    for (const b of unit.bindings) out.push(b);
  }
  out.sort((a, b) => a.span.start - b.span.start);
  return out;
}

/** Two fingerprint parts made of the same tokens (interned, so compared as strings they are compared by identity). */
function sameKey(a: UnitKey | null, b: UnitKey | null): boolean {
  return a === b || (a !== null && b !== null && a.now === b.now && a.before === b.before);
}

/** A run's own results and those it reused, in source order (`order`). */
function inOrder<T>(fresh: readonly T[], reused: readonly T[], order: (a: T, b: T) => number): T[] {
  return [...fresh, ...reused].sort(order);
}

/**
 * What one top-level function contributed to an analysis, kept so that the next analysis of the same document can
 * reuse it when nothing it depends on changed (its text, the module's stable values and their heap state).
 */
export interface UnitResult {
  /** Where the function is (the spans of its events and expressions are absolute for that position). */
  readonly span: Span;
  /**
   * Where the function was when its bindings last moved: they are moved on demand, when an analysis's bindings are
   * read (see interpretModule), not on every reuse.
   */
  bindingsAt: Span;
  readonly bindings: readonly BindingFact[];
  readonly events: readonly EngineEvent[];
  readonly expressions: readonly BindingReport[];
  /** Heap atoms outside the function that its analysis marked escaped (replayed on reuse). */
  readonly escaped: readonly string[];
  /**
   * True when the results are this cache's own copies, which reuse may move in place; false while they are the
   * objects an analysis returned (copied on the first move, so a returned result never changes under its reader).
   */
  readonly owned: boolean;
}

/** Unit results by fingerprint. */
export type UnitCache = ReadonlyMap<string, UnitResult>;

/** What reusing units needs: the last run's results and how often each identifier occurs in the text. */
export interface UnitInputs {
  readonly previous: UnitCache;
  /** The module's text. */
  readonly text: string;
  /** Identifier counts of the whole text, strings and comments included (`semantic/identifiers.ts`). */
  readonly identifiers: ReadonlyMap<string, number>;
  /**
   * What changed since the last run (null: nothing): a function whose module-level inputs only moved (an import
   * added above a module-level array) is still reused, its results moved across the change.
   */
  readonly change?: TextChange | null;
}

/** A unit's fingerprint now, and as the last run wrote it (offsets moved back across the change; null: not possible). */
interface UnitKey {
  readonly now: string;
  readonly before: string | null;
}

/**
 * What a function's fingerprint takes from its definition, computed once per lowered definition (an editor's
 * unchanged statements are the same objects from one analysis to the next): an id standing for its text, and the
 * free names it mentions (null: it defines functions or classes inside, and is never reused).
 */
interface DefinitionFacts {
  readonly id: number;
  readonly free: readonly string[] | null;
  /** The last key made from these facts and the part tokens it was made of (tokens are interned: same text, same string). */
  last: { readonly parts: readonly (UnitKey | null)[]; readonly module: UnitKey; readonly key: UnitKey } | null;
}
const definitionFacts = new WeakMap<FunctionDefStmt, DefinitionFacts>();
let nextDefinitionId = 0;

/**
 * Short stand-ins for the parts of fingerprints (the module's state, a name's value: long, and repeated in every
 * function's fingerprint). Tokens are never reused, so forgetting the table (when it grows large) only costs reuse,
 * never gives a wrong one.
 */
const partTokens = new Map<string, string>();
let nextPartToken = 0;
/** The characters held by {@link partTokens}' keys (module parts can be long): bounded, like the number of keys. */
let partTokenChars = 0;
const MAX_PART_TOKEN_CHARS = 4_000_000;
function internPart(part: string): string {
  let token = partTokens.get(part);
  if (token === undefined) {
    if (partTokens.size >= 10_000 || partTokenChars + part.length > MAX_PART_TOKEN_CHARS) {
      partTokens.clear();
      partTokenChars = 0;
    }
    partTokens.set(part, (token = `\u0000${nextPartToken++}`));
    partTokenChars += part.length;
  }
  return token;
}

/** Scopes of function bodies, once per lowered definition (they depend on nothing else). */
const functionScopes = new WeakMap<FunctionDefStmt, ScopeInfo>();

/** Expressions described for hovers: names, attribute paths, subscripts, calls and operators that yield arrays. */
const EXPLAINED_EXPRESSIONS = new Set<Expr["kind"]>(["name", "attribute", "subscript", "call", "binary", "unary"]);

/** A write whose `readLater` is decided once the whole scope has run. */
interface PendingWrite {
  readonly key: string;
  readonly frame: Frame;
  readonly names: readonly string[];
  readonly after: number;
  readonly loops: readonly Span[];
}

class Interpreter {
  readonly heap = new Heap();
  /** Events by site, the last analysis of a site winning (a loop body's final run is the fixpoint's). Null when not recording. */
  private readonly events: Map<string, EngineEvent> | null;
  private readonly pendingWrites = new Map<string, PendingWrite>();
  /** Reads of names holding arrays, by frame: offsets of each read, to decide whether a base is read after a write. */
  private readonly reads = new Map<Frame, Map<string, Set<number>>>();
  /** Where each name was last bound, by frame (for related locations). */
  private readonly bindingSites = new Map<Frame, Map<string, Span>>();
  private readonly loopSpans: Span[] = [];
  private readonly stmtStack: Stmt[] = [];
  private nextStmt: Stmt | null = null;
  /** Depth of `with pytest.raises(...)`-like blocks around the running statement. */
  private expectingError = 0;

  /** Array-valued expressions described against the live state where they are evaluated (last evaluation wins). */
  private readonly expressionFacts: Map<string, BindingFact> | null;

  constructor(
    private readonly text: string | null,
    expressions: boolean,
  ) {
    this.events = text === null ? null : new Map();
    this.expressionFacts = expressions ? new Map() : null;
  }

  /**
   * Array-valued expressions this run described itself (empty unless asked for), as reports: the hover facts of a
   * whole file are kept for as long as it is open, and a report is a third of a fact with its abstract value.
   */
  freshExpressions(): BindingReport[] {
    return this.expressionFacts === null ? [] : Array.from(this.expressionFacts.values(), toReport);
  }
  private readonly facts = new Map<number, BindingFact>();
  private readonly allTargets: { name: NameExpr }[] = [];
  private readonly functions: FunctionInfo[] = [];
  private readonly functionByDef = new Map<FunctionDefStmt, FunctionInfo>();

  run(module: Module, units: UnitInputs | null = null): void {
    const scope = collectScope("module", module.body);
    const frame: Frame = {
      scope,
      fn: null,
      parent: null,
      stableValues: new Map(),
      stableArrays: new Map(),
      returns: [],
      handlerStates: [],
      pending: [],
    };
    const env: Env = new Map();
    this.block(module.body, env, frame, { breaks: [], continues: [] });
    // The module's part of every fingerprint; it changes only when a function's analysis marks module memory escaped.
    let modulePart: UnitKey | null = null;
    // Functions never called still get analysed (their bindings are listed too).
    for (let i = 0; i < this.functions.length; i++) {
      const fn = this.functions[i];
      if (fn === undefined || fn.summary !== null || fn.analyzing) continue;
      if (units !== null && modulePart === null) modulePart = this.movedBack(this.moduleFingerprint(frame), units.change);
      const key = units === null || modulePart === null ? null : this.unitFingerprint(fn, frame, units, modulePart);
      const reused = key === null || key.before === null ? undefined : units?.previous.get(key.before);
      if (key !== null && reused !== undefined && this.reuseUnit(fn, reused, key.now, key.before === key.now ? null : (units?.change ?? null))) {
        if (reused.escaped.length > 0) modulePart = null;
        continue;
      }
      if (key === null) {
        this.analyzeFunction(fn);
        continue;
      }
      const watched = this.moduleAtoms(frame);
      const before = new Map(watched.map((id) => [id, this.heap.escaped(id)]));
      this.analyzeFunction(fn);
      const escaped = watched.filter((id) => before.get(id) === false && this.heap.escaped(id));
      if (escaped.length > 0) modulePart = null;
      this.analysedUnits.push({ fingerprint: key.now, span: { start: fn.def.start, end: fn.def.end }, escaped, reused: null });
    }
  }

  /** A fingerprint part now and as the last run, before `change`, wrote it; both as short tokens. */
  private movedBack(now: string, change: TextChange | null | undefined): UnitKey {
    const before = change === null || change === undefined ? now : moveOffsetsIn(now, change, oldOffset);
    return { now: internPart(now), before: before === null ? null : internPart(before) };
  }

  // ------------------------------------------------------------ reusing unchanged functions

  /**
   * Top-level functions analysed in full or reused this run, to be offered for reuse by the next one (`reused`: the
   * results taken over, already moved to where the function is now).
   */
  private readonly analysedUnits: { fingerprint: string; span: Span; escaped: readonly string[]; reused: UnitResult | null }[] = [];
  /** Units reused from the previous run (their bindings move when `finishBindings` asks for them). */
  readonly reusedUnits: UnitResult[] = [];
  /** Results reused from the previous run, moved to where their function is now. */
  readonly reusedEvents: EngineEvent[] = [];
  readonly reusedExpressions: BindingReport[] = [];

  /**
   * What an uncalled top-level function's analysis depends on, as one string; null when it cannot be reused
   * (it is referenced elsewhere, so a call may use its summary; or it defines nested functions or classes).
   */
  private unitFingerprint(fn: FunctionInfo, moduleFrame: Frame, units: UnitInputs, modulePart: UnitKey): UnitKey | null {
    // NOTE: judged on the text (identifiers in strings and comments count too): cheaper, and only ever more cautious.
    if (fn.enclosing !== moduleFrame || (units.identifiers.get(fn.def.name.id) ?? 0) !== 1) return null;
    let facts = definitionFacts.get(fn.def);
    if (facts === undefined) {
      const source = units.text.slice(fn.def.start, fn.def.end);
      // Its own name appears once (in `def`): it is not a call, the count above made sure.
      const free = [...countIdentifiers(source).keys()].filter((n) => !fn.scope.locals.has(n) && n !== fn.def.name.id).sort();
      facts = { id: nextDefinitionId++, free: (source.match(/\b(?:def|class)\b/g)?.length ?? 0) !== 1 ? null : free, last: null };
      definitionFacts.set(fn.def, facts);
    }
    if (facts.free === null) return null;
    const parts = facts.free.map((name) => this.namePart(name, moduleFrame, units.change));
    // Calling a local function analyses it inside this one (its facts would then depend on where this one runs).
    if (parts.includes(null)) return null;
    // The same tokens as last time (the usual case after an edit elsewhere) give the same key: no new strings.
    const last = facts.last;
    if (last !== null && sameKey(last.module, modulePart) && last.parts.every((p, i) => sameKey(p, parts[i] ?? null))) return last.key;
    let now = `${facts.id}`;
    let before: string | null = now;
    for (const part of parts) {
      if (part === null) return null;
      now += part.now;
      before = before === null || part.before === null ? null : before + part.before;
    }
    const key = { now: now + modulePart.now, before: before === null || modulePart.before === null ? null : before + modulePart.before };
    facts.last = { parts, module: modulePart, key };
    return key;
  }

  /**
   * What a function mentioning `name` (free) depends on of it; null for a local function. Computed once per name and
   * value (a function analysed earlier in the run may rebind a global).
   */
  private readonly nameParts = new Map<string, { readonly value: Value | undefined; readonly part: UnitKey | null }>();
  private namePart(name: string, moduleFrame: Frame, change: TextChange | null | undefined): UnitKey | null {
    const value = moduleFrame.stableValues.get(name);
    const known = this.nameParts.get(name);
    if (known !== undefined && known.value === value) return known.part;
    const part =
      value?.t === "function"
        ? null
        : this.movedBack(
            [
              name,
              String(moduleFrame.scope.locals.has(name)),
              String(moduleFrame.scope.bindingCounts.get(name) ?? 0),
              value === undefined ? "-" : JSON.stringify(value),
            ].join("\u0000"),
            change,
          );
    this.nameParts.set(name, { value, part });
    return part;
  }

  /** Every function sees the module's stable arrays as live (relations, owners) and their heap state: all of it counts. */
  private moduleFingerprint(moduleFrame: Frame): string {
    const parts: string[] = [];
    for (const [name, value] of moduleFrame.stableArrays) parts.push(`live:${name}`, JSON.stringify(value));
    for (const id of this.moduleAtoms(moduleFrame)) {
      const e = this.heap.get(id);
      parts.push(id, e === undefined ? "-" : JSON.stringify([e.kind, e.nbytes, e.site, e.fromFile, e.owner, e.origin, this.heap.escaped(id)]));
    }
    return parts.join("\u0000");
  }

  /** Heap atoms reachable from the module's stable values (all a function can reach of the module's memory). */
  private moduleAtoms(moduleFrame: Frame): string[] {
    const out = new Set<string>();
    const visit = (v: Value): void => {
      if (v.t === "array") {
        for (const id of [v.a.obj, v.a.buf]) {
          out.add(id);
          for (const atom of this.heap.atoms(id)) out.add(atom);
          const owner = this.heap.get(id)?.owner;
          if (owner !== null && owner !== undefined) out.add(owner);
        }
      } else if ((v.t === "tuple" || v.t === "list") && v.items !== null) v.items.forEach(visit);
      else if (v.t === "method") visit(v.self);
    };
    for (const v of moduleFrame.stableValues.values()) visit(v);
    return [...out].sort();
  }

  /**
   * Takes over a unit's results from the last run. `change`: the module-level offsets it depends on moved too (not
   * only the function), so every offset in its results is moved across the change. False when that is not possible.
   */
  private reuseUnit(fn: FunctionInfo, previous: UnitResult, fingerprint: string, change: TextChange | null): boolean {
    let escaped = previous.escaped;
    if (change !== null) {
      // Everything must move across the change, the function too (when the change spans several edits, as between
      // two versions a hover pass saw, a function may lie inside it): else the results cannot be moved.
      const moved = escaped.map((id) => moveOffsetsIn(id, change, newOffset));
      if (moved.some((id) => id === null)) return false;
      if (newOffset(change, previous.span.start, false) !== fn.def.start || newOffset(change, previous.span.end, true) !== fn.def.end) return false;
      const own = [previous.span, previous.bindingsAt];
      if (![previous.bindings, previous.events, previous.expressions].every((items) => items.every((item) => resultMovable(item, change, own)))) return false;
      escaped = moved as string[];
    }
    fn.summary = REUSED_SUMMARY;
    const delta = fn.def.start - previous.span.start;
    let unit = previous;
    if (delta !== 0 || change !== null) {
      // NOTE: in place, once the results are the cache's own: an analysis under a document key is only valid until
      // the next one (engine.ts, `AnalyzeOptions.document`), and nothing else holds the copies.
      if (!unit.owned) {
        unit = {
          ...unit,
          bindings: unit.bindings.map(copyResult),
          events: unit.events.map(copyResult),
          expressions: unit.expressions.map(copyResult),
          owned: true,
        };
      }
      if (change === null) {
        const from = unit.span;
        for (const e of unit.events) shiftResultInPlace(e, from, delta);
        for (const e of unit.expressions) shiftResultInPlace(e, from, delta);
      } else {
        // Bindings first catch up with the function (they move lazily), then everything moves across the change.
        const behind = unit.span.start - unit.bindingsAt.start;
        if (behind !== 0) for (const b of unit.bindings) shiftResultInPlace(b, unit.bindingsAt, behind);
        for (const items of [unit.bindings, unit.events, unit.expressions]) for (const item of items) moveResultInPlace(item, change);
        unit = { ...unit, bindingsAt: { start: fn.def.start, end: fn.def.end } };
      }
    }
    for (const e of unit.events) this.reusedEvents.push(e);
    for (const e of unit.expressions) this.reusedExpressions.push(e);
    for (const id of escaped) this.heap.markEscaped(id);
    const kept: UnitResult = { ...unit, span: { start: fn.def.start, end: fn.def.end }, escaped };
    this.reusedUnits.push(kept);
    this.analysedUnits.push({ fingerprint, span: kept.span, escaped, reused: kept });
    return true;
  }

  /** The units of this run (analysed or reused), with their results, for the next run of the same document. */
  /**
   * The units of this run (analysed or reused), with their results, for the next run of the same document. Given
   * the results this run found itself (reused units have theirs already).
   */
  collectUnits(bindings: readonly BindingFact[], events: readonly EngineEvent[], expressions: readonly BindingReport[]): UnitCache {
    const units = [...this.analysedUnits].sort((a, b) => a.span.start - b.span.start);
    const results = units.map((u) =>
      u.reused === null ? { bindings: [] as BindingFact[], events: [] as EngineEvent[], expressions: [] as BindingReport[] } : null,
    );
    // Units are disjoint: each item belongs to the last unit starting at or before it, if it ends inside that unit.
    const unitOf = (span: Span): number => {
      let lo = 0;
      let hi = units.length - 1;
      let found = -1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        if ((units[mid]?.span.start ?? Infinity) <= span.start) {
          found = mid;
          lo = mid + 1;
        } else hi = mid - 1;
      }
      const unit = units[found];
      return unit !== undefined && span.end <= unit.span.end ? found : -1;
    };
    // Reused units keep the objects they had; a unit analysed this run keeps the results it returned, to be copied
    // before the first move (see reuseUnit).
    for (const b of bindings) results[unitOf(b.span)]?.bindings.push(b);
    for (const e of events) results[unitOf(e.at)]?.events.push(e);
    for (const e of expressions) results[unitOf(e.span)]?.expressions.push(e);
    const out = new Map<string, UnitResult>();
    units.forEach((u, i) => {
      const r = results[i];
      if (u.reused !== null) out.set(u.fingerprint, u.reused);
      else if (r !== undefined && r !== null) out.set(u.fingerprint, { span: u.span, bindingsAt: u.span, ...r, escaped: u.escaped, owned: false });
    });
    return out;
  }

  /** The bindings this run found itself (not those of reused functions), in source order. */
  freshBindings(): BindingFact[] {
    const out: BindingFact[] = [];
    const seen = new Set<number>();
    for (const { name } of this.allTargets) {
      if (seen.has(name.start)) continue;
      seen.add(name.start);
      const fact = this.facts.get(name.start);
      out.push(
        fact ?? {
          name: name.id,
          span: { start: name.start, end: name.end },
          kind: "unknown",
          base: null,
          value: UNKNOWN,
          buffer: null,
          reached: false,
          entriesUsed: [],
        },
      );
    }
    return out;
  }

  // ------------------------------------------------------------ statements

  /** Runs statements; returns the state at normal exit, or null when every path left abruptly. */
  private block(stmts: readonly Stmt[], env: Env | null, frame: Frame, flow: Flow): Env | null {
    let state = env;
    for (let index = 0; index < stmts.length; index++) {
      const stmt = stmts[index] as Stmt;
      if (state === null) {
        this.noteUnreached(stmt);
        continue;
      }
      this.nextStmt = stmts[index + 1] ?? null;
      this.stmtStack.push(stmt);
      const handlers = frame.handlerStates[frame.handlerStates.length - 1];
      if (handlers !== undefined) handlers.push(new Map(state));
      this.envStack.push(state);
      this.entriesUsed.clear();
      const before = state;
      try {
        state = this.statement(stmt, state, frame, flow);
      } finally {
        this.envStack.pop();
        this.stmtStack.pop();
      }
      this.flush(frame, state ?? before);
    }
    return state;
  }

  private noteUnreached(stmt: Stmt): void {
    this.collectTargets(stmt);
  }

  /** Registers the binding targets of a statement (so unreached ones are still listed). */
  private collectTargets(stmt: Stmt): void {
    const visitTarget = (e: Expr) => {
      if (e.kind === "name") this.allTargets.push({ name: e });
      else if (e.kind === "tuple" || e.kind === "list") e.elts.forEach(visitTarget);
      else if (e.kind === "starred") visitTarget(e.value);
    };
    switch (stmt.kind) {
      case "assign":
        stmt.targets.forEach(visitTarget);
        break;
      case "augassign":
        visitTarget(stmt.target);
        break;
      case "for":
        visitTarget(stmt.target);
        stmt.body.forEach((s) => this.collectTargets(s));
        stmt.orelse.forEach((s) => this.collectTargets(s));
        break;
      case "while":
      case "if":
        stmt.body.forEach((s) => this.collectTargets(s));
        stmt.orelse.forEach((s) => this.collectTargets(s));
        break;
      case "with":
        stmt.items.forEach((i) => i.target && visitTarget(i.target));
        stmt.body.forEach((s) => this.collectTargets(s));
        break;
      case "try":
        [...stmt.body, ...stmt.orelse, ...stmt.finalbody, ...stmt.handlers.flatMap((h) => h.body)].forEach((s) => this.collectTargets(s));
        break;
      case "match":
        stmt.cases.forEach((c) => c.body.forEach((s) => this.collectTargets(s)));
        break;
      default:
        break;
    }
  }

  private statement(stmt: Stmt, env: Env, frame: Frame, flow: Flow): Env | null {
    switch (stmt.kind) {
      case "assign": {
        if (stmt.value === null) return env;
        let value = this.expr(stmt.value, env, frame);
        // Relations to names this statement rebinds refer to their old values (`a, b = b, a`).
        for (const name of targetNames(stmt.targets)) value = this.withoutName(value, name);
        for (const target of stmt.targets) this.assign(target, value, env, frame, stmt.value);
        return env;
      }
      case "augassign": {
        if (stmt.target.kind === "subscript") {
          // `a[i] += v` reads and writes the container: a write into it.
          const container = this.expr(stmt.target.value, env, frame);
          this.expr(stmt.target.index, env, frame);
          this.expr(stmt.value, env, frame);
          if (container.t === "array") {
            this.recordWrite("augmented", stmt.op, stmt.target, stmt.target.value, container, env, frame, null);
          }
          return env;
        }
        const current = this.expr(stmt.target, env, frame);
        const rhs = this.expr(stmt.value, env, frame);
        let result: Value;
        if (current.t === "array") {
          // In-place: same object, same buffer; dtype and shape unchanged.
          result = current;
          this.recordWrite("augmented", stmt.op, stmt.target, stmt.target, current, env, frame, null);
        } else if (current.t === "list" && stmt.op === "+=") {
          result = { t: "list", items: null };
        } else {
          result = this.binary(stmt.op.slice(0, -1), current, rhs);
        }
        if (stmt.target.kind === "name") this.bindName(stmt.target, result, env, frame, null, true, current.t === "array");
        else this.assign(stmt.target, result, env, frame, null);
        return env;
      }
      case "expr":
        this.expr(stmt.value, env, frame);
        return env;
      case "if": {
        this.expr(stmt.test, env, frame);
        const test = this.truth(stmt.test, env, frame);
        const thenEnv = test === false ? null : this.block(stmt.body, new Map(env), frame, flow);
        const elseEnv = test === true ? null : this.block(stmt.orelse, new Map(env), frame, flow);
        if (test === false) stmt.body.forEach((s) => this.collectTargets(s));
        if (test === true) stmt.orelse.forEach((s) => this.collectTargets(s));
        return this.join(`if${stmt.start}`, thenEnv, elseEnv);
      }
      case "while":
        return this.loop({
          key: `while${stmt.start}`,
          span: stmt,
          env,
          frame,
          flow,
          enter: (head) => {
            this.expr(stmt.test, head, frame);
            return head;
          },
          body: stmt.body,
          orelse: stmt.orelse,
          infinite: this.truth(stmt.test, env, frame) === true,
        });
      case "for": {
        const iterValue = this.expr(stmt.iter, env, frame);
        const element = this.elementOf(iterValue, stmt.iter, frame);
        return this.loop({
          key: `for${stmt.start}`,
          span: stmt,
          env,
          frame,
          flow,
          enter: (head) => {
            this.assign(stmt.target, this.freshElement(element, stmt.target, head), head, frame, null);
            this.flush(frame, head);
            return head;
          },
          body: stmt.body,
          orelse: stmt.orelse,
          infinite: false,
        });
      }
      case "try":
        return this.tryStatement(stmt, env, frame, flow);
      case "with": {
        for (const item of stmt.items) {
          const ctx = this.expr(item.context, env, frame);
          this.escape(ctx);
          if (item.target !== null) this.assign(item.target, UNKNOWN, env, frame, null);
        }
        this.flush(frame, env);
        // Inside `with pytest.raises(...)` / `self.assertRaises(...)` the failure is what the code is about.
        const expects = stmt.items.some((item) => expectsError(item.context));
        if (expects) this.expectingError++;
        try {
          return this.block(stmt.body, env, frame, flow);
        } finally {
          if (expects) this.expectingError--;
        }
      }
      case "match": {
        const subject = this.expr(stmt.subject, env, frame);
        const outs: (Env | null)[] = [];
        let fallThrough: Env | null = env;
        for (const c of stmt.cases) {
          if (fallThrough === null) {
            c.body.forEach((s) => this.collectTargets(s));
            continue;
          }
          const caseEnv = new Map(fallThrough);
          for (const capture of c.captures) {
            const simple = c.irrefutable && c.captures.length === 1;
            this.bindName(capture, simple ? subject : UNKNOWN, caseEnv, frame, stmt.subject, false);
          }
          if (c.guard) this.expr(c.guard, caseEnv, frame);
          outs.push(this.block(c.body, caseEnv, frame, flow));
          if (c.irrefutable) fallThrough = null;
        }
        outs.push(fallThrough);
        return this.joinAll(`match${stmt.start}`, outs);
      }
      case "def": {
        for (const d of stmt.decorators) this.expr(d, env, frame);
        for (const p of stmt.params) if (p.defaultValue) this.expr(p.defaultValue, env, frame);
        let info = this.functionByDef.get(stmt);
        if (info === undefined) {
          info = {
            id: this.functions.length,
            def: stmt,
            scope: scopeOfFunction(stmt),
            enclosing: frame,
            summary: null,
            analyzing: false,
            isMethod: frame.scope.kind === "class",
          };
          this.functions.push(info);
          this.functionByDef.set(stmt, info);
        }
        this.bindName(stmt.name, stmt.decorators.length > 0 ? UNKNOWN : { t: "function", id: info.id }, env, frame, null, false);
        return env;
      }
      case "class": {
        for (const b of stmt.bases) this.expr(b, env, frame);
        const scope = collectScope("class", stmt.body);
        const classFrame: Frame = {
          ...frame,
          scope,
          stableValues: new Map(),
          stableArrays: new Map(),
          returns: [],
          handlerStates: [],
          parent: frame,
          pending: [],
        };
        const classEnv: Env = new Map();
        for (const s of stmt.body) {
          if (s.kind === "def") {
            // Methods: analysed as functions with `self` an object whose attributes are tracked within the method.
            this.statement(s, classEnv, classFrame, { breaks: [], continues: [] });
            const info = this.functionByDef.get(s);
            if (info !== undefined) (info as { enclosing: Frame }).enclosing = frame;
          } else {
            this.block([s], classEnv, classFrame, { breaks: [], continues: [] });
          }
        }
        this.bindName(stmt.name, OTHER, env, frame, null, false);
        return env;
      }
      case "return": {
        const value = stmt.value === null ? NONE : this.expr(stmt.value, env, frame);
        if (stmt.value !== null) this.recordEscapes("return", stmt.value, value, env, frame);
        frame.returns.push(this.stripNames(value));
        return null;
      }
      case "del": {
        for (const target of stmt.targets) {
          if (target.kind === "name") {
            this.recordRelease("del", target, env, frame, null);
            this.unbind(target.id, env);
          } else {
            this.expr(target, env, frame);
            if (target.kind === "attribute") this.dropPaths(env, pathOf(target) ?? "");
          }
        }
        return env;
      }
      case "raise":
        for (const e of stmt.exprs) this.expr(e, env, frame);
        return null;
      case "break":
        flow.breaks.push(env);
        return null;
      case "continue":
        flow.continues.push(env);
        return null;
      case "pass":
      case "global":
      case "nonlocal":
        return env;
      case "import": {
        for (const b of stmt.bindings) {
          if (b.star) continue;
          const q = b.qualifiedName;
          this.bindName(b.name, q === "numpy" || q.startsWith("numpy.") ? { t: "qname", q: canonical(q) } : OTHER, env, frame, null, false);
        }
        return env;
      }
      case "opaque":
        for (const e of stmt.children) this.expr(e, env, frame);
        return env;
    }
  }

  private tryStatement(stmt: Extract<Stmt, { kind: "try" }>, env: Env, frame: Frame, flow: Flow): Env | null {
    frame.handlerStates.push([]);
    const bodyOut = this.block(stmt.body, env, frame, flow);
    const raisePoints = frame.handlerStates.pop() ?? [];
    if (bodyOut !== null) raisePoints.push(new Map(bodyOut));
    const handlerEntry = this.joinAll(`try${stmt.start}`, raisePoints.length > 0 ? raisePoints : [env]);
    const outs: (Env | null)[] = [];
    outs.push(bodyOut === null ? null : this.block(stmt.orelse, bodyOut, frame, flow));
    for (const h of stmt.handlers) {
      if (handlerEntry === null) continue;
      const hEnv = new Map(handlerEntry);
      if (h.type) this.expr(h.type, hEnv, frame);
      if (h.name) this.bindName(h.name, OTHER, hEnv, frame, null, false);
      outs.push(this.block(h.body, hEnv, frame, flow));
      if (h.name) this.unbind(h.name.id, hEnv);
    }
    let out = this.joinAll(`tryout${stmt.start}`, outs);
    if (stmt.finalbody.length > 0) {
      // NOTE: the finally body runs on every path; for normal continuation it runs on the joined state.
      const finEntry = out ?? (handlerEntry !== null ? new Map(handlerEntry) : null);
      const finOut = this.block(stmt.finalbody, finEntry, frame, flow);
      out = out === null ? null : finOut;
    }
    return out;
  }

  private loop(args: {
    key: string;
    span: Span;
    env: Env;
    frame: Frame;
    flow: Flow;
    enter: (head: Env) => Env;
    body: readonly Stmt[];
    orelse: readonly Stmt[];
    infinite: boolean;
  }): Env | null {
    this.loopSpans.push(args.span);
    try {
      return this.loopBody(args);
    } finally {
      this.loopSpans.pop();
    }
  }

  private loopBody(args: Parameters<Interpreter["loop"]>[0]): Env | null {
    let head: Env = new Map(args.env);
    let inner: Flow = { breaks: [], continues: [] };
    for (let iteration = 0; ; iteration++) {
      inner = { breaks: [], continues: [] };
      const entered = args.enter(new Map(head));
      const out = this.block(args.body, entered, args.frame, inner);
      const next = this.joinAll(args.key, [head, out, ...inner.continues]) ?? head;
      if (sameEnv(next, head)) break;
      if (iteration >= MAX_LOOP_ITERATIONS) {
        head = widen(head, next);
        inner = { breaks: [], continues: [] };
        const finalOut = this.block(args.body, args.enter(new Map(head)), args.frame, inner);
        void finalOut;
        break;
      }
      head = next;
    }
    const exitNormal = args.infinite ? null : this.block(args.orelse, new Map(head), args.frame, args.flow);
    return this.joinAll(`${args.key}exit`, [exitNormal, ...inner.breaks]);
  }

  // ------------------------------------------------------------ functions

  private analyzeFunction(fn: FunctionInfo): Summary {
    if (fn.summary !== null) return fn.summary;
    fn.analyzing = true;
    const frame: Frame = {
      scope: fn.scope,
      fn,
      parent: fn.enclosing,
      stableValues: new Map(),
      stableArrays: new Map(),
      returns: [],
      handlerStates: [],
      pending: [],
    };
    const env: Env = new Map();
    const isMethod = fn.isMethod && !fn.def.decorators.some((d) => d.kind === "name" && d.id === "staticmethod");
    fn.def.params.forEach((p, index) => {
      let value: Value;
      if (p.star === "*") value = { t: "tuple", items: null };
      else if (p.star === "**") value = OTHER;
      else if (index === 0 && isMethod) value = OTHER;
      else {
        const annotated = p.annotation !== null && this.isNdarrayAnnotation(p.annotation, env, frame);
        const obj = `p${fn.id}:${p.name}#o`;
        const buf = `p${fn.id}:${p.name}#b`;
        this.heap.atom({ id: obj, kind: "external", label: `parameter ${p.name}` });
        this.heap.atom({ id: buf, kind: "external", label: `parameter ${p.name}` });
        value = {
          t: "array",
          a: {
            obj,
            buf,
            shape: null,
            dtype: null,
            strides: null,
            c: null,
            f: null,
            writeable: null,
            certain: annotated,
            maybe: false,
            entries: [],
            sameAs: [],
            sharesWith: [],
          },
        };
      }
      env.set(p.name, value);
    });
    const out = this.block(settledBody(fn.def), env, frame, { breaks: [], continues: [] });
    if (out !== null) frame.returns.push(NONE);
    let ret: Value = frame.returns[0] ?? NONE;
    for (const r of frame.returns.slice(1)) ret = joinValues(this.heap, `ret${fn.id}`, ret, r);
    if (fn.def.isGenerator || fn.def.isAsync) ret = OTHER;
    const prefix = `p${fn.id}:`;
    const escapes = new Set(fn.def.params.filter((p) => this.escapedParamNames.has(prefix + p.name)).map((p) => p.name));
    fn.summary = { ret, escapes };
    fn.analyzing = false;
    return fn.summary;
  }

  private isNdarrayAnnotation(e: Expr, env: Env, frame: Frame): boolean {
    const target = e.kind === "subscript" ? e.value : e;
    const v = this.expr(target, env, frame);
    return v.t === "qname" && ["numpy.ndarray", "numpy.typing.NDArray"].includes(v.q);
  }

  private callFunction(fn: FunctionInfo, call: Extract<Expr, { kind: "call" }>, args: Value[], env: Env): Value {
    if (fn.analyzing) return UNKNOWN;
    const summary = this.analyzeFunction(fn);
    const params = fn.def.params;
    const actualFor = new Map<string, { value: Value; expr: Expr | null }>();
    call.args.forEach((a, i) => {
      const v = args[i] ?? UNKNOWN;
      if (a.star !== "") return;
      if (a.name !== null) actualFor.set(a.name, { value: v, expr: a.value });
      else {
        const p = params[i];
        if (p !== undefined && p.star === "") actualFor.set(p.name, { value: v, expr: a.value });
      }
    });
    for (const [name, actual] of actualFor) if (summary.escapes.has(name)) this.escape(actual.value);
    if (call.args.some((a) => a.star !== "")) args.forEach((v) => this.escape(v));
    return this.instantiate(summary.ret, fn, actualFor, siteOf(call), env);
  }

  /** Rewrites a summary's return value for one call: parameters become the actual arguments, local allocations get call-site ids. */
  private instantiate(ret: Value, fn: FunctionInfo, actuals: Map<string, { value: Value; expr: Expr | null }>, site: string, env: Env): Value {
    if (ret.t !== "array")
      return ret.t === "tuple" || ret.t === "list"
        ? ret.items === null
          ? ret
          : { t: ret.t, items: ret.items.map((v, i) => this.instantiate(v, fn, actuals, `${site}.${i}`, env)) }
        : ret;
    const prefix = `p${fn.id}:`;
    const a = ret.a;
    const paramOf = (id: string): string | null => (id.startsWith(prefix) ? id.slice(prefix.length, id.lastIndexOf("#")) : null);
    const objParam = paramOf(a.obj);
    const bufParam = paramOf(a.buf);
    const objEntry = this.heap.get(a.obj);
    const bufEntry = this.heap.get(a.buf);
    const localKinds = (k: string | undefined) => k === "site";
    if (objParam !== null || bufParam !== null) {
      const actual = actuals.get(bufParam ?? objParam ?? "");
      const actualArray = arrayOf(actual?.value);
      if (actualArray === null) return actual?.value.t === "array" ? UNKNOWN : UNKNOWN;
      const certain = actualArray.certain;
      if (objParam !== null && objParam === bufParam) {
        return { t: "array", a: { ...actualArray, sameAs: actualArray.sameAs } };
      }
      if (bufParam !== null && localKinds(objEntry?.kind)) {
        const obj = this.allocate(`${a.obj}@${site}`, env, { label: objEntry?.label ?? "", site: objEntry?.site ?? null });
        return {
          t: "array",
          a: {
            ...a,
            obj,
            buf: actualArray.buf,
            certain: certain && (a.certain || true),
            writeable: a.writeable ?? actualArray.writeable,
            sameAs: [],
            sharesWith: [...actualArray.sharesWith, ...actualArray.sameAs],
          },
        };
      }
      return UNKNOWN;
    }
    if (localKinds(objEntry?.kind) && localKinds(bufEntry?.kind)) {
      const buf = this.allocate(`${a.buf}@${site}`, env, {
        label: bufEntry?.label ?? "",
        site: bufEntry?.site ?? null,
        nbytes: bufEntry?.nbytes ?? null,
        fromFile: bufEntry?.fromFile ?? false,
        ...(bufEntry?.origin ? { origin: bufEntry.origin } : {}),
      });
      const owner = bufEntry?.owner === a.obj;
      const obj = owner ? `${a.obj}@${site}` : this.allocate(`${a.obj}@${site}`, env, { label: objEntry?.label ?? "", site: objEntry?.site ?? null });
      if (owner) {
        this.allocate(obj, env, { label: objEntry?.label ?? "", site: objEntry?.site ?? null });
        const entry = this.heap.get(buf);
        if (entry) entry.owner = obj;
      }
      return { t: "array", a: { ...a, obj, buf, sameAs: [], sharesWith: [] } };
    }
    return a.certain ? this.externalArray(a, `call${site}`) : UNKNOWN;
  }

  private externalArray(a: ArrayFacts, id: string): Value {
    this.heap.atom({ id: `${id}#o`, kind: "external" });
    this.heap.atom({ id: `${id}#b`, kind: "external" });
    return { t: "array", a: { ...a, obj: `${id}#o`, buf: `${id}#b`, maybe: false, sameAs: [], sharesWith: [] } };
  }

  // ------------------------------------------------------------ bindings

  private assign(target: Expr, value: Value, env: Env, frame: Frame, valueExpr: Expr | null): void {
    switch (target.kind) {
      case "name":
        this.bindName(target, value, env, frame, valueExpr);
        return;
      case "tuple":
      case "list": {
        const starIndex = target.elts.findIndex((e) => e.kind === "starred");
        const items = value.t === "tuple" || value.t === "list" ? value.items : null;
        const count = target.elts.length;
        const arr = arrayOf(value);
        target.elts.forEach((elt, i) => {
          let v: Value = UNKNOWN;
          if (elt.kind === "starred") v = { t: "list", items: null };
          else if (items !== null && starIndex < 0 && items.length === count) v = items[i] ?? UNKNOWN;
          else if (items !== null && starIndex >= 0) v = i < starIndex ? (items[i] ?? UNKNOWN) : (items[items.length - (count - i)] ?? UNKNOWN);
          else if (arr !== null && arr.certain) v = this.rowOf(value, elt);
          this.assign(elt.kind === "starred" ? elt.value : elt, v, env, frame, null);
        });
        return;
      }
      case "starred":
        this.assign(target.value, { t: "list", items: null }, env, frame, null);
        return;
      case "attribute": {
        const objectValue = this.expr(target.value, env, frame);
        const path = pathOf(target);
        if (target.attr === "writeable" && target.value.kind === "attribute" && target.value.attr === "flags") {
          // `a.flags.writeable = False`
          const arrayExpr = target.value.value;
          const arr = this.expr(arrayExpr, env, frame);
          if (arr.t === "array") {
            const flag = value.t === "bool" ? value.v : null;
            this.updateObject(env, arr.a.obj, (a) => ({ ...a, writeable: flag }));
          }
          return;
        }
        if ((target.attr === "shape" || target.attr === "dtype" || target.attr === "strides") && objectValue.t === "array") {
          // `a.shape = (2, 3)` reshapes in place: same object, new shape.
          const shape = target.attr === "shape" ? shapeFromValue(value) : null;
          this.updateObject(env, objectValue.a.obj, (a) => ({
            ...a,
            shape: target.attr === "dtype" ? null : shape,
            dtype: target.attr === "dtype" ? null : a.dtype,
            strides: null,
            c: null,
            f: null,
          }));
          return;
        }
        if (valueExpr !== null) this.recordEscapes("attribute", valueExpr, value, env, frame);
        if (path !== null && target.value.kind === "name" && target.value.id === "self") {
          this.dropPaths(env, path);
          this.pathRoots.add("self");
          env.set(path, this.stripNames(value));
          return;
        }
        void objectValue;
        this.escape(value);
        return;
      }
      case "subscript": {
        const container = this.expr(target.value, env, frame);
        this.expr(target.index, env, frame);
        if (container.t === "array") {
          const inner = target.value;
          const trailing = inner.kind === "subscript" && isFullIndex(target.index) ? { start: inner.end, end: target.end } : null;
          this.recordWrite("item", "=", target, inner, container, env, frame, trailing);
        }
        if (container.t !== "array" || !container.a.certain) {
          if (valueExpr !== null && this.outlivesFrame(target.value, frame)) this.recordEscapes("container", valueExpr, value, env, frame);
          this.escape(value);
        }
        return;
      }
      default:
        this.expr(target, env, frame);
        return;
    }
  }

  /** Binds a simple name and records the binding fact. */
  private bindName(target: NameExpr, value: Value, env: Env, frame: Frame, valueExpr: Expr | null, record = true, inPlace = false): void {
    const name = target.id;
    if (frame.scope.globals.has(name) || frame.scope.nonlocals.has(name)) {
      if (valueExpr !== null) this.recordEscapes("global", valueExpr, value, env, frame);
      this.escape(value);
    }
    if (!inPlace && record) this.recordRelease("rebind", target, env, frame, value);
    if (this.events !== null) {
      let sites = this.bindingSites.get(frame);
      if (sites === undefined) this.bindingSites.set(frame, (sites = new Map()));
      sites.set(name, { start: target.start, end: target.end });
    }
    const bound = this.withoutName(value, name);
    this.unbind(name, env);
    this.dropPaths(env, name);
    env.set(name, bound);
    if (record) {
      this.allTargets.push({ name: target });
      frame.pending.push({ target, value: bound });
    }
    const count = frame.scope.bindingCounts.get(name) ?? 0;
    // NOTE: only values that matter to other scopes are kept: arrays, and callables/modules for lookups.
    if (count === 1 && bound.t !== "other") frame.stableValues.set(name, bound);
    if (count === 1 && bound.t === "array") frame.stableArrays.set(name, bound);
    void valueExpr;
  }

  /** Describes the bindings the last statement made, now that all its targets are bound. */
  private flush(frame: Frame, env: Env): void {
    if (frame.pending.length === 0) return;
    const pending = frame.pending.splice(0);
    for (const { target, value } of pending) {
      const current = env.get(target.id);
      this.facts.set(target.start, this.describe(target, current ?? value, env, frame));
    }
  }

  private unbind(name: string, env: Env): void {
    env.delete(name);
    // Relations only ever name bindings that were read while holding an array (see withSelf).
    if (!this.mentioned.has(name)) return;
    for (const [key, v] of env) {
      const stripped = this.withoutName(v, name);
      if (stripped !== v) env.set(key, stripped);
    }
  }

  private dropPaths(env: Env, prefix: string): void {
    if (!this.pathRoots.has(prefix) && !prefix.includes(".")) return;
    for (const key of [...env.keys()]) if (key.startsWith(`${prefix}.`)) env.delete(key);
  }

  /** Removes `name` from the relations carried by a value (the name is being rebound). */
  private withoutName(value: Value, name: string): Value {
    if (value.t === "array") {
      const a = value.a;
      if (!a.sameAs.includes(name) && !a.sharesWith.includes(name) && !a.sameAs.some((n) => n.startsWith(`${name}.`))) return value;
      return {
        t: "array",
        a: {
          ...a,
          sameAs: a.sameAs.filter((n) => n !== name && !n.startsWith(`${name}.`)),
          sharesWith: a.sharesWith.filter((n) => n !== name && !n.startsWith(`${name}.`)),
        },
      };
    }
    if ((value.t === "tuple" || value.t === "list") && value.items !== null) {
      let changed = false;
      const items = value.items.map((v) => {
        const w = this.withoutName(v, name);
        if (w !== v) changed = true;
        return w;
      });
      return changed ? { t: value.t, items } : value;
    }
    return value;
  }

  private stripNames(value: Value): Value {
    if (value.t === "array") return { t: "array", a: { ...value.a, sameAs: [], sharesWith: [] } };
    if ((value.t === "tuple" || value.t === "list") && value.items !== null) return { t: value.t, items: value.items.map((v) => this.stripNames(v)) };
    return value;
  }

  private updateObject(env: Env, obj: string, update: (a: ArrayFacts) => ArrayFacts): void {
    for (const [key, v] of env) if (v.t === "array" && v.a.obj === obj) env.set(key, { t: "array", a: update(v.a) });
  }

  /** Live arrays in scope other than `name`: the frame's own state, then stable names of enclosing scopes. */
  private liveArrays(name: string, env: Env, frame: Frame): [string, ArrayFacts | null][] {
    const out: [string, ArrayFacts | null][] = [];
    const seen = new Set<string>([name]);
    for (const [key, v] of env) {
      if (seen.has(key)) continue;
      seen.add(key);
      if (v.t === "array") out.push([key, v.a]);
      else if (v.t === "unknown") out.push([key, null]);
      else if ((v.t === "tuple" || v.t === "list") && v.items !== null) {
        for (const item of v.items) if (item.t === "array") out.push([`${key}[]`, item.a]);
      } else if (v.t === "tuple" || v.t === "list") out.push([`${key}[]`, null]);
    }
    for (let f = frame.parent; f !== null; f = f.parent) {
      for (const [key, v] of f.stableArrays) {
        if (seen.has(key) || frame.scope.locals.has(key)) continue;
        seen.add(key);
        if (v.t === "array") out.push([key, v.a]);
      }
    }
    return out;
  }

  /** Classifies a freshly bound value against the other live bindings. */
  private describe(target: NameExpr, value: Value, env: Env, frame: Frame): BindingFact {
    const span = { start: target.start, end: target.end };
    const entriesUsed = [...this.entriesUsed];
    // NOTE: one literal per fact (not `{ ...base, kind }`): object spread is a slow generic copy in V8 here.
    const fact = (kind: BindingKind, baseName: string | null, buffer: BindingFact["buffer"]): BindingFact => ({
      name: target.id,
      span,
      value,
      reached: true,
      entriesUsed,
      kind,
      base: baseName,
      buffer,
    });
    if (value.t !== "array") {
      const kind: BindingKind = value.t === "unknown" ? "unknown" : "not-array";
      return fact(kind, null, null);
    }
    const a = value.a;
    if (!a.certain) return fact("unknown", null, null);
    const live = this.liveArrays(target.id, env, frame);
    const liveNames = new Set(live.map(([n]) => n));
    const bufEntry = this.heap.get(a.buf);
    const buffer = bufEntry ? { label: bufEntry.label, site: bufEntry.site, nbytes: bufEntry.nbytes, fromFile: bufEntry.fromFile } : null;
    const ownerName = (): string | null => {
      const owner = bufEntry?.owner ?? null;
      if (owner !== null) {
        for (const [n, w] of live) if (w !== null && !n.endsWith("[]") && this.heap.mustSame(w.obj, owner)) return n;
      }
      return null;
    };
    const sameNames = a.sameAs.filter((n) => liveNames.has(n));
    const mustSameObj = live.find(([n, w]) => w !== null && !n.endsWith("[]") && this.heap.mustSame(w.obj, a.obj));
    if (sameNames.length > 0 || mustSameObj !== undefined) {
      const aliasOf = sameNames[0] ?? mustSameObj?.[0] ?? null;
      const aliasFacts = live.find(([n]) => n === aliasOf)?.[1] ?? null;
      const root = ownerName() ?? this.baseByRelation(aliasFacts, liveNames) ?? aliasOf;
      return fact("alias", root, buffer);
    }
    const shareNames = a.sharesWith.filter((n) => liveNames.has(n));
    const mustShare = live.find(([n, w]) => w !== null && !n.endsWith("[]") && this.heap.mustSame(w.buf, a.buf));
    if (shareNames.length > 0 || mustShare !== undefined) {
      const root = ownerName() ?? this.rootAmong(shareNames, live) ?? shareNames[0] ?? mustShare?.[0] ?? null;
      return fact("view", root, buffer);
    }
    if (a.maybe) {
      const source = live.find(([n, w]) => w !== null && !n.endsWith("[]") && this.heap.maySame(w.buf, a.buf))?.[0];
      return source === undefined ? fact("maybe-view", null, buffer) : { ...fact("maybe-view", null, buffer), source };
    }
    // NOTE: names of unknown value cannot hold a buffer that never escaped, so only known arrays are checked.
    const mayShare = live.some(([, w]) => w !== null && this.heap.maySame(w.buf, a.buf));
    if (!mayShare && this.heap.allLocal(a.buf) && !this.heap.escaped(a.buf)) return fact("copy", null, buffer);
    return fact("unknown", null, buffer);
  }

  private baseByRelation(facts: ArrayFacts | null, liveNames: Set<string>): string | null {
    if (facts === null) return null;
    return facts.sharesWith.find((n) => liveNames.has(n)) ?? null;
  }

  /** Among names sharing memory, the one that is not itself a view of another (the root owner). */
  private rootAmong(names: readonly string[], live: [string, ArrayFacts | null][]): string | null {
    for (const n of names) {
      const facts = live.find(([m]) => m === n)?.[1];
      if (facts !== null && facts !== undefined && !facts.sharesWith.some((m) => names.includes(m))) return n;
    }
    return null;
  }

  // ------------------------------------------------------------ joins

  private join(key: string, a: Env | null, b: Env | null): Env | null {
    return this.joinAll(key, [a, b]);
  }

  private joinAll(key: string, envs: readonly (Env | null)[]): Env | null {
    const live = envs.filter((e): e is Env => e !== null);
    if (live.length === 0) return null;
    const first = live[0];
    if (first === undefined) return null;
    if (live.length === 1) return new Map(first);
    const out: Env = new Map();
    const names = new Set<string>();
    for (const e of live) for (const k of e.keys()) names.add(k);
    for (const name of names) {
      let value: Value | undefined;
      let missing = false;
      for (const e of live) {
        const v = e.get(name);
        if (v === undefined) {
          missing = true;
          continue;
        }
        value = value === undefined || value === v ? v : joinValues(this.heap, `${key}:${name}`, value, v);
      }
      if (value === undefined) continue;
      if (missing) {
        // Bound on some paths only: still live (it may hold memory), but relations to it are not certain.
        value = value.t === "array" ? { t: "array", a: { ...value.a } } : value;
        out.set(name, value);
        for (const [k, v] of out) if (k !== name) out.set(k, this.withoutName(v, name));
        continue;
      }
      out.set(name, value);
    }
    // Relations naming a name that is possibly unbound are dropped.
    for (const e of live) {
      for (const name of names) {
        if (!e.has(name)) for (const [k, v] of out) out.set(k, this.withoutName(v, name));
      }
    }
    return out;
  }

  // ------------------------------------------------------------ expressions

  private truth(e: Expr, env: Env, frame: Frame): boolean | null {
    if (e.kind === "const") return e.value === "True" ? true : e.value === "False" || e.value === "None" ? false : null;
    if (e.kind === "number") return e.value !== 0;
    void env;
    void frame;
    return null;
  }

  private lookup(name: string, env: Env, frame: Frame): Value {
    const local = env.get(name);
    if (local !== undefined) return this.withSelf(local, name);
    if (frame.scope.locals.has(name) && frame.scope.kind !== "class") return UNKNOWN;
    for (let f = frame.parent; f !== null; f = f.parent) {
      if (f.scope.locals.has(name) || f.stableValues.has(name)) {
        const v = f.stableValues.get(name);
        if (v !== undefined && (f.scope.bindingCounts.get(name) ?? 0) === 1) return this.withSelf(v, name);
        return UNKNOWN;
      }
    }
    return builtin(name);
  }

  private readonly mentioned = new Set<string>();
  /** Names that have attribute paths (`self.data`) tracked under them. */
  private readonly pathRoots = new Set<string>();

  private withSelf(v: Value, name: string): Value {
    if (v.t === "tuple" || v.t === "list") this.mentioned.add(name);
    if (v.t !== "array") return v;
    this.mentioned.add(name);
    return { t: "array", a: { ...v.a, sameAs: v.a.sameAs.includes(name) ? v.a.sameAs : [name, ...v.a.sameAs] } };
  }

  expr(e: Expr, env: Env, frame: Frame): Value {
    const value = this.evaluate(e, env, frame);
    if (this.expressionFacts !== null && value.t === "array" && EXPLAINED_EXPRESSIONS.has(e.kind)) {
      const name = e.kind === "name" ? e : ({ kind: "name", id: pathOf(e) ?? "", start: e.start, end: e.end } as NameExpr);
      const fact = this.describe(name, value, env, frame);
      // The owner of a buffer is described as owning it, even while views of it are live.
      const owns = value.a.certain && !value.a.maybe && this.isOwner(value.a) && fact.kind === "view";
      this.expressionFacts.set(`${e.start}:${e.end}`, owns && this.heap.allLocal(value.a.buf) ? { ...fact, kind: "copy", base: null } : fact);
    }
    return value;
  }

  private evaluate(e: Expr, env: Env, frame: Frame): Value {
    switch (e.kind) {
      case "name": {
        const v = this.lookup(e.id, env, frame);
        if (this.events !== null && v.t === "array") this.noteRead(frame, e.id, e.start);
        return v;
      }
      case "number":
        if (e.imaginary) return OTHER;
        return e.isInt ? intValue(e.value) : { t: "float", v: e.value };
      case "string":
        return e.bytes ? { t: "bytes", mutable: false } : { t: "str" };
      case "const":
        return e.value === "None" ? NONE : e.value === "Ellipsis" ? { t: "ellipsis" } : { t: "bool", v: e.value === "True" };
      case "tuple":
      case "list": {
        const items = e.elts.map((x) => this.expr(x, env, frame));
        if (e.elts.some((x) => x.kind === "starred")) return { t: e.kind, items: null };
        return { t: e.kind, items };
      }
      case "set":
      case "dict":
        for (const x of e.kind === "set" ? e.elts : (e as Extract<Expr, { kind: "dict" }>).entries) this.escape(this.expr(x, env, frame));
        return OTHER;
      case "slice":
        return {
          t: "slice",
          lower: e.lower ? this.expr(e.lower, env, frame) : NONE,
          upper: e.upper ? this.expr(e.upper, env, frame) : NONE,
          step: e.step ? this.expr(e.step, env, frame) : NONE,
        };
      case "attribute":
        return this.attribute(e, env, frame);
      case "subscript": {
        const container = this.expr(e.value, env, frame);
        const index = this.expr(e.index, env, frame);
        return this.subscript(container, index, e);
      }
      case "call":
        return this.call(e, env, frame);
      case "binary": {
        const l = this.expr(e.left, env, frame);
        const r = this.expr(e.right, env, frame);
        return this.binary(e.op, l, r, e);
      }
      case "unary": {
        const v = this.expr(e.operand, env, frame);
        if (e.op === "not") return { t: "bool", v: null };
        if (v.t === "int") return intValue(v.v === null ? null : e.op === "-" ? -v.v : e.op === "+" ? v.v : ~v.v);
        if (v.t === "float") return { t: "float", v: v.v === null ? null : e.op === "-" ? -v.v : v.v };
        if (v.t === "array") return this.fromOp(elementwise([v], undefined, e.op === "-" ? "negative" : e.op === "~" ? "invert" : "positive"), e, "operator");
        return v.t === "unknown" ? UNKNOWN : OTHER;
      }
      case "compare": {
        const vals = e.operands.map((x) => this.expr(x, env, frame));
        const operandsKnown = vals.every((v) => v.t === "array" || v.t === "int" || v.t === "float" || v.t === "bool" || v.t === "scalar");
        if (e.ops.length === 1 && ["<", "<=", ">", ">=", "==", "!="].includes(e.ops[0] ?? "") && vals.some((v) => v.t === "array") && operandsKnown) {
          return this.fromOp(elementwise(vals, "bool", "compare"), e, "operator");
        }
        if (vals.some((v) => v.t === "array" || v.t === "unknown") && !e.ops.every((op) => op === "is" || op === "is not" || op === "in" || op === "not in"))
          return UNKNOWN;
        return { t: "bool", v: null };
      }
      case "boolop": {
        const l = this.expr(e.left, env, frame);
        const r = this.expr(e.right, env, frame);
        return joinValues(this.heap, `bool${e.start}`, l, r);
      }
      case "ifexp": {
        this.expr(e.test, env, frame);
        const thenEnv = new Map(env);
        const elseEnv = new Map(env);
        const a = this.expr(e.body, thenEnv, frame);
        const b = this.expr(e.orelse, elseEnv, frame);
        const joined = this.join(`ifexp${e.start}`, thenEnv, elseEnv);
        if (joined !== null) for (const [k, v] of joined) env.set(k, v);
        return joinValues(this.heap, `ifexpv${e.start}`, a, b);
      }
      case "walrus": {
        const v = this.expr(e.value, env, frame);
        this.bindName(e.target, v, env, frame, e.value);
        return env.get(e.target.id) ?? v;
      }
      case "starred":
        return this.expr(e.value, env, frame);
      case "lambda":
        for (const p of e.params) if (p.defaultValue) this.expr(p.defaultValue, env, frame);
        return OTHER;
      case "comprehension": {
        const inner: Env = new Map(env);
        for (const g of e.generators) {
          const it = this.expr(g.iter, inner, frame);
          this.escape(it);
          this.assignComprehensionTarget(g.target, inner);
          for (const cond of g.ifs) this.expr(cond, inner, frame);
        }
        for (const elt of e.elts) this.escape(this.expr(elt, inner, frame));
        // Walrus targets inside a comprehension bind in the enclosing scope.
        for (const [k, v] of inner) if (!env.has(k) || env.get(k) !== v) if (frame.scope.locals.has(k) && !isTargetName(e, k)) env.set(k, UNKNOWN);
        return e.flavor === "list" ? { t: "list", items: null } : OTHER;
      }
      case "opaque":
        for (const c of e.children) {
          const v = this.expr(c, env, frame);
          if (e.what === "yield") this.recordEscapes("yield", c, v, env, frame);
          this.escape(v);
        }
        return e.what === "await" || e.what === "yield" ? UNKNOWN : e.what.includes("string") ? { t: "str" } : UNKNOWN;
    }
  }

  private assignComprehensionTarget(target: Expr, env: Env): void {
    if (target.kind === "name") env.set(target.id, UNKNOWN);
    else if (target.kind === "tuple" || target.kind === "list") target.elts.forEach((t) => this.assignComprehensionTarget(t, env));
    else if (target.kind === "starred") this.assignComprehensionTarget(target.value, env);
  }

  private attribute(e: Extract<Expr, { kind: "attribute" }>, env: Env, frame: Frame): Value {
    const path = pathOf(e);
    if (path !== null && env.has(path)) {
      if (this.events !== null) this.noteRead(frame, path, e.start);
      return this.withSelf(env.get(path) ?? UNKNOWN, path);
    }
    const base = this.expr(e.value, env, frame);
    if (base.t === "qname") {
      const q = `${base.q}.${e.attr}`;
      if (q === "numpy.newaxis") return NONE;
      if (["numpy.pi", "numpy.e", "numpy.inf", "numpy.nan", "numpy.euler_gamma"].includes(q)) return { t: "float", v: null };
      const dt = DTYPE_NAMES[q];
      if (dt !== undefined) return { t: "dtype", name: dt };
      return { t: "qname", q: canonical(q) };
    }
    if (base.t === "array") {
      const a = base.a;
      switch (e.attr) {
        case "T":
        case "mT":
        case "real":
        case "imag":
          return this.callEntry(`ndarray.${e.attr}`, { self: base, positional: [], keywords: new Map(), opaque: false }, e) ?? UNKNOWN;
        case "shape":
          return a.shape === null ? { t: "tuple", items: null } : { t: "tuple", items: a.shape.map((d) => intValue(d)) };
        case "dtype":
          return { t: "dtype", name: a.dtype };
        case "flags":
        case "flat":
        case "ctypes":
        case "strides":
          return OTHER;
        case "base":
          return UNKNOWN;
        default:
          if (ARRAY_ATTRIBUTES_INT.has(e.attr)) {
            if (e.attr === "ndim") return intValue(a.shape?.length ?? null);
            if (e.attr === "size")
              return intValue(a.shape === null ? null : a.shape.reduce<number | null>((n, d) => (n === null || d === null ? null : n * d), 1));
            if (e.attr === "nbytes") return intValue(nbytesOf(a));
            return intValue(itemSize(a.dtype));
          }
          return a.certain ? { t: "method", self: base, name: e.attr } : UNKNOWN;
      }
    }
    if (base.t === "dtype" && e.attr === "type") return base;
    if (base.t === "unknown") return UNKNOWN;
    if (base.t === "other" && path !== null && path.startsWith("self.")) return UNKNOWN;
    return UNKNOWN;
  }

  private call(e: Extract<Expr, { kind: "call" }>, env: Env, frame: Frame): Value {
    const callee = this.expr(e.func, env, frame);
    const values = e.args.map((a) => this.expr(a.value, env, frame));
    const opaque = e.args.some((a) => a.star !== "");
    const positional: Value[] = [];
    const keywords = new Map<string, Value>();
    e.args.forEach((a: Argument, i) => {
      const v = values[i] ?? UNKNOWN;
      if (a.star !== "") return;
      if (a.name !== null) keywords.set(a.name, v);
      else positional.push(v);
    });
    if (this.events !== null) this.recordCallWrites(e, callee, values, keywords, env, frame);
    switch (callee.t) {
      case "qname": {
        if (callee.q === "Generator") return UNKNOWN;
        const result = this.callEntry(callee.q, { self: null, positional, keywords, opaque }, e);
        if (result !== null) return result;
        values.forEach((v) => this.escape(v));
        return UNKNOWN;
      }
      case "method": {
        const self = callee.self;
        if (self.t === "array") {
          if (callee.name === "setflags") {
            this.entriesUsed.add("ndarray.setflags");
            const write = keywords.get("write") ?? positional[0];
            if (write !== undefined) this.updateObject(env, self.a.obj, (a) => ({ ...a, writeable: write.t === "bool" ? write.v : null }));
            return NONE;
          }
          const result = this.callEntry(`ndarray.${callee.name}`, { self, positional, keywords, opaque }, e);
          if (result !== null) return result;
        }
        values.forEach((v) => this.escape(v));
        return UNKNOWN;
      }
      case "function": {
        const fn = this.functions[callee.id];
        if (fn === undefined) return UNKNOWN;
        return this.callFunction(fn, e, values, env);
      }
      case "dtype":
        return callee.name === null ? UNKNOWN : { t: "scalar", dtype: callee.name };
      default:
        break;
    }
    if (e.func.kind === "attribute") {
      const receiver = this.expr(e.func.value, env, frame);
      if (receiver.t === "qname" && receiver.q === "Generator") {
        const result = this.callEntry(`Generator.${e.func.attr}`, { self: null, positional, keywords, opaque }, e);
        if (result !== null) return result;
        return UNKNOWN;
      }
      if (e.func.value.kind === "name" && e.func.value.id === "self") this.dropPaths(env, "self");
      if (CONTAINER_METHODS.has(e.func.attr) && receiver.t !== "array" && this.outlivesFrame(e.func.value, frame)) {
        e.args.forEach((a, i) => this.recordEscapes("container", a.value, values[i] ?? UNKNOWN, env, frame));
      }
      this.escape(receiver);
    }
    if (e.func.kind === "name" && BUILTIN_NOT_ARRAY.has(e.func.id) && env.get(e.func.id) === undefined) {
      const name = e.func.id;
      if (name === "len") return intValue(lenOf(values[0]));
      if (name === "int") return intValue(values[0]?.t === "int" ? values[0].v : null);
      if (name === "float") return { t: "float", v: null };
      if (name === "range") return { t: "qname", q: "builtins.range" };
      if (name === "print" || name === "setattr") return NONE;
      return OTHER;
    }
    if (e.func.kind === "name" && (e.func.id === "list" || e.func.id === "tuple") && env.get(e.func.id) === undefined) {
      const v = values[0];
      if (v !== undefined && v.t === "array") return { t: e.func.id, items: null };
      this.escape(v ?? UNKNOWN);
      return { t: e.func.id, items: null };
    }
    if (e.func.kind === "name" && (e.func.id === "enumerate" || e.func.id === "zip") && env.get(e.func.id) === undefined) {
      return { t: "qname", q: `builtins.${e.func.id}` };
    }
    if (e.func.kind === "name" && (e.func.id === "bytes" || e.func.id === "bytearray") && env.get(e.func.id) === undefined) {
      return { t: "bytes", mutable: e.func.id === "bytearray" };
    }
    values.forEach((v) => this.escape(v));
    if (e.func.kind === "name" && e.func.id === "self") this.dropPaths(env, "self");
    for (const a of e.args) if (a.value.kind === "name" && a.value.id === "self") this.dropPaths(env, "self");
    return UNKNOWN;
  }

  /** Calls a table entry by name; null when the table has no such entry. */
  private callEntry(name: string, args: BoundArgs, e: Expr): Value | null {
    const entry = lookupEntry(name);
    if (entry === undefined) return null;
    this.entriesUsed.add(entry.name);
    if (this.events !== null && COPY_ENTRIES.has(entry.name) && e.kind === "call") this.recordCopy(entry.name, e, args);
    const result = applyRule(entry, args);
    return this.fromOp(result, e, entry.name, entry);
  }

  /** Gives an op result an identity: a new object (and buffer for new results), recency-renamed per site. */
  private fromOp(result: OpResult, e: Expr, entryName: string, entry?: ApiEntry): Value {
    const site = siteOf(e);
    switch (result.r) {
      case "value":
        return result.value;
      case "same": {
        if (result.source.t !== "array") return UNKNOWN;
        return { t: "array", a: { ...result.source.a, entries: addEntry(result.source.a.entries, entryName) } };
      }
      case "new": {
        const obj = `s${site}#o`;
        const buf = `s${site}#b`;
        const facts = this.completeFacts(result.facts);
        this.allocate(obj, this.currentEnv, { label: this.labelFor(e), site: { start: e.start, end: e.end } });
        this.allocate(buf, this.currentEnv, {
          label: this.labelFor(e),
          site: { start: e.start, end: e.end },
          nbytes: nbytesOf(facts),
          fromFile: result.fromFile ?? false,
          owner: obj,
          origin: entryName,
        });
        if (result.escapedInput) this.heap.markEscaped(buf);
        if (result.escapedInput) {
          // The memory belongs to another Python object (bytes, a buffer): treat like external memory.
          this.heap.atom({ id: `ext${site}#b`, kind: "external" });
          return { t: "array", a: { ...facts, obj, buf: `ext${site}#b`, entries: [entryName], sameAs: [], sharesWith: [] } };
        }
        return { t: "array", a: { ...facts, obj, buf, entries: [entryName], sameAs: [], sharesWith: [] } };
      }
      case "view":
      case "maybe": {
        if (result.source.t !== "array") return result.source.t === "unknown" ? UNKNOWN : UNKNOWN;
        const src = result.source.a;
        const obj = `s${site}#o`;
        this.allocate(obj, this.currentEnv, { label: this.labelFor(e), site: { start: e.start, end: e.end } });
        const merged: ArrayFacts = {
          ...src,
          ...definedOnly(result.facts),
          writeable:
            result.facts.writeable === undefined ? src.writeable : result.facts.writeable === false || src.writeable === false ? false : result.facts.writeable,
          obj,
          entries: addEntry(src.entries, entryName),
          sameAs: [],
          sharesWith: [...src.sharesWith, ...src.sameAs],
          maybe: result.r === "maybe" || src.maybe,
        };
        if (result.r === "maybe") {
          // A view or a copy: the memory may be the source's or a new buffer.
          const fresh = `s${site}#b`;
          this.allocate(fresh, this.currentEnv, { label: this.labelFor(e), site: { start: e.start, end: e.end }, owner: obj });
          const buf = this.heap.merge(`m${site}#b`, src.buf, fresh);
          return { t: "array", a: { ...merged, buf, sharesWith: [], writeable: merged.writeable === false ? null : merged.writeable } };
        }
        void entry;
        return { t: "array", a: merged };
      }
      case "views": {
        if (result.source.t !== "array") return UNKNOWN;
        const src = result.source.a;
        const part = (i: number): Value => {
          const obj = `s${site}#o${i}`;
          this.allocate(obj, this.currentEnv, { label: this.labelFor(e), site: { start: e.start, end: e.end } });
          return {
            t: "array",
            a: {
              ...src,
              ...definedOnly(result.facts),
              obj,
              entries: addEntry(src.entries, entryName),
              sameAs: [],
              sharesWith: [...src.sharesWith, ...src.sameAs],
            },
          };
        };
        const items = result.count === null || result.count > 64 ? null : Array.from({ length: result.count }, (_, i) => part(i));
        return { t: result.tuple ? "tuple" : "list", items };
      }
    }
  }

  // NOTE: allocation renames older holders of a site in the state being evaluated; set by the statement runner.
  private get currentEnv(): Env | null {
    return this.envStack[this.envStack.length - 1] ?? null;
  }
  private readonly envStack: Env[] = [];

  private allocate(
    id: string,
    env: Env | null,
    info: { label: string; site: Span | null; nbytes?: number | null; fromFile?: boolean; owner?: string | null; origin?: string },
  ): string {
    const existing = this.heap.get(id);
    if (existing !== undefined && env !== null) {
      // Recency: the previous object made here becomes part of the site's summary.
      const old = this.heap.oldId(id);
      for (const [key, v] of env) {
        const renamed = mapIds(v, (x) => (x === id ? old : x));
        if (renamed !== v) env.set(key, renamed);
      }
    }
    this.heap.atom({
      id,
      kind: "site",
      nbytes: info.nbytes ?? null,
      site: info.site,
      label: info.label,
      fromFile: info.fromFile ?? false,
      owner: info.owner ?? null,
      origin: info.origin ?? null,
    });
    return id;
  }

  private labelFor(e: Expr): string {
    return `${e.start}:${e.end}`;
  }

  private completeFacts(facts: Partial<ArrayFacts>): ArrayFacts {
    return {
      obj: "",
      buf: "",
      shape: facts.shape ?? null,
      dtype: facts.dtype ?? null,
      strides: facts.strides ?? null,
      c: facts.c ?? null,
      f: facts.f ?? null,
      writeable: facts.writeable ?? true,
      certain: true,
      maybe: false,
      entries: [],
      sameAs: [],
      sharesWith: [],
    };
  }

  private escape(v: Value): void {
    if (v.t === "array") {
      this.heap.markEscaped(v.a.buf);
      this.heap.markEscaped(v.a.obj);
      const frameParam = /^p\d+:(.+)#[ob]$/.exec(v.a.buf);
      if (frameParam?.[1] !== undefined) this.escapedParamNames.add(`${v.a.buf.split(":")[0]}:${frameParam[1]}`);
    } else if ((v.t === "tuple" || v.t === "list") && v.items !== null) v.items.forEach((x) => this.escape(x));
    else if (v.t === "method") this.escape(v.self);
  }
  private readonly escapedParamNames = new Set<string>();
  private readonly entriesUsed = new Set<string>();

  // ------------------------------------------------------------ rule events

  private putEvent(key: string, event: EngineEvent | null): void {
    if (this.events === null) return;
    if (event === null) {
      this.events.delete(key);
      this.pendingWrites.delete(key);
    } else this.events.set(key, event);
  }

  private noteRead(frame: Frame, name: string, offset: number): void {
    let byName = this.reads.get(frame);
    if (byName === undefined) this.reads.set(frame, (byName = new Map()));
    let offsets = byName.get(name);
    if (offsets === undefined) byName.set(name, (offsets = new Set()));
    offsets.add(offset);
  }

  /** True when `a` is the object that owns its buffer (or a parameter's own object). */
  private isOwner(a: ArrayFacts): boolean {
    const param = /^(p\d+:.+)#b$/.exec(a.buf);
    if (param !== null) return a.obj === `${param[1]}#o`;
    const owner = this.heap.get(a.buf)?.owner ?? null;
    return owner !== null && this.heap.mustSame(owner, a.obj);
  }

  private bufferFacts(a: ArrayFacts, env: Env, frame: Frame, exclude: string | null): BufferFacts {
    const entry = this.heap.get(a.buf);
    const parameter = /^p\d+:(.+)#b$/.exec(a.buf)?.[1] ?? null;
    const local = this.heap.allLocal(a.buf);
    const owner = entry?.owner ?? null;
    let ownerName: string | null = null;
    if (owner !== null) {
      for (const [n, w] of this.liveArrays(exclude ?? "", env, frame)) {
        if (w !== null && !n.endsWith("[]") && this.heap.mustSame(w.obj, owner)) {
          ownerName = n;
          break;
        }
      }
    }
    return {
      site: local ? (entry?.site ?? null) : null,
      nbytes: local ? (entry?.nbytes ?? null) : null,
      fromFile: entry?.fromFile ?? false,
      origin: entry?.origin ?? null,
      ownerName,
      parameter,
      local,
    };
  }

  private viewFacts(a: ArrayFacts): ViewFacts {
    const made = a.entries[a.entries.length - 1];
    return { site: made === "iteration" ? null : (this.heap.get(a.obj)?.site ?? null), nbytes: nbytesOf(a), smaller: a.smaller === true };
  }

  private recordWrite(how: WriteEvent["how"], detail: string, at: Span, targetExpr: Expr, value: Value, env: Env, frame: Frame, trailing: Span | null): void {
    if (this.events === null) return;
    const key = `write:${at.start}:${at.end}:${how}`;
    if (this.expectingError > 0) return this.putEvent(key, null);
    // NOTE: values that may not be ndarrays are judged only when layout-dependent (`x.reshape(-1)` of a parameter): NV007.
    if (value.t !== "array" || (!value.a.certain && !value.a.maybe)) return this.putEvent(key, null);
    const a = value.a;
    const path = pathOf(targetExpr);
    const name = path !== null && (targetExpr.kind === "name" || env.has(path)) ? path : null;
    const temporary = name === null && a.obj === `s${siteOf(targetExpr)}#o` ? (this.isOwner(a) ? "copy" : "view") : null;
    const live = this.liveArrays(name ?? "", env, frame).filter(([n, w]) => w !== null && !n.endsWith("[]") && n !== name) as [string, ArrayFacts][];
    const liveNames = new Set(live.map(([n]) => n));
    const aliasNames = unique([
      ...a.sameAs.filter((n) => n !== name && liveNames.has(n)),
      ...live.filter(([, w]) => this.heap.mustSame(w.obj, a.obj)).map(([n]) => n),
    ]);
    const shareNames = unique([
      ...a.sharesWith.filter((n) => n !== name && liveNames.has(n)),
      ...live.filter(([, w]) => this.heap.mustSame(w.buf, a.buf)).map(([n]) => n),
    ]);
    const buffer = this.bufferFacts(a, env, frame, name);
    let through: WriteEvent["through"] = null;
    if (aliasNames.length > 0) {
      through = { names: aliasNames, base: aliasNames[0] ?? null, alias: true, buffer, view: this.viewFacts(a) };
    } else if (!this.isOwner(a) && (shareNames.length > 0 || buffer.parameter !== null)) {
      const base = buffer.ownerName ?? buffer.parameter ?? this.rootAmong(shareNames, live) ?? shareNames[0] ?? null;
      through = {
        names: unique([...shareNames, ...(buffer.parameter !== null ? [buffer.parameter] : [])]),
        base,
        alias: false,
        buffer,
        view: this.viewFacts(a),
      };
    }
    const statement = this.stmtStack[this.stmtStack.length - 1];
    const event: WriteEvent = {
      kind: "write",
      how,
      detail,
      at: { start: at.start, end: at.end },
      target: { start: targetExpr.start, end: targetExpr.end },
      name,
      array: {
        writeable: a.writeable,
        maybe: a.maybe,
        temporary,
        view: this.viewFacts(a),
        entries: a.entries,
        sourceObservable: a.maybe && (!this.heap.allLocal(a.buf) || live.some(([, w]) => this.heap.maySame(w.buf, a.buf))),
      },
      through,
      readLater: false,
      trailingFullSlice: trailing,
    };
    this.putEvent(key, event);
    if (through !== null) {
      this.pendingWrites.set(key, { key, frame, names: through.names, after: statement?.end ?? at.end, loops: this.loopSpans.filter((l) => within(at, l)) });
    } else this.pendingWrites.delete(key);
  }

  /** Writes made by calls: in-place methods (`v.fill(0)`), in-place functions (`np.copyto(v, x)`), and `out=` arguments. */
  private recordCallWrites(e: Extract<Expr, { kind: "call" }>, callee: Value, values: Value[], keywords: Map<string, Value>, env: Env, frame: Frame): void {
    if (callee.t === "method" && callee.self.t === "array" && INPLACE_METHODS.has(callee.name) && e.func.kind === "attribute") {
      this.recordWrite("method", `.${callee.name}()`, e, e.func.value, callee.self, env, frame, null);
    }
    if (callee.t === "qname" && INPLACE_FUNCTIONS.has(callee.q)) {
      const first = e.args[0];
      if (first !== undefined && first.name === null && first.star === "") {
        this.recordWrite("method", `${callee.q.replace(/^numpy\./, "np.")}()`, e, first.value, values[0] ?? UNKNOWN, env, frame, null);
      }
    }
    // `out=` of a fresh temporary is fine when the call's result (which is `out`) is used; only a discarded call loses the write.
    const outIndex = e.args.findIndex((a) => a.name === "out");
    const out = e.args[outIndex];
    const statement = this.stmtStack[this.stmtStack.length - 1];
    const discarded = statement !== undefined && statement.kind === "expr" && statement.value === e;
    const outValue = values[outIndex];
    const freshOut = outValue !== undefined && outValue.t === "array" && outValue.a.obj === `s${siteOf(out?.value ?? e)}#o`;
    const numpyCallee = (callee.t === "qname" && lookupEntry(callee.q) !== undefined) || (callee.t === "method" && callee.self.t === "array");
    if (out !== undefined && (discarded || !freshOut) && keywords.has("out") && numpyCallee) {
      this.recordWrite("out", "out=", out.value, out.value, values[outIndex] ?? UNKNOWN, env, frame, null);
    }
  }

  /** Values leaving a function: views of large local arrays escaping pin the whole base (NV001). */
  private recordEscapes(how: EscapeEvent["how"], expr: Expr, value: Value, env: Env, frame: Frame): void {
    if (this.events === null || frame.fn === null) return;
    this.recordClosureEscapes(expr, value, env, frame);
    const parts: [Expr, Value][] = [];
    if ((value.t === "tuple" || value.t === "list") && value.items !== null) {
      if ((expr.kind === "tuple" || expr.kind === "list") && expr.elts.length === value.items.length)
        value.items.forEach((v, i) => parts.push([expr.elts[i] ?? expr, v]));
    } else parts.push([expr, value]);
    const arrays = parts.filter((p): p is [Expr, Extract<Value, { t: "array" }>] => p[1].t === "array" && p[1].a.certain);
    const fnSpan = frame.fn.def;
    for (const [x, v] of arrays) {
      const a = v.a;
      const key = `escape:${x.start}:${x.end}`;
      if (a.maybe || this.isOwner(a)) {
        this.putEvent(key, null);
        continue;
      }
      const buffer = this.bufferFacts(a, env, frame, null);
      if (!buffer.local || buffer.site === null || !within(buffer.site, fnSpan)) {
        this.putEvent(key, null);
        continue;
      }
      const ownerObj = this.heap.get(a.buf)?.owner ?? null;
      const baseEscapes = ownerObj === null || this.heap.escaped(ownerObj) || arrays.some(([, w]) => w !== v && this.heap.mustSame(w.a.obj, ownerObj));
      this.putEvent(key, {
        kind: "escape",
        how,
        at: { start: x.start, end: x.end },
        atPrimary: isPrimary(x),
        name: x.kind === "name" ? x.id : null,
        view: this.viewFacts(a),
        buffer,
        baseEscapes,
      });
    }
  }

  /**
   * A lambda or a nested function leaving the function keeps the arrays it captures alive: each captured view of a
   * large local array is an escape (`return lambda: first.sum()`).
   */
  private recordClosureEscapes(expr: Expr, value: Value, env: Env, frame: Frame): void {
    let free: ReadonlySet<string> | null = null;
    if (expr.kind === "lambda") {
      const params = new Set(expr.params.map((p) => p.name));
      free = new Set([...namesIn(expr.body)].filter((n) => !params.has(n)));
    } else if (value.t === "function") {
      const fn = this.functions[value.id];
      if (fn !== undefined && fn.enclosing === frame) free = new Set([...namesIn(fn.def.body)].filter((n) => !fn.scope.locals.has(n)));
    }
    if (free === null || frame.fn === null) return;
    const fnSpan = frame.fn.def;
    for (const name of free) {
      const captured = env.get(name);
      const key = `escape:${expr.start}:${expr.end}:${name}`;
      if (captured === undefined || captured.t !== "array" || !captured.a.certain || captured.a.maybe || this.isOwner(captured.a)) {
        this.putEvent(key, null);
        continue;
      }
      const buffer = this.bufferFacts(captured.a, env, frame, name);
      if (!buffer.local || buffer.site === null || !within(buffer.site, fnSpan)) {
        this.putEvent(key, null);
        continue;
      }
      const ownerObj = this.heap.get(captured.a.buf)?.owner ?? null;
      const baseCaptured = [...free].some((n) => {
        const v = env.get(n);
        return n !== name && v !== undefined && v.t === "array" && ownerObj !== null && this.heap.mustSame(v.a.obj, ownerObj);
      });
      this.putEvent(key, {
        kind: "escape",
        how: "closure",
        at: { start: expr.start, end: expr.end },
        atPrimary: false,
        name,
        view: this.viewFacts(captured.a),
        buffer,
        baseEscapes: ownerObj === null || this.heap.escaped(ownerObj) || baseCaptured,
      });
    }
  }

  /** Containers that outlive the running function: attributes of `self`, parameters, globals and enclosing-scope names. */
  private outlivesFrame(container: Expr, frame: Frame): boolean {
    if (frame.fn === null) return false;
    let root = container;
    while (root.kind === "attribute" || root.kind === "subscript") root = root.value;
    if (root.kind !== "name") return false;
    if (root.id === "self") return true;
    if (frame.fn.def.params.some((p) => p.name === root.id)) return true;
    return !frame.scope.locals.has(root.id) || frame.scope.globals.has(root.id) || frame.scope.nonlocals.has(root.id);
  }

  /** `del x` or rebinding `x`: does another live name still hold x's buffer? (NV002, NV001) */
  private recordRelease(how: "del" | "rebind", target: NameExpr, env: Env, frame: Frame, newValue: Value | null): void {
    if (this.events === null) return;
    const key = `release:${target.start}:${target.end}`;
    const old = env.get(target.id);
    if (old === undefined || old.t !== "array" || !old.a.certain || !this.isOwner(old.a)) return this.putEvent(key, null);
    const a = old.a;
    if (how === "rebind") {
      // In loops the holders are usually rebound on the next lines too; only straight-line rebinding is judged.
      if (this.loopSpans.some((l) => within(target, l))) return this.putEvent(key, null);
      if (newValue !== null && newValue.t === "array" && this.heap.maySame(newValue.a.buf, a.buf)) return this.putEvent(key, null);
    }
    const holders: Holder[] = [];
    for (const [n, w] of this.liveArrays(target.id, env, frame)) {
      if (w === null || n.endsWith("[]")) continue;
      const sites = this.bindingSites.get(frame);
      if (this.heap.mustSame(w.obj, a.obj) || w.sameAs.includes(target.id)) {
        holders.push({ name: n, relation: "alias", view: this.viewFacts(w), bindingSite: sites?.get(n) ?? null });
      } else if (this.heap.mustSame(w.buf, a.buf) || w.sharesWith.includes(target.id)) {
        holders.push({ name: n, relation: "view", view: this.viewFacts(w), bindingSite: sites?.get(n) ?? null });
      }
    }
    if (holders.length === 0) return this.putEvent(key, null);
    this.putEvent(key, {
      kind: "release",
      how,
      name: target.id,
      at: { start: target.start, end: target.end },
      buffer: this.bufferFacts(a, env, frame, target.id),
      holders,
      gcFollows: how === "del" && isGcCollect(this.nextStmt),
    });
  }

  /** `x.copy()`, `np.copy(x)`, `np.array(x)`: is `x` already a fresh array nothing else holds? (NV005) */
  private recordCopy(entryName: string, e: Extract<Expr, { kind: "call" }>, args: BoundArgs): void {
    if (this.events === null || this.text === null) return;
    const method = entryName === "ndarray.copy";
    let sourceExpr: Expr;
    if (method) {
      if (e.func.kind !== "attribute") return;
      sourceExpr = e.func.value;
    } else {
      const first = e.args[0];
      if (first === undefined || first.name !== null || first.star !== "") return;
      sourceExpr = first.value;
    }
    const second = e.args[1];
    const plain = method
      ? e.args.length === 0
      : e.args.length === 1 ||
        (entryName === "numpy.array" && e.args.length === 2 && second?.name === "copy" && second.value.kind === "const" && second.value.value === "True");
    const source = method ? args.self : args.positional[0];
    const fresh =
      source !== null &&
      source !== undefined &&
      source.t === "array" &&
      source.a.certain &&
      sourceExpr.kind !== "name" &&
      source.a.obj === `s${siteOf(sourceExpr)}#o` &&
      this.isOwner(source.a) &&
      this.heap.allLocal(source.a.buf);
    let removal: CopyEvent["removal"] = null;
    if (method) {
      const dot = this.text.lastIndexOf(".", e.func.end - "copy".length);
      if (dot >= sourceExpr.end) removal = { span: { start: dot, end: e.end }, newText: "" };
    } else {
      const inner = this.text.slice(sourceExpr.start, sourceExpr.end);
      const before = this.text.slice(Math.max(0, e.start - 16), e.start).trimEnd();
      const after = this.text.slice(e.end, e.end + 16).replace(/^[ \t]+/, "");
      const standsAlone = /(?:[^=!<>]=|[(,[]|\breturn)$/.test(before) && /^(?:$|[\r\n)\],#])/.test(after);
      removal = { span: { start: e.start, end: e.end }, newText: isPrimary(sourceExpr) || standsAlone ? inner : `(${inner})` };
    }
    this.putEvent(`copy:${e.start}:${e.end}`, {
      kind: "copy",
      form: method ? "method" : "function",
      entry: entryName,
      at: { start: e.start, end: e.end },
      source: { start: sourceExpr.start, end: sourceExpr.end },
      fresh,
      plain,
      removal,
    });
  }

  /** The rules' events, in source order, with `readLater` decided now that every scope has run. */
  /** The events this run recorded itself (their `readLater` decided now that every scope has run). */
  freshEvents(): EngineEvent[] {
    if (this.events === null) return [];
    for (const p of this.pendingWrites.values()) {
      const ev = this.events.get(p.key);
      if (ev === undefined || ev.kind !== "write") continue;
      const reads = this.reads.get(p.frame);
      const later = p.names.some((n) => {
        const offsets = reads?.get(n);
        if (offsets === undefined) return false;
        for (const o of offsets) if (o > p.after || p.loops.some((l) => o >= l.start && o < l.end)) return true;
        return false;
      });
      this.events.set(p.key, { ...ev, readLater: later });
    }
    return [...this.events.values()];
  }

  // ------------------------------------------------------------ operators and indexing

  private binary(op: string, l: Value, r: Value, e?: Expr): Value {
    if (l.t === "int" && r.t === "int") return intValue(intArithmetic(op, l.v, r.v));
    if ((l.t === "int" || l.t === "float") && (r.t === "int" || r.t === "float")) {
      if (op === "/" || l.t === "float" || r.t === "float") return { t: "float", v: null };
      return intValue(null);
    }
    if (l.t === "tuple" && r.t === "tuple" && op === "+")
      return l.items === null || r.items === null ? { t: "tuple", items: null } : { t: "tuple", items: [...l.items, ...r.items] };
    if (l.t === "list" && r.t === "list" && op === "+") return { t: "list", items: null };
    if (l.t === "array" || r.t === "array") {
      if (op === "@") {
        const both = l.t === "array" && r.t === "array" && l.a.certain && r.a.certain;
        const ranks = [l, r].map((v) => (v.t === "array" && v.a.shape !== null ? v.a.shape.length : null));
        if (!both || ranks.some((k) => k === null || k < 2)) return UNKNOWN;
        return e === undefined ? UNKNOWN : this.fromOp({ r: "new", facts: { shape: null, dtype: promote2(l, r), writeable: true } }, e, "operator");
      }
      if (l.t !== "array" && !["int", "float", "bool", "scalar"].includes(l.t)) return UNKNOWN;
      if (r.t !== "array" && !["int", "float", "bool", "scalar"].includes(r.t)) return UNKNOWN;
      const compare = ["<", "<=", ">", ">=", "==", "!="].includes(op);
      const result = elementwise([l, r], compare ? "bool" : undefined, op);
      return e === undefined ? (result.r === "value" ? result.value : UNKNOWN) : this.fromOp(result, e, "operator");
    }
    if (l.t === "unknown" || r.t === "unknown") return UNKNOWN;
    if (l.t === "scalar" || r.t === "scalar") return { t: "scalar", dtype: null };
    return OTHER;
  }

  private subscript(container: Value, index: Value, e: Extract<Expr, { kind: "subscript" }>): Value {
    if (container.t === "tuple" || container.t === "list") {
      if (index.t === "int" && index.v !== null && container.items !== null) {
        const i = index.v < 0 ? index.v + container.items.length : index.v;
        return container.items[i] ?? UNKNOWN;
      }
      if (index.t === "slice") return { t: container.t, items: null };
      return container.items !== null && container.items.every((v) => v.t === "int") ? intValue(null) : UNKNOWN;
    }
    if (container.t === "qname" && container.q === "numpy.s_") return index;
    if (container.t !== "array") return container.t === "other" ? UNKNOWN : UNKNOWN;
    const a = container.a;
    // NOTE: a parameter may not be an ndarray; basic indexing still yields a (possibly-array) value for summaries.
    const items = index.t === "tuple" ? index.items : [index];
    if (items === null) return UNKNOWN;
    type Item =
      | { k: "int"; v: number | null }
      | { k: "slice"; s: Extract<Value, { t: "slice" }> }
      | { k: "newaxis" }
      | { k: "ellipsis" }
      | { k: "advanced"; v: Value }
      | { k: "unknown" };
    const parsed: Item[] = items.map((v): Item => {
      switch (v.t) {
        case "int":
          return { k: "int", v: v.v };
        case "slice":
          return { k: "slice", s: v };
        case "none":
          return { k: "newaxis" };
        case "ellipsis":
          return { k: "ellipsis" };
        case "list":
          return { k: "advanced", v };
        case "tuple":
          return { k: "advanced", v };
        case "bool":
          return { k: "advanced", v };
        case "array":
          return v.a.certain && v.a.shape !== null && v.a.shape.length >= 1 ? { k: "advanced", v } : { k: "unknown" };
        case "scalar":
          return v.dtype !== null && /int/.test(v.dtype) ? { k: "int", v: null } : { k: "unknown" };
        default:
          return { k: "unknown" };
      }
    });
    if (parsed.some((p) => p.k === "unknown")) return UNKNOWN;
    if (!a.certain && (parsed.some((p) => p.k === "advanced") || parsed.every((p) => p.k === "int"))) return UNKNOWN;
    if (parsed.some((p) => p.k === "advanced")) {
      const shape = this.advancedShape(a, parsed as never);
      return this.fromOp({ r: "new", facts: { shape, dtype: a.dtype, strides: null, c: null, f: null, writeable: true } }, e, "indexing.advanced");
    }
    const isScalar = parsed.every((p) => p.k === "int");
    if (isScalar) {
      if (a.shape === null) return UNKNOWN;
      if (parsed.length === a.shape.length) return { t: "scalar", dtype: a.dtype };
      if (parsed.length > a.shape.length) return UNKNOWN;
    }
    // Basic indexing: a view. It shows only part of the source when an index or a bound selects.
    const bounded = (v: Value, full: number): boolean => v.t !== "none" && !(v.t === "int" && v.v === full);
    const smaller = parsed.some((p) => p.k === "int" || (p.k === "slice" && (bounded(p.s.lower, 0) || p.s.upper.t !== "none" || bounded(p.s.step, 1))));
    const part = smaller ? { smaller: true } : {};
    const l = knownLayout(a);
    const item = itemSize(a.dtype);
    const basic: layout.BasicIndexItem[] = [];
    let exact = l !== null && item !== null;
    for (const p of parsed) {
      if (p.k === "int") {
        if (p.v === null) exact = false;
        else basic.push({ kind: "int", value: p.v });
      } else if (p.k === "slice") {
        const part = (v: Value): number | undefined | null => (v.t === "none" ? undefined : v.t === "int" ? v.v : null);
        const start = part(p.s.lower);
        const stop = part(p.s.upper);
        const step = part(p.s.step);
        if (start === null || stop === null || step === null) exact = false;
        else
          basic.push({
            kind: "slice",
            ...(start !== undefined ? { start } : {}),
            ...(stop !== undefined ? { stop } : {}),
            ...(step !== undefined ? { step } : {}),
          });
      } else if (p.k === "newaxis") basic.push({ kind: "newaxis" });
      else if (p.k === "ellipsis") basic.push({ kind: "ellipsis" });
    }
    if (exact && l !== null) {
      let result: ReturnType<typeof layout.basicIndex>;
      try {
        result = layout.basicIndex(l, basic);
      } catch {
        result = undefined;
      }
      if (result === undefined) return UNKNOWN;
      if (result.scalar) return { t: "scalar", dtype: a.dtype };
      return this.fromOp(
        { r: "view", source: container, facts: { ...viewLayout(a, result.layout.shape, result.layout.strides), ...part } },
        e,
        "indexing.basic",
      );
    }
    return this.fromOp(
      { r: "view", source: container, facts: { shape: this.basicShape(a, parsed as never), strides: null, c: null, f: null, ...part } },
      e,
      "indexing.basic",
    );
  }

  /** Shape after basic indexing when strides are not all known. */
  private basicShape(
    a: ArrayFacts,
    parsed: ({ k: "int" } | { k: "slice"; s: Extract<Value, { t: "slice" }> } | { k: "newaxis" } | { k: "ellipsis" })[],
  ): Dim[] | null {
    if (a.shape === null) return null;
    const used = parsed.filter((p) => p.k === "int" || p.k === "slice").length;
    if (used > a.shape.length) return null;
    const ellipsisAt = parsed.findIndex((p) => p.k === "ellipsis");
    const expanded = ellipsisAt < 0 ? [...parsed, { k: "ellipsis" as const }] : parsed;
    const out: Dim[] = [];
    let axis = 0;
    for (const p of expanded) {
      if (p.k === "newaxis") out.push(1);
      else if (p.k === "ellipsis") {
        const fill = a.shape.length - used;
        for (let i = 0; i < fill; i++) out.push(a.shape[axis++] ?? null);
      } else if (p.k === "int") axis++;
      else {
        const len = a.shape[axis++] ?? null;
        const part = (v: Value): number | undefined | null => (v.t === "none" ? undefined : v.t === "int" ? v.v : null);
        const start = part(p.s.lower);
        const stop = part(p.s.upper);
        const step = part(p.s.step);
        if (len === null || start === null || stop === null || step === null) out.push(null);
        else {
          try {
            out.push(
              layout.sliceDim({
                length: len,
                ...(start !== undefined ? { start } : {}),
                ...(stop !== undefined ? { stop } : {}),
                ...(step !== undefined ? { step } : {}),
              }).length,
            );
          } catch {
            return null;
          }
        }
      }
    }
    return out;
  }

  /** Shape of an advanced-indexing result in the simple cases (one index array or mask, the rest full slices). */
  private advancedShape(a: ArrayFacts, parsed: { k: string; v?: Value; s?: Extract<Value, { t: "slice" }> }[]): Dim[] | null {
    if (a.shape === null || parsed.length !== 1) return null;
    const only = parsed[0];
    if (only?.k !== "advanced" || only.v === undefined) return null;
    const v = only.v;
    if (v.t === "list" && v.items !== null) {
      if (v.items.every((x) => x.t === "int")) return [v.items.length, ...a.shape.slice(1)];
      if (v.items.length > 0 && v.items.every((x) => x.t === "bool")) return null;
      return null;
    }
    if (v.t === "array" && v.a.dtype === "bool") {
      if (v.a.shape !== null && v.a.shape.length === a.shape.length) return [null];
      return null;
    }
    if (v.t === "array" && v.a.dtype !== null && /int/.test(v.a.dtype) && v.a.shape !== null) return [...v.a.shape, ...a.shape.slice(1)];
    return null;
  }

  // ------------------------------------------------------------ iteration

  private elementOf(iterable: Value, iterExpr: Expr, frame: Frame): Value {
    void frame;
    if (iterable.t === "qname" && iterable.q === "builtins.range") return intValue(null);
    if (iterable.t === "tuple" || iterable.t === "list") {
      if (iterable.items === null || iterable.items.length === 0) return UNKNOWN;
      let v = iterable.items[0] ?? UNKNOWN;
      for (const item of iterable.items.slice(1)) v = joinValues(this.heap, `iter${iterExpr.start}`, v, item);
      return this.stripNames(v);
    }
    if (iterable.t === "array" && iterable.a.certain && iterable.a.shape !== null) {
      if (iterable.a.shape.length === 1) return { t: "scalar", dtype: iterable.a.dtype };
      return { t: "method", self: iterable, name: "__row__" };
    }
    if (iterExpr.kind === "call" && iterExpr.func.kind === "name" && iterExpr.func.id === "range") return intValue(null);
    if (iterExpr.kind === "call" && iterExpr.func.kind === "name" && iterExpr.func.id === "enumerate") return { t: "tuple", items: [intValue(null), UNKNOWN] };
    return UNKNOWN;
  }

  /** For `for row in arr2d`, each iteration binds a new view object. */
  private freshElement(element: Value, target: Expr, env: Env): Value {
    if (element.t === "method" && element.name === "__row__") {
      this.envStack.push(env);
      try {
        return this.rowOf(element.self, target);
      } finally {
        this.envStack.pop();
      }
    }
    return element;
  }

  private rowOf(arrayValue: Value, at: Expr): Value {
    const a = arrayOf(arrayValue);
    if (a === null || !a.certain || a.shape === null || a.shape.length === 0) return UNKNOWN;
    if (a.shape.length === 1) return { t: "scalar", dtype: a.dtype };
    const l = knownLayout(a);
    const facts =
      l !== null
        ? viewLayout(a, l.shape.slice(1), l.strides.slice(1))
        : { shape: a.shape.slice(1), strides: a.strides?.slice(1) ?? null, c: a.c === true ? true : null, f: null };
    return this.fromOp({ r: "view", source: arrayValue, facts }, at, "iteration");
  }
}

function targetNames(targets: readonly Expr[]): string[] {
  const out: string[] = [];
  const visit = (t: Expr): void => {
    if (t.kind === "name") out.push(t.id);
    else if (t.kind === "tuple" || t.kind === "list") t.elts.forEach(visit);
    else if (t.kind === "starred") visit(t.value);
  };
  targets.forEach(visit);
  return out;
}

function definedOnly(facts: Partial<ArrayFacts>): Partial<ArrayFacts> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(facts)) if (v !== undefined && k !== "writeable") out[k] = v;
  return out as Partial<ArrayFacts>;
}

const addEntry = (entries: readonly string[], name: string): readonly string[] => (entries.includes(name) ? entries : [...entries, name]);

function promote2(l: Value, r: Value): string | null {
  const a = l.t === "array" ? l.a.dtype : null;
  const b = r.t === "array" ? r.a.dtype : null;
  return a !== null && a === b ? a : null;
}

function intArithmetic(op: string, a: number | null, b: number | null): number | null {
  if (a === null || b === null) return null;
  switch (op) {
    case "+":
      return a + b;
    case "-":
      return a - b;
    case "*":
      return a * b;
    case "//":
      return b === 0 ? null : Math.floor(a / b);
    case "%":
      return b === 0 ? null : ((a % b) + b) % b;
    case "**":
      return b < 0 ? null : a ** b;
    case "<<":
      return b < 0 || b > 52 ? null : a * 2 ** b;
    case ">>":
      return b < 0 ? null : Math.floor(a / 2 ** b);
    default:
      return null;
  }
}

function lenOf(v: Value | undefined): number | null {
  if (v === undefined) return null;
  if ((v.t === "tuple" || v.t === "list") && v.items !== null) return v.items.length;
  if (v.t === "array" && v.a.shape !== null && v.a.shape.length > 0) return v.a.shape[0] ?? null;
  return null;
}

function pathOf(e: Expr): string | null {
  if (e.kind === "name") return e.id;
  if (e.kind === "attribute") {
    const base = pathOf(e.value);
    return base === null ? null : `${base}.${e.attr}`;
  }
  return null;
}

function builtin(name: string): Value {
  if (name === "range") return { t: "qname", q: "builtins.range" };
  if (name === "float" || name === "int" || name === "bool" || name === "complex") return { t: "dtype", name: DTYPE_NAMES[name] ?? null };
  return UNKNOWN;
}

/** Canonical qualified names: submodule spellings of the same function map to one table name. */
function canonical(q: string): string {
  if (q.startsWith("numpy.lib._stride_tricks_impl.")) return `numpy.lib.stride_tricks.${q.slice("numpy.lib._stride_tricks_impl.".length)}`;
  if (q === "numpy.ndarray" || q === "numpy.typing.NDArray") return q;
  return q;
}

function isTargetName(e: Extract<Expr, { kind: "comprehension" }>, name: string): boolean {
  const check = (t: Expr): boolean =>
    t.kind === "name" ? t.id === name : t.kind === "tuple" || t.kind === "list" ? t.elts.some(check) : t.kind === "starred" ? check(t.value) : false;
  return e.generators.some((g) => check(g.target));
}

function sameEnv(a: Env, b: Env): boolean {
  if (a.size !== b.size) return false;
  for (const [k, v] of a) {
    const w = b.get(k);
    if (w === undefined || !sameValue(v, w)) return false;
  }
  return true;
}

/** Widening after {@link MAX_LOOP_ITERATIONS}: names whose value still changes become unknown. */
function widen(head: Env, next: Env): Env {
  const out: Env = new Map();
  for (const [k, v] of next) {
    const h = head.get(k);
    out.set(k, h !== undefined && sameValue(h, v) ? v : v.t === "array" ? UNKNOWN : v.t === "int" ? intValue(null) : UNKNOWN);
  }
  return out;
}

/** The allocation-site key of an expression: nested expressions that start at the same offset get different sites. */
function siteOf(e: Span): string {
  return `${e.start}_${e.end}`;
}

/** `[:]`, `[...]` and `[::]`: an index that selects everything. */
function isFullIndex(e: Expr): boolean {
  if (e.kind === "slice") return e.lower === null && e.upper === null && (e.step === null || (e.step.kind === "const" && e.step.value === "None"));
  return e.kind === "const" && e.value === "Ellipsis";
}

/** Calls a user would recognise as `gc.collect()`. */
function isGcCollect(stmt: Stmt | null): boolean {
  if (stmt === null || stmt.kind !== "expr" || stmt.value.kind !== "call") return false;
  const f = stmt.value.func;
  return (f.kind === "attribute" && f.attr === "collect" && f.value.kind === "name" && f.value.id === "gc") || (f.kind === "name" && f.id === "collect");
}

const within = (inner: Span, outer: Span): boolean => inner.start >= outer.start && inner.end <= outer.end;

/** Names, calls, subscripts and attributes: `.copy()` can be appended to them, and they can stand alone without parentheses. */
function isPrimary(e: Expr): boolean {
  return e.kind === "name" || e.kind === "call" || e.kind === "subscript" || e.kind === "attribute";
}

const unique = (xs: readonly string[]): string[] => [...new Set(xs)];

/** `pytest.raises(...)`, `self.assertRaises(...)`, `np.testing.assert_raises(...)`: a block expected to fail. */
function expectsError(context: Expr): boolean {
  if (context.kind !== "call") return false;
  const f = context.func;
  const name = f.kind === "attribute" ? f.attr : f.kind === "name" ? f.id : "";
  return /^(raises|assertRaises|assertRaisesRegex|assert_raises|assert_raises_regex|assertWarns|warns)$/.test(name);
}

/** Every name an expression or statement list mentions (reads and targets), found by walking the syntax objects. */
function namesIn(node: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(node)) {
    for (const item of node) namesIn(item, out);
  } else if (node !== null && typeof node === "object") {
    const n = node as { kind?: string; id?: string };
    if (n.kind === "name" && typeof n.id === "string") out.add(n.id);
    for (const value of Object.values(node)) if (value !== null && typeof value === "object") namesIn(value, out);
  }
  return out;
}

/** How many times each identifier occurs in a text (a function whose name occurs once, in its `def`, is never used). */
function scopeOfFunction(def: FunctionDefStmt): ScopeInfo {
  let scope = functionScopes.get(def);
  if (scope === undefined) {
    scope = collectScope(
      "function",
      def.body,
      def.params.map((p) => p.name),
    );
    functionScopes.set(def, scope);
  }
  return scope;
}

/**
 * A copy of a result (binding, event, expression) sharing nothing but its abstract values (which hold no spans), so
 * that moving it in place moves each span once and touches no other result.
 */
function copyResult<T>(item: T): T {
  const copy = (node: unknown): unknown => {
    if (node === null || typeof node !== "object") return node;
    if (Array.isArray(node)) return node.map(copy);
    const source = node as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const k in source) {
      const v = source[k];
      out[k] = k === "value" || v === null || typeof v !== "object" ? v : copy(v);
    }
    return out;
  };
  return copy(item) as T;
}

/** A span inside a result, which the visitor may move. */
type MovableSpan = { start: number; end: number };

/**
 * Calls `visit` with every span of a result (binding, event, expression): each object with numeric `start` and `end`,
 * inner ones first. Abstract values (`value`) carry heap ids, not spans, and are not entered.
 */
function forEachResultSpan(item: unknown, visit: (span: MovableSpan) => void): void {
  if (item === null || typeof item !== "object") return;
  if (Array.isArray(item)) {
    for (const v of item) forEachResultSpan(v, visit);
    return;
  }
  const record = item as Record<string, unknown>;
  for (const k in record) {
    const v = record[k];
    if (k !== "value" && v !== null && typeof v === "object") forEachResultSpan(v, visit);
  }
  if (typeof record.start === "number" && typeof record.end === "number") visit(record as MovableSpan);
}

/**
 * Moves the spans of a reused result, in place, from where its function was (`from`) by `delta`. Spans outside the
 * function (module-level bases) stay: they are part of the fingerprint, so they have not moved.
 */
function shiftResultInPlace(item: unknown, from: Span, delta: number): void {
  forEachResultSpan(item, (span) => {
    if (span.start >= from.start && span.end <= from.end) {
      span.start += delta;
      span.end += delta;
    }
  });
}

/**
 * True when every span of a result can move across `change`: those inside `own` (where the function's results
 * were, which the caller checked moves as a whole) or else not touching the change.
 */
function resultMovable(item: unknown, change: TextChange, own: readonly Span[]): boolean {
  let movable = true;
  forEachResultSpan(item, ({ start, end }) => {
    if (own.some((o) => start >= o.start && end <= o.end)) return;
    if ((start < change.start && end > change.start) || newOffset(change, start, false) === null || newOffset(change, end, true) === null) movable = false;
  });
  return movable;
}

/** Moves every span of a reused result, in place, across a change of the text (see `parse/text-change.ts`). */
function moveResultInPlace(item: unknown, change: TextChange): void {
  forEachResultSpan(item, (span) => {
    // A reused function's results name only text that did not change: both ends move (or stay) alike.
    span.start = newOffset(change, span.start, false) ?? span.start;
    span.end = newOffset(change, span.end, true) ?? span.end;
  });
}
