// A small LSP client for tests and the benchmark: talks real JSON-RPC to the server, either in-process over a pair
// of streams or to a spawned `numpy-views-ls --stdio`. Answers workspace/configuration from `settings`, records
// published diagnostics and log messages, and waits for results with timeouts (never fixed sleeps).
import { type ChildProcess, spawn } from "node:child_process";
import { PassThrough } from "node:stream";
import { after, before } from "node:test";
import {
  type ClientCapabilities,
  type CodeAction,
  CodeActionRequest,
  ConfigurationRequest,
  createConnection,
  createProtocolConnection,
  DidChangeConfigurationNotification,
  DidChangeNotebookDocumentNotification,
  DidChangeTextDocumentNotification,
  DidChangeWatchedFilesNotification,
  DidCloseNotebookDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenNotebookDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  type Hover,
  HoverRequest,
  type InitializeResult,
  InitializeRequest,
  InitializedNotification,
  type InlayHint,
  InlayHintRefreshRequest,
  InlayHintRequest,
  LogMessageNotification,
  ShowMessageNotification,
  NotebookCellKind,
  type Position,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  PublishDiagnosticsNotification,
  type Range,
  RegistrationRequest,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  type TextDocumentContentChangeEvent,
  ProposedFeatures,
  type Diagnostic,
} from "vscode-languageserver/node";
import type { Engine } from "numpy-views-server/out/engine/engine";
import { startServer, type ServerOptions } from "numpy-views-server/out/lsp/server";
import { engine } from "../support/engine";
import { serverMessageWriter } from "numpy-views-server/out/lsp/json-encoder";

