// The language server: document and notebook sync, debounced push diagnostics, hovers, inlay hints and code actions.
// One instance per connection; tests drive it in-process over a pair of streams, editors through server/src/server.ts.
//
// Diagnostics are PUSHED (textDocument/publishDiagnostics), not pulled. Push works in every client, including
// Neovim 0.7 which has no pull diagnostics; in a notebook one edit changes the findings of other cells (they are one
// program), which push expresses directly; and the server decides when to analyse, which is what a per-document
// debounce needs.
import { VERSION } from "../cli/about";
import {
  type CancellationToken,
  type CodeAction,
  CodeActionKind,
  type CodeActionParams,
  type Connection,
  type Diagnostic,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  type Hover,
  type InitializeParams,
  type InitializeResult,
  type InlayHint,
  type InlayHintParams,
  MarkupKind,
  MessageType,
  NotebookCellKind,
  NotebookDocuments,
  type ServerCapabilities,
  ShowMessageNotification,
  type TextDocumentPositionParams,
  TextDocuments,
  TextDocumentSyncKind,
  type TextEdit as LspTextEdit,
  type WorkspaceEdit,
} from "vscode-languageserver";
import { TextDocument } from "vscode-languageserver-textdocument";
import { fileURLToPath } from "node:url";
import { type BindingReport, Engine } from "../engine/engine";
import { checkText, type CheckResult } from "../rules/check";
import type { Finding, RuleOptions } from "../rules/types";
import { DIAGNOSTIC_SOURCE, DiagnosticCache, toLocation, toTextEdits } from "./convert";
import { factHoverMarkdown } from "./describe";
import { noqaEdit, safeFixes } from "./fixes";
import { hoverAt, needsExpressions } from "./hover";
import { inlayHintsIn } from "./inlay-hints";
import { NO_PROJECT_CONFIG, type ProjectConfig, ProjectConfigs } from "./project-config";
import { DEFAULT_SETTINGS, parseSettings, ruleOptionsFor, type ServerSettings } from "./settings";
import { documentOf, notebookMap, type TextMap, textDocumentMap } from "./text-map";

/** The server's name and version, as reported to clients. */
export const SERVER_NAME = "numpy-views";
export const SERVER_VERSION = VERSION;

