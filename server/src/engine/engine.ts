// The one pure entry point: source text in, facts out. Used by the CLI, the server, the tests and the benchmarks.
import { type BindingFact, type BindingKind, type BindingReport, interpretModule, toReport, type UnitCache, type UnitInputs } from "../interpret/interpreter";
import type { TextChange } from "../parse/text-change";
import type { EngineEvent } from "../interpret/events";
import type { Module, Span } from "../parse/ast";
import { lowerModule } from "../parse/lower";
import { editBetween, type GrammarFiles, PythonParser } from "../parse/parser";
import type { Edit, Tree } from "web-tree-sitter";
import { LineIndex } from "./line-index";
import { StatementCache } from "./statements";
import { countIdentifiers, updateIdentifierCounts } from "../semantic/identifiers";

export type { BindingKind, BindingFact, BindingReport, EngineEvent };
export type { BufferFacts, CopyEvent, EscapeEvent, Holder, ReleaseEvent, ViewFacts, WriteEvent } from "../interpret/events";

/** What to compute. */
export interface AnalyzeOptions {
  /** List every binding even in files that never import NumPy (explain needs them; diagnostics do not). */
  readonly allBindings?: boolean;
  /** Record the events the rules read (writes, escapes, deletions, copies). */
  readonly events?: boolean;
  /** Describe every array-valued expression (names, subscripts, calls, attributes, operators), for hovers. */
  readonly expressions?: boolean;
  /**
   * A stable key for a document being edited (an editor's URI): the engine keeps its last syntax tree and re-parses
   * only what changed. The result is the same as without a key, except in code with syntax errors, where tree-sitter's
   * incremental parse may recover from an error differently from a fresh parse (the analysis follows the tree it
   * has). {@link Engine.forget} frees it.
   *
   * NOTE: the result is valid until the next analysis under the same key: that one moves the positions of what it
   * reuses in place (copy anything that must outlive it), and reading `bindings` (made on first read) after it
   * throws. An editor only ever reads its latest analysis.
   */
  readonly document?: string;
}

/** The result of analysing one text. */
export interface Analysis {
  /** The analysed text (fixes and messages quote it). */
  readonly text: string;
  readonly usesNumpy: boolean;
  /** What happened to arrays (writes, escapes, releases, copies), for the rules; empty unless asked for. */
  readonly events: readonly EngineEvent[];
  /**
   * Array-valued expressions described where they are evaluated (empty unless asked for), sorted by start and,
   * among expressions starting together, outermost first. `name` is the expression's dotted path or "".
   */
  readonly expressions: readonly BindingReport[];
  readonly bindings: readonly BindingReport[];
  readonly syntaxErrors: readonly Span[];
  readonly lines: LineIndex;
}

/** The unit cache of a document for one kind of analysis (diagnostics and hovers ask for different facts). */
function unitsKeyOf(document: string, options: AnalyzeOptions): string {
  return `${document}\u0000${options.events === true}:${options.expressions === true}`;
}

/** Syntax trees kept for incremental re-parsing (one per open document). */
const MAX_KEPT_TREES = 64;

const NUMPY_IMPORT = /^[ \t]*(?:import[ \t]+numpy\b|from[ \t]+numpy\b|import[ \t]+[\w., \t]*\bnumpy\b)/m;

/** True when the text may import NumPy: the cheap guard that lets other files cost almost nothing. */
export function mayUseNumpy(text: string): boolean {
  return text.includes("numpy") && NUMPY_IMPORT.test(text);
}

/** What the engine keeps of a document between analyses. */
interface DocumentState {
  readonly text: string;
  /** Its syntax tree, in WebAssembly memory (freed by {@link Engine.forget}). */
  readonly tree: Tree;
  readonly statements: StatementCache;
  /** How often each identifier occurs in the text, kept up to date across edits (unit fingerprints read it). */
  readonly identifiers: Map<string, number>;
  /** Which parse of the engine this text is (the engine counts them), to know what unit results were found in. */
  readonly parse: number;
  /**
   * The parse before this one, and what changed since (undefined: none before). A number, not the text: the text
   * would then live through two keystrokes, long enough for the young collector to promote it now and then.
   */
  readonly previousParse: number | undefined;
  readonly change: TextChange | null | undefined;
}

