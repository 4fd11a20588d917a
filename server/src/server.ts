// Entry point of the language server bundle (server/dist/server.js). The transport comes from the command line:
// `--stdio` (Neovim, Helix, any editor), `--node-ipc` (VS Code), `--socket=PORT` or `--pipe=NAME`.
import { createConnection, ProposedFeatures } from "vscode-languageserver/node";
import { SERVER_VERSION, startServer } from "./lsp/server";

const argv = process.argv.slice(2);
if (argv.includes("--version")) {
  process.stdout.write(`numpy-views-ls ${SERVER_VERSION}\n`);
} else if (argv.includes("--help") || argv.includes("-h")) {
  process.stdout.write("usage: numpy-views-ls --stdio | --node-ipc | --socket=PORT | --pipe=NAME\n");
} else {
  startServer(createConnection(ProposedFeatures.all));
}
