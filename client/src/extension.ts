// The VS Code client: starts the numpy-views language server (over stdio) for Python files and notebooks, and adds a
// restart command, an output channel and a status bar item. Everything else (analysis, settings) is the server's job.
import * as path from "node:path";
import * as vscode from "vscode";
import { LanguageClient, type LanguageClientOptions, type ServerOptions, State, TransportKind } from "vscode-languageclient/node";
import { SERVER_ENV, serverExecArgv } from "../../server/src/launch";

const ID = "numpy-views";

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel("numpy-views", { log: true });
  const serverModule = context.asAbsolutePath(path.join("server", "dist", "server.js"));
  // The server's code cache (server/src/boot/code-cache.ts) goes in the extension's own storage, which VS Code removes
  // with the extension; elsewhere the server picks the user's cache directory.
  const storage = context.globalStorageUri;
  const env = { ...SERVER_ENV, ...(storage.scheme === "file" ? { NUMPY_VIEWS_CACHE_DIR: path.join(storage.fsPath, "code-cache") } : {}) };
  // The server runs on the extension host's runtime: Electron's Node in VS Code, Node in code-server (launch.ts).
  const execArgv = serverExecArgv();
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.stdio, options: { execArgv: [...execArgv], env } },
    debug: { module: serverModule, transport: TransportKind.stdio, options: { execArgv: [...execArgv, "--nolazy", "--inspect=6009"], env } },
  };
  const clientOptions: LanguageClientOptions = {
    // Cells of notebooks reach the server through notebook sync; hovers and code actions on them match by this selector.
    documentSelector: [
      { scheme: "file", language: "python" },
      { scheme: "untitled", language: "python" },
      { scheme: "vscode-notebook-cell", language: "python" },
      { scheme: "vscode-vfs", language: "python" },
    ],
    outputChannel: output,
    diagnosticCollectionName: ID,
  };
  // The id makes the client honour the `numpy-views.trace.server` setting.
  const languageClient = new LanguageClient(ID, "numpy-views", serverOptions, clientOptions);
  client = languageClient;

  const status = vscode.window.createStatusBarItem(`${ID}.status`, vscode.StatusBarAlignment.Right, 100);
  status.name = "numpy-views";
  status.command = `${ID}.showOutput`;
  const updateStatus = () => updateStatusItem(status, languageClient.state);

  context.subscriptions.push(
    output,
    status,
    vscode.commands.registerCommand(`${ID}.restart`, async () => {
      output.info("restarting the language server");
      await languageClient.restart();
    }),
    vscode.commands.registerCommand(`${ID}.showOutput`, () => output.show(true)),
    languageClient.onDidChangeState(updateStatus),
    vscode.window.onDidChangeActiveTextEditor(updateStatus),
    vscode.window.onDidChangeActiveNotebookEditor(updateStatus),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(`${ID}.enable`)) updateStatus();
    }),
  );
  updateStatus();
  await languageClient.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}

/** Shows the item for Python editors and notebooks: whether analysis is on for the active one, and the server's state. */
function updateStatusItem(item: vscode.StatusBarItem, state: State): void {
  const notebook = vscode.window.activeNotebookEditor?.notebook;
  const document = vscode.window.activeTextEditor?.document;
  const resource = notebook?.notebookType === "jupyter-notebook" ? notebook.uri : document?.languageId === "python" ? document.uri : undefined;
  if (resource === undefined) {
    item.hide();
    return;
  }
  const enabled = vscode.workspace.getConfiguration(ID, resource).get<boolean>("enable", true);
  if (state === State.Starting) {
    item.text = "$(sync~spin) numpy-views";
    item.tooltip = "numpy-views: starting the language server";
  } else if (state === State.Stopped) {
    item.text = "$(error) numpy-views";
    item.tooltip = "numpy-views: the language server is not running (see the output; run “numpy-views: Restart Server”)";
  } else if (!enabled) {
    item.text = "$(circle-slash) numpy-views";
    item.tooltip = "numpy-views: analysis is off for this file (numpy-views.enable)";
  } else {
    item.text = "$(check) numpy-views";
    item.tooltip = "numpy-views: analysis is on (views, copies and memory kept alive)";
  }
  item.show();
}