/** The code action kind of "apply every safe fix" (`editor.codeActionsOnSave: {"source.fixAll.numpy-views": "explicit"}`). */
export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.numpy-views`;

/**
 * Texts longer than this (UTF-16 code units, about 20,000 lines) are not analysed: analysis is linear and
 * synchronous, about 0.3 s per 120,000 characters here, so a larger text would block the server for seconds.
 */
export const MAX_ANALYZED_CHARS = 500_000;
/** Upper bound of the per-document debounce; the delay follows how long the document's last analysis took. */
export const MAX_DEBOUNCE_MS = 150;
/**
 * Hover facts are prefetched once a document has been idle this long after its diagnostics were published, or twice
 * its last analysis time if longer (the prefetch blocks the server about that long, so it waits for a real pause).
 */
export const PREFETCH_IDLE_MS = 300;

export interface ServerOptions {
  /** A loaded engine to share (tests); by default the server loads its own at initialize and disposes it at shutdown. */
  readonly engine?: Engine;
  /** Overrides {@link MAX_ANALYZED_CHARS}. */
  readonly maxAnalyzedChars?: number;
  /** Overrides {@link MAX_DEBOUNCE_MS}. */
  readonly maxDebounceMs?: number;
  /** Overrides {@link PREFETCH_IDLE_MS}. */
  readonly prefetchIdleMs?: number;
  /**
   * Called after diagnostics of NumPy code were first published: the code a start needs has run (the stdio entry
   * then has a code cache made, boot/code-cache.ts).
   */
  readonly onWarm?: () => void;
}

/** One analysis of one unit (a text document, or a notebook's Python cells) at one version under one configuration. */
interface AnalysisRecord {
  /** The document (or notebook) key: the engine keeps its tree and reusable results under it. */
  readonly key: string;
  readonly versionKey: string;
  readonly map: TextMap;
  readonly settings: ServerSettings;
  readonly project: ProjectConfig;
  readonly options: RuleOptions;
  /** Null when analysis is disabled for the document, the text is too large, or the engine failed. */
  readonly result: CheckResult | null;
  /**
   * Facts about every array-valued expression, for hovers: a second engine pass (about 1.7 times the rules' pass),
   * prefetched once the document is idle or run on the first hover; null until then.
   */
  expressions: readonly BindingReport[] | null;
}

/** Per-unit scheduling state. */
interface UnitState {
  /** The scheduled analysis (a timer inside a burst, else the next turn of the event loop), cancelled by calling it. */
  timer: (() => void) | null;
  /** Pending prefetch of hover facts. */
  prefetch: NodeJS.Timeout | null;
  /** Moving average of this unit's analysis time, which sets its debounce window. */
  costMs: number;
  /** When the unit last changed (performance.now()). */
  changedAt: number;
  record: AnalysisRecord | null;
  publishedRecord: AnalysisRecord | null;
  /** Uris diagnostics were last published for (a notebook's cells). */
  published: Set<string>;
  /** The diagnostics last published, reused for findings that convert to the same diagnostic. */
  readonly diagnostics: DiagnosticCache;
}

/** What the server needs to know about a unit right now; the text map is built only when it is analysed. */
interface UnitSnapshot {
  readonly key: string;
  /** The uri settings and pyproject.toml are looked up for (the file, or the notebook). */
  readonly resource: string;
  readonly versionKey: string;
  build(): TextMap;
}

const SUPPRESS_TITLE = (code: string) => `Suppress ${code} with # noqa`;

/** The numpy-views language server for one client connection. */
export class NumpyViewsServer {
  private readonly documents = new TextDocuments(TextDocument);
  private readonly notebooks = new NotebookDocuments(TextDocument);
  private readonly units = new Map<string, UnitState>();
  private readonly settingsCache = new Map<string, Promise<ServerSettings>>();
  private readonly projectConfigs = new ProjectConfigs();
  private readonly loggedOnce = new Set<string>();
  private globalSettings: ServerSettings;
  private disposed = false;
  /** Whether diagnostics of NumPy code were published yet ({@link ServerOptions.onWarm}). */
  private warm = false;

  private readonly connection: Connection;
  private readonly engine: Engine;
  private readonly ownsEngine: boolean;
  private readonly client: InitializeParams["capabilities"];
  private readonly options: ServerOptions;

  private constructor(init: { connection: Connection; engine: Engine; ownsEngine: boolean; params: InitializeParams; options: ServerOptions }) {
    this.connection = init.connection;
    this.engine = init.engine;
    this.ownsEngine = init.ownsEngine;
    this.client = init.params.capabilities;
    this.options = init.options;
    // Clients without workspace/configuration may send settings here (and in didChangeConfiguration).
    const fromInit = (init.params.initializationOptions as { settings?: unknown } | null | undefined)?.settings;
    const parsed = parseSettings(fromInit);
    this.globalSettings = parsed.settings;
    parsed.problems.forEach((p) => this.warnOnce(p));
  }

  /** Answers `initialize`: loads the engine (unless one is given) and returns the server ready to {@link register}. */
  static async initialize(connection: Connection, params: InitializeParams, options: ServerOptions = {}): Promise<NumpyViewsServer> {
    const engine = options.engine ?? (await Engine.create());
    return new NumpyViewsServer({ connection, engine, ownsEngine: options.engine === undefined, params, options });
  }