/** The analysis engine: holds the loaded parser. Create once with {@link Engine.create}. */
export class Engine {
  private constructor(private readonly parser: PythonParser) {}

  /**
   * Per document key, most recently used last: the last text, its tree (in WebAssembly memory) and its lowered
   * top-level statements.
   */
  private readonly documents = new Map<string, DocumentState>();
  /**
   * Per document key and kind of analysis (events, expressions): the last run's reusable function results and the
   * text they were found in (the two kinds run on different versions).
   */
  private readonly units = new Map<string, { readonly cache: UnitCache; readonly text: string; readonly parse: number | undefined }>();
  /** How many document texts were parsed ({@link DocumentState.parse}). */
  private parses = 0;
  /** Per document key and kind of analysis: how many analyses ran (an analysis's bindings are valid while it is the last). */
  private readonly generations = new Map<string, number>();

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
    if (!usesNumpy && options.allBindings !== true) return { text, usesNumpy, events: [], expressions: [], bindings: [], syntaxErrors: [], lines };
    const key = options.document;
    const document = key === undefined ? undefined : this.parseDocument(text, key);
    const module = document === undefined ? this.lowerText(text) : this.lowerDocument(document);
    const unitsKey = key === undefined ? undefined : unitsKeyOf(key, options);
    let result;
    try {
      result = interpretModule(module, {
        events: options.events === true,
        expressions: options.expressions === true,
        text,
        ...(unitsKey === undefined || document === undefined ? {} : { units: this.unitInputs(unitsKey, document) }),
      });
    } catch (error) {
      // Reuse may have moved some of the kept results already: start that document's kind of analysis afresh.
      if (unitsKey !== undefined) this.units.delete(unitsKey);
      throw error;
    }
    const { bindings, events, expressions, units } = result;
    let current = (): boolean => true;
    if (unitsKey !== undefined) {
      this.units.set(unitsKey, { cache: units, text, parse: document?.parse });
      const generation = (this.generations.get(unitsKey) ?? 0) + 1;
      this.generations.set(unitsKey, generation);
      current = () => this.generations.get(unitsKey) === generation;
    }
    // Binding reports are kept per fact only for a document's analyses, whose reused facts come back (a WeakMap costs);
    // expressions come as reports already (the interpreter keeps no facts of them).
    const report = key === undefined ? toReport : reportOf;
    return new AnalysisResult(text, usesNumpy, events, expressions, module.syntaxErrors, lines, bindings, report, current);
  }

  /** What reusing functions needs: the last run's results of this kind, and what changed since their text. */
  private unitInputs(unitsKey: string, document: DocumentState): UnitInputs {
    const { text, identifiers } = document;
    const kept = this.units.get(unitsKey);
    if (kept === undefined) return { previous: new Map(), text, identifiers, change: undefined };
    let change: TextChange | null;
    if (kept.text === text) change = null;
    else if (kept.parse !== undefined && kept.parse === document.previousParse) change = document.change ?? null;
    else {
      change = changeOf(editBetween(kept.text, text));
    }
    return { previous: kept.cache, text, identifiers, change };
  }

  /** Parses and lowers a text with nothing kept. */
  private lowerText(text: string): Module {
    const tree = this.parser.parse(text);
    let raw;
    try {
      raw = this.parser.toRaw(tree);
    } finally {
      tree.delete();
    }
    return lowerModule(raw, text);
  }

  /** Lowers a document's new tree: only the top-level statements that changed are copied and lowered. */
  private lowerDocument(document: DocumentState): Module {
    const { statements } = document;
    try {
      const module = lowerModule(this.parser.toRaw(document.tree, statements.claim), document.text, statements.hooks);
      statements.finish();
      return module;
    } catch (error) {
      statements.clear();
      throw error;
    }
  }

  /** Forgets a document's kept syntax tree (when the editor closes it). */
  forget(document: string): void {
    this.documents.get(document)?.tree.delete();
    this.documents.delete(document);
    for (const events of [false, true]) for (const expressions of [false, true]) this.units.delete(unitsKeyOf(document, { events, expressions }));
  }

  /** Parses a document's new text, re-parsing only what changed, and readies its statements for the analysis. */
  private parseDocument(text: string, key: string): DocumentState {
    const previous = this.documents.get(key);
    const statements = previous?.statements ?? new StatementCache();
    let tree: Tree;
    let identifiers: Map<string, number>;
    let change: TextChange | null | undefined;
    try {
      if (previous === undefined) {
        tree = this.parser.parse(text);
        statements.begin(undefined);
        identifiers = countIdentifiers(text);
      } else {
        const edit = editBetween(previous.text, text);
        change = changeOf(edit);
        const reparsed = this.parser.reparse(text, previous.tree, edit);
        tree = reparsed.tree;
        statements.begin(change, reparsed.changed);
        identifiers = previous.identifiers;
        if (change !== null) updateIdentifierCounts(identifiers, previous.text, text, change);
      }
    } catch (error) {
      statements.clear();
      throw error;
    } finally {
      previous?.tree.delete();
      this.documents.delete(key);
    }
    const document = { text, tree, statements, identifiers, parse: ++this.parses, previousParse: previous?.parse, change };
    this.documents.set(key, document);
    while (this.documents.size > MAX_KEPT_TREES) {
      const [oldest] = this.documents.keys();
      if (oldest === undefined) break;
      this.forget(oldest);
    }
    return document;
  }

  dispose(): void {
    for (const key of [...this.documents.keys()]) this.forget(key);
    this.parser.dispose();
  }
}

