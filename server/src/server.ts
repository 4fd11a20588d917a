// Entry point of the language server bundle (server/dist/server.js). The transport comes from the command line:
// `--stdio` (VS Code, Neovim, Helix, any editor), `--node-ipc`, `--socket=PORT` or `--pipe=NAME`.
import { format } from "node:util";
import { type Connection, createConnection, type MessageReader, ProposedFeatures } from "vscode-languageserver/node";
import { serverMessageWriter } from "./lsp/json-encoder";
import { SERVER_VERSION, startServer } from "./lsp/server";
import { laterTurbofanFlags, setRuntimeFlags } from "./v8-flags";

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

/**
 * V8 flags set before the first analysis: a later TurboFan tier-up ({@link laterTurbofanFlags} says why), and no
 * allocation-site pretenuring (V8 reads that flag whenever it decides on a site). The first analysis of a file keeps
 * nearly everything it makes (the rules' findings, the diagnostics' parts), so V8 learns to allocate at those sites
 * straight into the old generation; every later keystroke then puts its findings there, and once dead they still keep
 * their young parts alive for the young collector until a full collection. In about half the runs of
 * `npm run bench:lsp` on a 5,000-line file that promoted about 95 kB per keystroke, with a full collection every 70
 * keystrokes and memory climbing between them (it depends on which functions are optimised first); without
 * pretenuring a keystroke promotes about 1.3 kB, every run.
 */
// NOTE: not inside Electron (setRuntimeFlags says why); the VS Code client passes the pretenuring flag on the command
// line there.
setRuntimeFlags(["--no-allocation-site-pretenuring", ...laterTurbofanFlags()]);

const argv = process.argv.slice(2);
if (argv.includes("--version")) {
  process.stdout.write(`numpy-views-ls ${SERVER_VERSION}\n`);
} else if (argv.includes("--help") || argv.includes("-h")) {
  process.stdout.write("usage: numpy-views-ls --stdio | --node-ipc | --socket=PORT | --pipe=NAME\n");
} else {
  startServer(argv.includes("--stdio") ? stdioConnection() : createConnection(ProposedFeatures.all));
}
