// The one pure entry point: source text in, facts out. Used by the CLI, the server, the tests and the benchmarks.
import { type BindingFact, type BindingKind, interpretModule } from "../interpret/interpreter";
import type { EngineEvent } from "../interpret/events";
import { nbytesOf } from "../interpret/domain";
import type { Span } from "../parse/ast";
import { lowerModule } from "../parse/lower";
import { type GrammarFiles, PythonParser } from "../parse/parser";
import { LineIndex } from "./line-index";

export type { BindingKind, BindingFact, EngineEvent };
export type { BufferFacts, CopyEvent, EscapeEvent, Holder, ReleaseEvent, ViewFacts, WriteEvent } from "../interpret/events";

/** What to compute. */
export interface AnalyzeOptions {
  /** List every binding even in files that never import NumPy (explain needs them; diagnostics do not). */
  readonly allBindings?: boolean;
  /** Record the events the rules read (writes, escapes, deletions, copies). */
  readonly events?: boolean;
}

/**
 * One simple-name binding as reported by `numpy-views explain`.
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
}

/** The result of analysing one text. */
export interface Analysis {
  /** The analysed text (fixes and messages quote it). */
  readonly text: string;
  readonly usesNumpy: boolean;
  /** What happened to arrays (writes, escapes, releases, copies), for the rules; empty unless asked for. */
  readonly events: readonly EngineEvent[];
  readonly bindings: readonly BindingReport[];
  readonly syntaxErrors: readonly Span[];
  readonly lines: LineIndex;
}

const NUMPY_IMPORT = /^[ \t]*(?:import[ \t]+numpy\b|from[ \t]+numpy\b|import[ \t]+[\w., \t]*\bnumpy\b)/m;

/** True when the text may import NumPy: the cheap guard that lets other files cost almost nothing. */
export function mayUseNumpy(text: string): boolean {
  return text.includes("numpy") && NUMPY_IMPORT.test(text);
}

/** The analysis engine: holds the loaded parser. Create once with {@link Engine.create}. */
export class Engine {
  private constructor(private readonly parser: PythonParser) {}

  static async create(files?: GrammarFiles): Promise<Engine> {
    return new Engine(await PythonParser.load(files));
  }

  /** Parses only (for benchmarks: the baseline the engine is measured against). */
  parseOnly(text: string): void {
    this.parser.parse(text).delete();
  }

  /** Analyses one module's source text. Never throws on malformed code. */
  analyzeSource(text: string, options: AnalyzeOptions = {}): Analysis {
    const lines = new LineIndex(text);
    const usesNumpy = mayUseNumpy(text);
    if (!usesNumpy && options.allBindings !== true) return { text, usesNumpy, events: [], bindings: [], syntaxErrors: [], lines };
    const tree = this.parser.parse(text);
    let raw;
    try {
      raw = this.parser.toRaw(tree);
    } finally {
      tree.delete();
    }
    const module = lowerModule(raw, text);
    const { bindings, events } = interpretModule(module, { events: options.events === true, text });
    return { text, usesNumpy, events, bindings: bindings.map(toReport), syntaxErrors: module.syntaxErrors, lines };
  }

  dispose(): void {
    this.parser.dispose();
  }
}

function toReport(fact: BindingFact): BindingReport {
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
  };
}