/**
 * An analysis whose bindings are made on first read (the rules never read them): reused functions' bindings are moved
 * only then.
 *
 * NOTE: a class, not an object literal with a `get bindings()`: a literal's getter is a new closure per analysis, so
 * every analysis would make a new hidden class holding it, and V8's scavenger keeps what a hidden-class transition
 * holds (weakly, for the full collector) alive. That kept each keystroke's whole interpreter state (reached through
 * the closure) and promoted it to the old generation, about 180 KB per keystroke on a 5,000-line file.
 */
class AnalysisResult implements Analysis {
  private reports: readonly BindingReport[] | undefined;

  constructor(
    readonly text: string,
    readonly usesNumpy: boolean,
    readonly events: readonly EngineEvent[],
    readonly expressions: readonly BindingReport[],
    readonly syntaxErrors: readonly Span[],
    readonly lines: LineIndex,
    private readonly facts: () => readonly BindingFact[],
    private readonly report: (fact: BindingFact) => BindingReport,
    /** False once a newer analysis of the same document ran (the facts have moved since). */
    private readonly current: () => boolean,
  ) {}

  get bindings(): readonly BindingReport[] {
    if (this.reports === undefined) {
      if (!this.current()) throw new Error("numpy-views: bindings read after a newer analysis of the same document (they have moved since)");
      this.reports = this.facts().map(this.report);
    }
    return this.reports;
  }
}

/**
 * Reports by fact: a function's facts reused by the next analysis of a document are the same objects, moved in place,
 * and a report shares its fact's span and site objects, so it moves with them.
 */
const reports = new WeakMap<BindingFact, BindingReport>();

function reportOf(fact: BindingFact): BindingReport {
  let report = reports.get(fact);
  if (report === undefined) reports.set(fact, (report = toReport(fact)));
  return report;
}

/** A tree-sitter edit as the span that changed (null: nothing did). */
function changeOf(edit: Edit | null): TextChange | null {
  return edit === null ? null : { start: edit.startIndex, oldEnd: edit.oldEndIndex, newEnd: edit.newEndIndex };
}