  /** What this server offers; the `capabilities` of the initialize result. */
  capabilities(): ServerCapabilities {
    return {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      // NOTE: markdown cells are synced too (and skipped when analysing), so "cell N" counts every cell as the editor does.
      notebookDocumentSync: {
        notebookSelector: [{ notebook: { notebookType: "jupyter-notebook" }, cells: [{ language: "python" }, { language: "markdown" }] }],
      },
      hoverProvider: true,
      inlayHintProvider: { resolveProvider: false },
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: false },
    };
  }

  /** The full initialize result. */
  initializeResult(): InitializeResult {
    return { capabilities: this.capabilities(), serverInfo: { name: SERVER_NAME, version: SERVER_VERSION } };
  }

  /** Installs every handler (except `initialize`, answered by {@link startServer}) on the connection. */
  register(connection: Connection = this.connection): void {
    this.documents.listen(connection);
    this.notebooks.listen(connection);
    this.documents.onDidOpen((e) => this.safely({ what: "didOpen", uri: e.document.uri }, () => this.schedule(e.document.uri, true)));
    this.documents.onDidChangeContent((e) => this.safely({ what: "didChange", uri: e.document.uri }, () => this.schedule(e.document.uri)));
    this.documents.onDidClose((e) => this.safely({ what: "didClose", uri: e.document.uri }, () => this.close(e.document.uri)));
    this.notebooks.onDidOpen((nb) => this.safely({ what: "notebookDocument/didOpen", uri: nb.uri }, () => this.schedule(nb.uri, true)));
    this.notebooks.onDidChange((e) =>
      this.safely({ what: "notebookDocument/didChange", uri: e.notebookDocument.uri }, () => this.schedule(e.notebookDocument.uri)),
    );
    this.notebooks.onDidClose((nb) => this.safely({ what: "notebookDocument/didClose", uri: nb.uri }, () => this.close(nb.uri)));

    connection.onInitialized(() => this.safely({ what: "initialized", uri: null }, () => this.registerDynamically()));
    connection.onDidChangeConfiguration((params) =>
      this.safely({ what: "didChangeConfiguration", uri: null }, () => this.configurationChanged(params.settings)),
    );
    connection.onDidChangeWatchedFiles((params) =>
      this.safely({ what: "didChangeWatchedFiles", uri: null }, () => {
        if (params.changes.some((c) => c.uri.endsWith("pyproject.toml"))) {
          this.projectConfigs.invalidate();
          this.reanalyzeAll();
        }
      }),
    );
    connection.onHover((params, token) => this.guarded({ what: "hover", uri: params.textDocument.uri, fallback: null }, () => this.hover(params, token)));
    connection.languages.inlayHint.on((params, token) =>
      this.guarded({ what: "inlayHint", uri: params.textDocument.uri, fallback: [] }, () => this.inlayHints(params, token)),
    );
    connection.onCodeAction((params, token) =>
      this.guarded({ what: "codeAction", uri: params.textDocument.uri, fallback: [] }, () => this.codeActions(params, token)),
    );
    connection.onShutdown(() => this.dispose());
  }

  /** Stops timers and frees the engine (if this server loaded it). */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const state of this.units.values()) this.clearTimers(state);
    this.units.clear();
    if (this.ownsEngine) this.engine.dispose();
  }

  // ---- configuration -------------------------------------------------------------------------------------------

  private get supportsConfiguration(): boolean {
    return this.client.workspace?.configuration === true;
  }

  private registerDynamically(): void {
    const workspace = this.client.workspace;
    if (workspace?.didChangeConfiguration?.dynamicRegistration === true) {
      void this.connection.client.register(DidChangeConfigurationNotification.type, { section: "numpy-views" });
    }
    if (workspace?.didChangeWatchedFiles?.dynamicRegistration === true) {
      void this.connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: "**/pyproject.toml" }] });
    }
  }

  private configurationChanged(settings: unknown): void {
    if (!this.supportsConfiguration) {
      const section = (settings as Record<string, unknown> | null | undefined)?.["numpy-views"];
      const parsed = parseSettings(section);
      this.globalSettings = parsed.settings;
      parsed.problems.forEach((p) => this.warnOnce(p));
    }
    this.settingsCache.clear();
    this.reanalyzeAll();
  }

  /** The settings for a resource (a file or notebook uri), asked of the client once per configuration change. */
  private settingsFor(resource: string): Promise<ServerSettings> {
    if (!this.supportsConfiguration) return Promise.resolve(this.globalSettings);
    let cached = this.settingsCache.get(resource);
    if (cached === undefined) {
      cached = this.connection.workspace.getConfiguration({ scopeUri: resource, section: "numpy-views" }).then(
        (raw: unknown) => {
          const parsed = parseSettings(raw);
          parsed.problems.forEach((p) => this.warnOnce(p));
          return parsed.settings;
        },
        (error: unknown) => {
          this.warnOnce(`cannot read settings (${error instanceof Error ? error.message : String(error)}); using defaults`);
          return DEFAULT_SETTINGS;
        },
      );
      this.settingsCache.set(resource, cached);
    }
    return cached;
  }

  private projectFor(resource: string): ProjectConfig {
    if (!resource.startsWith("file:")) return NO_PROJECT_CONFIG;
    let filePath: string;
    try {
      filePath = fileURLToPath(resource);
    } catch {
      return NO_PROJECT_CONFIG;
    }
    const config = this.projectConfigs.forFile(filePath);
    if (config.problem !== null && !this.loggedOnce.has(config.problem)) {
      this.warnOnce(config.problem);
      void this.connection.sendNotification(ShowMessageNotification.type, {
        type: MessageType.Warning,
        message: `numpy-views: ${config.problem} (using the default configuration)`,
      });
    }
    return config;
  }

  /** Re-analyses every open unit now and asks the client to refresh inlay hints (settings or pyproject.toml changed). */
  private reanalyzeAll(): void {
    for (const key of this.units.keys()) this.schedule(key, true);
    if (this.client.workspace?.inlayHint?.refreshSupport === true) {
      this.connection.languages.inlayHint.refresh().catch(() => undefined);
    }
  }

  // ---- units: text documents and notebooks ---------------------------------------------------------------------

  /** The unit a document uri belongs to: the notebook of a cell, or the text document itself. */
  private unitKeyOf(uri: string): string | undefined {
    const notebook = this.notebooks.findNotebookDocumentForCell(uri);
    if (notebook !== undefined) return notebook.uri;
    if (this.notebooks.getNotebookDocument(uri) !== undefined) return uri;
    return this.documents.get(uri) !== undefined ? uri : undefined;
  }

  private snapshot(key: string): UnitSnapshot | null {
    const notebook = this.notebooks.getNotebookDocument(key);
    if (notebook !== undefined) {
      const cells: { uri: string; version: number; text: string; label: string }[] = [];
      notebook.cells.forEach((cell, index) => {
        if (cell.kind !== NotebookCellKind.Code) return;
        const doc = this.notebooks.getCellTextDocument(cell);
        if (doc === undefined || doc.languageId !== "python") return;
        cells.push({ uri: doc.uri, version: doc.version, text: doc.getText(), label: `cell ${index + 1}` });
      });
      return {
        key,
        resource: key,
        versionKey: `${notebook.version}:${cells.map((c) => `${c.uri}@${c.version}`).join(",")}`,
        build: () => notebookMap(cells),
      };
    }
    const doc = this.documents.get(key);
    if (doc === undefined) return null;
    return { key, resource: key, versionKey: String(doc.version), build: () => textDocumentMap({ uri: doc.uri, version: doc.version, text: doc.getText() }) };
  }

  private state(key: string): UnitState {
    let state = this.units.get(key);
    if (state === undefined) {
      state = {
        timer: null,
        prefetch: null,
        costMs: 0,
        changedAt: -Infinity,
        record: null,
        publishedRecord: null,
        published: new Set(),
        diagnostics: new DiagnosticCache(),
      };
      this.units.set(key, state);
    }
    return state;
  }

  /**
   * Schedules diagnostics for a unit. Per-unit debounce with a leading edge: a change after a quiet spell is
   * analysed at once; changes that follow each other within the unit's window (as long as its last analysis took,
   * capped by {@link MAX_DEBOUNCE_MS}) wait until the typing pauses for that long. Edits already queued are
   * coalesced either way: only the newest version is analysed.
   */
  private schedule(key: string, immediately = false): void {
    if (this.disposed) return;
    const state = this.state(key);
    this.clearTimers(state);
    const window = Math.min(this.options.maxDebounceMs ?? MAX_DEBOUNCE_MS, Math.round(state.costMs));
    const now = performance.now();
    const burst = now - state.changedAt < window;
    state.changedAt = now;
    const delay = immediately || !burst ? 0 : window;
    const run = () => {
      state.timer = null;
      void this.publishDiagnostics(key);
    };
    // NOTE: not `setTimeout(run, 0)`, which waits at least 1 ms: most edits are analysed at once.
    if (delay === 0) {
      const immediate = setImmediate(run);
      state.timer = () => clearImmediate(immediate);
    } else {
      const timeout = setTimeout(run, delay);
      state.timer = () => clearTimeout(timeout);
    }
  }

  private close(key: string): void {
    const state = this.units.get(key);
    if (state === undefined) return;
    this.clearTimers(state);
    for (const uri of state.published) void this.connection.sendDiagnostics({ uri, diagnostics: [] });
    this.units.delete(key);
    this.engine.forget(key);
  }

  private clearTimers(state: UnitState): void {
    state.timer?.();
    if (state.prefetch !== null) clearTimeout(state.prefetch);
    state.timer = null;
    state.prefetch = null;
  }

  /**
   * The analysis of a unit's current version, from the cache when the version, settings and pyproject.toml are
   * unchanged. Null when the unit is not open or the request was cancelled before the analysis started.
   */
  private async analysis(key: string, token?: CancellationToken): Promise<AnalysisRecord | null> {
    const first = this.snapshot(key);
    if (first === null) return null;
    const settings = await this.settingsFor(first.resource);
    // The document may have changed or closed while the settings were being fetched.
    const snap = this.snapshot(key);
    if (snap === null || this.disposed || token?.isCancellationRequested === true) return null;
    const project = this.projectFor(snap.resource);
    const state = this.state(key);
    const cached = state.record;
    if (cached !== null && cached.versionKey === snap.versionKey && cached.settings === settings && cached.project === project) return cached;
    if (token !== undefined) {
      // Let a `$/cancelRequest` already on the wire be read before paying for an analysis (hovers are often cancelled).
      await new Promise((resolve) => setImmediate(resolve));
      if (token.isCancellationRequested) return null;
      if (this.snapshot(key)?.versionKey !== snap.versionKey) return this.analysis(key);
    }
    const record = this.analyze({ snap, settings, project, state });
    state.record = record;
    return record;
  }

  private analyze(input: { snap: UnitSnapshot; settings: ServerSettings; project: ProjectConfig; state: UnitState }): AnalysisRecord {
    const { snap, settings, project, state } = input;
    const map = snap.build();
    const options = ruleOptionsFor(settings, project.options);
    const record = (result: CheckResult | null): AnalysisRecord => ({
      key: snap.key,
      versionKey: snap.versionKey,
      map,
      settings,
      project,
      options,
      result,
      expressions: null,
    });
    if (!settings.enable) return record(null);
    if (project.excluded) {
      this.infoOnce(`${snap.key}: not analysed: excluded by \`exclude\` in ${project.file ?? "pyproject.toml"}`);
      return record(null);
    }
    const limit = this.options.maxAnalyzedChars ?? MAX_ANALYZED_CHARS;
    if (map.text.length > limit) {
      this.warnOnce(`${snap.key}: not analysed: longer than the limit of ${limit} characters`);
      return record(null);
    }
    const started = performance.now();
    try {
      // The document key lets the engine re-parse only what the edit changed (same result as a fresh parse).
      const result = checkText(this.engine, map.text, options, { document: snap.key });
      const elapsed = performance.now() - started;
      state.costMs = state.costMs === 0 ? elapsed : (state.costMs + elapsed) / 2;
      if (elapsed > 1000) this.connection.console.info(`${snap.key}: analysed ${map.text.length} characters in ${Math.round(elapsed)} ms`);
      return record(result);
    } catch (error) {
      this.connection.console.error(`${snap.key}: analysis failed: ${describeError(error)}`);
      return record(null);
    }
  }

  private async publishDiagnostics(key: string): Promise<void> {
    let record: AnalysisRecord | null;
    try {
      record = await this.analysis(key);
    } catch (error) {
      this.connection.console.error(`${key}: diagnostics failed: ${describeError(error)}`);
      return;
    }
    const state = this.units.get(key);
    if (record === null || state === undefined || state.publishedRecord === record) return;
    const byUri = new Map<string, Diagnostic[]>();
    for (const doc of record.map.documents) byUri.set(doc.uri, []);
    for (const finding of record.result?.findings ?? []) {
      const { uri, diagnostic } = state.diagnostics.diagnosticOf(record.map, finding);
      byUri.get(uri)?.push(diagnostic);
    }
    for (const doc of record.map.documents) {
      void this.connection.sendDiagnostics({ uri: doc.uri, version: doc.version, diagnostics: byUri.get(doc.uri) ?? [] });
    }
    for (const uri of state.published) if (!byUri.has(uri)) void this.connection.sendDiagnostics({ uri, diagnostics: [] });
    state.diagnostics.publish();
    state.published = new Set(byUri.keys());
    state.publishedRecord = record;
    if (!this.warm && record.result?.analysis.usesNumpy === true) {
      this.warm = true;
      this.safely({ what: "warm", uri: key }, () => this.options.onWarm?.());
    }
    if (state.prefetch !== null) clearTimeout(state.prefetch);
    state.prefetch = null;
    if (record.result?.analysis.usesNumpy === true && record.expressions === null) {
      state.prefetch = setTimeout(
        () => {
          state.prefetch = null;
          if (state.record === record) this.safely({ what: "prefetch", uri: key }, () => this.expressionsOf(record));
        },
        Math.max(this.options.prefetchIdleMs ?? PREFETCH_IDLE_MS, 2 * state.costMs),
      );
    }
  }

  /** The expression facts of an analysis, computed on first use. */
  private expressionsOf(record: AnalysisRecord): readonly BindingReport[] {
    if (record.expressions !== null) return record.expressions;
    let expressions: readonly BindingReport[] = [];
    if (record.result?.analysis.usesNumpy === true) {
      try {
        expressions = this.engine.analyzeSource(record.map.text, { expressions: true, document: record.key }).expressions;
      } catch (error) {
        this.connection.console.error(`${record.map.documents[0]?.uri ?? ""}: expression analysis failed: ${describeError(error)}`);
      }
    }
    record.expressions = expressions;
    return expressions;
  }

  /** The analysis covering document `uri` and the offset of `position` in its analysed text. */
  private async locate(request: {
    uri: string;
    position: { line: number; character: number } | null;
    token: CancellationToken;
  }): Promise<{ record: AnalysisRecord; result: CheckResult; offset: number } | null> {
    const { uri, position, token } = request;
    const key = this.unitKeyOf(uri);
    if (key === undefined) return null;
    const record = await this.analysis(key, token);
    if (record === null || record.result === null || token.isCancellationRequested) return null;
    const doc = documentOf(record.map, uri);
    if (doc === undefined) return null;
    const offset = record.map.offsetOf(uri, position === null ? 0 : doc.lines.offset(position)) ?? 0;
    return { record, result: record.result, offset };
  }

  // ---- features ------------------------------------------------------------------------------------------------

  private async hover(params: TextDocumentPositionParams, token: CancellationToken): Promise<Hover | null> {
    const request = { uri: params.textDocument.uri, position: params.position, token };
    let found = await this.locate(request);
    if (
      found !== null &&
      found.record.expressions === null &&
      needsExpressions({ bindings: found.result.analysis.bindings, map: found.record.map, offset: found.offset })
    ) {
      // A second engine pass is coming: let a pending `$/cancelRequest` for this hover be read first.
      await new Promise((resolve) => setImmediate(resolve));
      if (token.isCancellationRequested) return null;
      // An edit read meanwhile makes a newer analysis (an older one's bindings may no longer be read).
      found = await this.locate(request);
    }
    if (found === null) return null;
    const { record, result, offset } = found;
    const content = hoverAt({ bindings: result.analysis.bindings, expressions: () => this.expressionsOf(record), map: record.map, offset });
    if (content === null) return null;
    const location = toLocation(record.map, content.span);
    return { contents: { kind: MarkupKind.Markdown, value: content.markdown }, range: location.range };
  }

  private async inlayHints(params: InlayHintParams, token: CancellationToken): Promise<InlayHint[]> {
    const uri = params.textDocument.uri;
    const found = await this.locate({ uri, position: params.range.start, token });
    if (found === null) return [];
    const { record, result, offset: start } = found;
    const doc = documentOf(record.map, uri);
    const end = doc === undefined ? start : (record.map.offsetOf(uri, doc.lines.offset(params.range.end)) ?? start);
    const hints = inlayHintsIn({
      analysis: result.analysis,
      range: { start, end },
      mode: record.settings.inlayHints,
      thresholdBytes: record.options.thresholdBytes,
    });
    const out: InlayHint[] = [];
    for (const hint of hints) {
      const location = toLocation(record.map, { start: hint.offset, end: hint.offset });
      if (location.uri !== uri) continue;
      const tooltip = factHoverMarkdown(hint.binding, record.map);
      out.push({
        position: location.range.start,
        label: `: ${hint.label}`,
        paddingLeft: false,
        paddingRight: true,
        ...(tooltip === null ? {} : { tooltip: { kind: MarkupKind.Markdown, value: tooltip } }),
      });
    }
    return out;
  }

  private async codeActions(params: CodeActionParams, token: CancellationToken): Promise<CodeAction[]> {
    const uri = params.textDocument.uri;
    const found = await this.locate({ uri, position: null, token });
    if (found === null) return [];
    const { record, result } = found;
    const only = params.context.only;
    const wants = (kind: string) => only === undefined || only.some((o) => kind === o || kind.startsWith(`${o}.`));
    const actions: CodeAction[] = [];
    if (wants(CodeActionKind.QuickFix)) {
      const titles = new Set<string>();
      for (const diagnostic of params.context.diagnostics) {
        if (diagnostic.source !== DIAGNOSTIC_SOURCE) continue;
        const finding = this.findingFor({ record, result, uri, diagnostic });
        if (finding === null) continue;
        if (finding.fix !== null) {
          const edit = this.workspaceEdit(record, toTextEdits(record.map, finding.fix));
          if (edit !== null) {
            const safe = finding.fix.safety === "safe";
            actions.push({
              title: safe ? finding.fix.message : `${finding.fix.message} (unsafe fix: may change behaviour)`,
              kind: CodeActionKind.QuickFix,
              diagnostics: [diagnostic],
              isPreferred: safe,
              edit,
            });
          }
        }
        const suppress = noqaEdit({ text: record.map.text, lines: result.analysis.lines, offset: finding.span.start, code: finding.code });
        const title = SUPPRESS_TITLE(finding.code);
        const line = result.analysis.lines.position(finding.span.start).line;
        if (suppress !== null && !titles.has(`${title}:${line}`)) {
          titles.add(`${title}:${line}`);
          const edit = this.workspaceEdit(record, toTextEdits(record.map, { message: title, safety: "safe", edits: [suppress] }));
          if (edit !== null) actions.push({ title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit });
        }
      }
    }
    if (wants(FIX_ALL_KIND)) {
      // A notebook's fix-all is asked per cell: fix only this cell, so cells never receive the same edit twice.
      const doc = documentOf(record.map, uri);
      const inThisDocument = (span: { start: number; end: number }) => {
        const start = record.map.locate(span.start);
        const end = record.map.locate(span.end);
        return start.doc === doc && end.doc === doc;
      };
      const fixes = safeFixes(result.findings, inThisDocument);
      if (fixes.length > 0) {
        const edits = fixes.flatMap((fix) => [...(toTextEdits(record.map, fix)?.get(uri) ?? [])]);
        const edit = this.workspaceEdit(record, new Map([[uri, edits]]));
        if (edit !== null) {
          actions.push({ title: `numpy-views: apply ${fixes.length} safe fix${fixes.length === 1 ? "" : "es"}`, kind: FIX_ALL_KIND, edit });
        }
      }
    }
    return actions;
  }

  /** The finding of the current analysis a diagnostic stands for: same code, same range in the same document. */
  private findingFor(lookup: { record: AnalysisRecord; result: CheckResult; uri: string; diagnostic: Diagnostic }): Finding | null {
    const { record, result, uri, diagnostic } = lookup;
    return (
      result.findings.find((f) => {
        if (f.code !== diagnostic.code) return false;
        const location = toLocation(record.map, f.span);
        const r = location.range;
        const d = diagnostic.range;
        return (
          location.uri === uri &&
          r.start.line === d.start.line &&
          r.start.character === d.start.character &&
          r.end.line === d.end.line &&
          r.end.character === d.end.character
        );
      }) ?? null
    );
  }

  /** Edits by uri as a workspace edit, versioned when the client supports it; null for a fix that crosses cells. */
  private workspaceEdit(record: AnalysisRecord, edits: Map<string, LspTextEdit[]> | null): WorkspaceEdit | null {
    if (edits === null || edits.size === 0) return null;
    if (this.client.workspace?.workspaceEdit?.documentChanges === true) {
      return {
        documentChanges: [...edits].map(([uri, list]) => ({
          textDocument: { uri, version: documentOf(record.map, uri)?.version ?? null },
          edits: list,
        })),
      };
    }
    return { changes: Object.fromEntries(edits) };
  }

  // ---- robustness ----------------------------------------------------------------------------------------------

  /** Runs a request handler; a failure is logged with its document and answered with `fallback`, never thrown. */
  private async guarded<T>(about: { what: string; uri: string; fallback: T }, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      this.connection.console.error(`${about.what} failed for ${about.uri}: ${describeError(error)}`);
      return about.fallback;
    }
  }

  /** Runs a notification handler; a failure is logged, never thrown. */
  private safely(about: { what: string; uri: string | null }, run: () => void): void {
    try {
      run();
    } catch (error) {
      this.connection.console.error(`${about.what} failed${about.uri === null ? "" : ` for ${about.uri}`}: ${describeError(error)}`);
    }
  }

  private warnOnce(message: string): void {
    if (this.loggedOnce.has(message)) return;
    this.loggedOnce.add(message);
    this.connection.console.warn(message);
  }

  private infoOnce(message: string): void {
    if (this.loggedOnce.has(message)) return;
    this.loggedOnce.add(message);
    this.connection.console.info(message);
  }
}

function describeError(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

/** Answers `initialize` on `connection` with a {@link NumpyViewsServer}, installs its handlers and starts listening. */
export function startServer(connection: Connection, options: ServerOptions = {}): void {
  connection.onInitialize(async (params) => {
    const server = await NumpyViewsServer.initialize(connection, params, options);
    server.register(connection);
    return server.initializeResult();
  });
  connection.listen();
}
