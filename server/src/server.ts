// Entry point of the language server bundle (server/dist/server-core.js, which server/dist/server.js runs: see
// boot/server.ts). The transport comes from the command line:
// `--stdio` (VS Code, Neovim, Helix, any editor), `--node-ipc`, `--socket=PORT` or `--pipe=NAME`.
import { format } from "node:util";
import { type Connection, createConnection, type MessageReader, ProposedFeatures } from "vscode-languageserver/node";
import { serverMessageWriter } from "./lsp/json-encoder";
import { SERVER_VERSION, startServer } from "./lsp/server";
import { markWarm } from "./boot/warm";

/**
 * Over stdio the server writes with its own message writer (json-encoder.ts). Given a writer, the library no longer
 * redirects the console, so it is done here: stdout carries the protocol, and a stray `console.log` (from a
 * dependency, say) must become a log message instead of corrupting it. Stdin stays a raw stream, so the library
 * still exits when the client goes away.
 */
function stdioConnection(): Connection {
  // NOTE: a raw input stream with a writer is no overload of the typings, but the library takes each on its own
  // (a stream is wrapped in a reader); the raw stdin is what makes it exit when the client closes the pipe.
  const input = process.stdin as unknown as MessageReader;
  const connection = createConnection(ProposedFeatures.all, input, serverMessageWriter(process.stdout));
  const log = (...args: unknown[]) => connection.console.log(format(...args));
  console.log = console.info = console.debug = console.dir = log;
  console.warn = (...args: unknown[]) => connection.console.warn(format(...args));
  console.error = console.trace = (...args: unknown[]) => connection.console.error(format(...args));
  return connection;
}

const argv = process.argv.slice(2);
if (argv.includes("--version")) {
  process.stdout.write(`numpy-views-ls ${SERVER_VERSION}\n`);
} else if (argv.includes("--help") || argv.includes("-h")) {
  process.stdout.write("usage: numpy-views-ls --stdio | --node-ipc | --socket=PORT | --pipe=NAME\n");
} else {
  startServer(argv.includes("--stdio") ? stdioConnection() : createConnection(ProposedFeatures.all), { onWarm: markWarm });
}