/** Client capabilities close to what VS Code 1.85 sends for the features the server uses. */
export const VSCODE_LIKE_CAPABILITIES: ClientCapabilities = {
  workspace: {
    configuration: true,
    didChangeConfiguration: { dynamicRegistration: true },
    didChangeWatchedFiles: { dynamicRegistration: true },
    inlayHint: { refreshSupport: true },
    workspaceEdit: { documentChanges: true },
  },
  textDocument: {
    synchronization: { dynamicRegistration: true },
    publishDiagnostics: { relatedInformation: true, tagSupport: { valueSet: [1, 2] }, versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
    hover: { contentFormat: ["markdown", "plaintext"] },
    inlayHint: {},
    codeAction: {
      codeActionLiteralSupport: { codeActionKind: { valueSet: ["quickfix", "source", "source.fixAll"] } },
      isPreferredSupport: true,
      dataSupport: true,
    },
  },
  notebookDocument: { synchronization: { dynamicRegistration: true } },
};

const DEFAULT_TIMEOUT_MS = 10_000;

/** A test client connected to one server. */
export class TestClient {
  /** Settings returned for `workspace/configuration` of section `numpy-views` (change, then {@link configurationChanged}). */
  settings: Record<string, unknown> = {};
  /** Every `window/logMessage` text. */
  readonly logs: string[] = [];
  /** Every `window/showMessage` text. */
  readonly shown: string[] = [];
  /** Dynamic registrations the server asked for (method names). */
  readonly registrations: string[] = [];
  /** How many `workspace/inlayHint/refresh` requests arrived. */
  inlayRefreshes = 0;
  private readonly latest = new Map<string, PublishDiagnosticsParams>();
  private readonly all: PublishDiagnosticsParams[] = [];
  /**
   * Whether every publication is kept for {@link history} (tests read it). The benchmark turns it off: an editor
   * keeps only the latest diagnostics, and a client hoarding a thousand publications would slow itself (its garbage
   * collector copying them) and blame the server for it.
   */
  keepHistory = true;
  private readonly waiters: { check: () => boolean; resolve: () => void }[] = [];

  private constructor(
    readonly connection: ProtocolConnection,
    private readonly child: ChildProcess | null,
  ) {
    connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      this.latest.set(params.uri, params);
      if (this.keepHistory) this.all.push(params);
      this.poke();
    });
    connection.onNotification(LogMessageNotification.type, (params) => {
      this.logs.push(params.message);
      this.poke();
    });
    connection.onNotification(ShowMessageNotification.type, (params) => {
      this.shown.push(params.message);
      this.poke();
    });
    connection.onRequest(ConfigurationRequest.type, (params) => params.items.map((item) => (item.section === "numpy-views" ? this.settings : null)));
    connection.onRequest(RegistrationRequest.type, (params) => {
      for (const r of params.registrations) this.registrations.push(r.method);
      this.poke();
    });
    connection.onRequest(InlayHintRefreshRequest.type, () => {
      this.inlayRefreshes++;
      this.poke();
    });
    connection.listen();
  }

  /** A server running in this process, connected through in-memory streams. */
  static inProcess(options: ServerOptions = {}): TestClient {
    const toServer = new PassThrough();
    const toClient = new PassThrough();
    // NOTE: readers/writers rather than raw streams: given raw streams, vscode-languageserver exits the process on 'close'.
    // The server's own writer, as over stdio (it reuses the JSON text of unchanged diagnostics).
    const serverConnection = createConnection(ProposedFeatures.all, new StreamMessageReader(toServer), serverMessageWriter(toClient));
    startServer(serverConnection, options);
    return new TestClient(createProtocolConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer)), null);
  }

  /** A spawned server process (e.g. `node server/bin/numpy-views-ls --stdio`). */
  static spawn(command: string, args: readonly string[], options: { env?: NodeJS.ProcessEnv } = {}): TestClient {
    const child = spawn(command, args, { stdio: ["pipe", "pipe", "pipe"], env: options.env ?? process.env });
    child.stderr?.on("data", () => undefined);
    if (child.stdout === null || child.stdin === null) throw new Error("no stdio pipes");
    return new TestClient(createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin)), child);
  }

  get process(): ChildProcess | null {
    return this.child;
  }

  async initialize(capabilities: ClientCapabilities = VSCODE_LIKE_CAPABILITIES, initializationOptions?: unknown): Promise<InitializeResult> {
    const result = await this.connection.sendRequest(InitializeRequest.type, {
      processId: null,
      rootUri: null,
      capabilities,
      workspaceFolders: null,
      initializationOptions,
    });
    await this.connection.sendNotification(InitializedNotification.type, {});
    return result;
  }

  async open(uri: string, text: string, version = 1): Promise<void> {
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: "python", version, text } });
  }

  async change(uri: string, version: number, changes: TextDocumentContentChangeEvent[]): Promise<void> {
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: changes });
  }

  async close(uri: string): Promise<void> {
    await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  /** Opens a Jupyter notebook whose cells are Python code (or markdown, given as `{ markdown: "..." }`). */
  async openNotebook(uri: string, cells: readonly (string | { markdown: string })[], version = 1): Promise<string[]> {
    const cellUris = cells.map((_, i) => `${uri}#cell${i}`);
    await this.connection.sendNotification(DidOpenNotebookDocumentNotification.type, {
      notebookDocument: {
        uri,
        notebookType: "jupyter-notebook",
        version,
        cells: cells.map((c, i) => ({ kind: typeof c === "string" ? NotebookCellKind.Code : NotebookCellKind.Markup, document: cellUris[i] ?? "" })),
      },
      cellTextDocuments: cells.map((c, i) => ({
        uri: cellUris[i] ?? "",
        languageId: typeof c === "string" ? "python" : "markdown",
        version: 1,
        text: typeof c === "string" ? c : c.markdown,
      })),
    });
    return cellUris;
  }

  /** Replaces the whole text of one notebook cell. */
  async changeCell(notebook: string, notebookVersion: number, cell: { uri: string; version: number; text: string }): Promise<void> {
    await this.connection.sendNotification(DidChangeNotebookDocumentNotification.type, {
      notebookDocument: { uri: notebook, version: notebookVersion },
      change: { cells: { textContent: [{ document: { uri: cell.uri, version: cell.version }, changes: [{ text: cell.text }] }] } },
    });
  }

  async closeNotebook(uri: string, cellUris: readonly string[]): Promise<void> {
    await this.connection.sendNotification(DidCloseNotebookDocumentNotification.type, {
      notebookDocument: { uri },
      cellTextDocuments: cellUris.map((u) => ({ uri: u })),
    });
  }

  async configurationChanged(): Promise<void> {
    await this.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
  }

  async watchedFileChanged(uri: string): Promise<void> {
    await this.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri, type: 2 }] });
  }

  hover(uri: string, position: Position): Promise<Hover | null> {
    return this.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position });
  }

  inlayHints(uri: string, range: Range): Promise<InlayHint[] | null> {
    return this.connection.sendRequest(InlayHintRequest.type, { textDocument: { uri }, range });
  }

  async codeActions(uri: string, range: Range, diagnostics: Diagnostic[], only?: string[]): Promise<CodeAction[]> {
    const result = await this.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range,
      context: { diagnostics, ...(only === undefined ? {} : { only }) },
    });
    return (result ?? []).filter((a): a is CodeAction => "title" in a && !("command" in a && typeof a.command === "string"));
  }

  /** The latest diagnostics published for `uri`, if any. */
  published(uri: string): PublishDiagnosticsParams | undefined {
    return this.latest.get(uri);
  }

  /** Waits until diagnostics for `uri` satisfy `accept` (by default: any publication); rejects after a timeout. */
  diagnostics(uri: string, accept: (p: PublishDiagnosticsParams) => boolean = () => true, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<PublishDiagnosticsParams> {
    return this.until(
      () => {
        const p = this.latest.get(uri);
        return p !== undefined && accept(p) ? p : undefined;
      },
      `diagnostics for ${uri}`,
      timeoutMs,
    );
  }

  /** Every publication for `uri`, oldest first. */
  history(uri: string): PublishDiagnosticsParams[] {
    return this.all.filter((p) => p.uri === uri);
  }

  /** Forgets published diagnostics, so the next {@link diagnostics} waits for a new publication. */
  forgetDiagnostics(): void {
    this.latest.clear();
  }

  /** Waits until `probe` returns a value; rejects with `what` after `timeoutMs`. */
  until<T>(probe: () => T | undefined, what: string, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<T> {
    const now = probe();
    if (now !== undefined) return Promise.resolve(now);
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        const i = this.waiters.indexOf(waiter);
        if (i >= 0) this.waiters.splice(i, 1);
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
      }, timeoutMs);
      const waiter = {
        check: () => probe() !== undefined,
        resolve: () => {
          clearTimeout(timer);
          resolve(probe() as T);
        },
      };
      this.waiters.push(waiter);
    });
  }

  private poke(): void {
    for (const waiter of [...this.waiters]) {
      if (waiter.check()) {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    }
  }

  /** Ends a spawned server without the protocol (cleanup after a failed test). */
  kill(): void {
    if (this.child !== null && this.child.exitCode === null) this.child.kill();
    this.connection.dispose();
  }

  /** shutdown, then (for a spawned server) exit and wait for the process to end; returns its exit code. */
  async stop(): Promise<number | null> {
    await this.connection.sendRequest(ShutdownRequest.type);
    if (this.child === null) {
      this.connection.dispose();
      return null;
    }
    const child = this.child;
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    await this.connection.sendNotification(ExitNotification.type);
    const code = await exited;
    this.connection.dispose();
    return code;
  }
}

/**
 * One in-process server for a test file: started on the shared test engine before the file's tests (with the
 * options `options` gives for it) and stopped after them. `use` receives the initialized client.
 */
export function inProcessClientForFile(use: (client: TestClient) => void, options: (shared: Engine) => ServerOptions = (shared) => ({ engine: shared })): void {
  let client: TestClient | undefined;
  before(async () => {
    client = TestClient.inProcess(options(await engine()));
    await client.initialize();
    use(client);
  });
  after(async () => {
    await client?.stop();
  });
}
