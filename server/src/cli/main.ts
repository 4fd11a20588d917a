// The `numpy-views` command line: parses arguments and dispatches to subcommands. Exit codes: 0 ok, 2 usage or I/O error.
import { readFileSync } from "node:fs";
import { Engine } from "../engine/engine";
import { explainJson, explainText } from "./explain";

const USAGE = `usage: numpy-views explain FILE [--format text|json]

Commands:
  explain FILE   what every binding in FILE is: view, copy, alias, maybe-view, not-array or unknown
Options:
  --format text|json   output format (default: text)
  -h, --help           show this help
  --version            print the version`;

/** Thrown for problems the user must fix (bad arguments, unreadable files): exit status 2. */
export class UsageError extends Error {}

interface Io {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

/** Runs the CLI; returns the exit status. */
export async function main(argv: readonly string[], io: Io): Promise<number> {
  try {
    const [command, ...rest] = argv;
    if (command === undefined || command === "-h" || command === "--help" || command === "help") {
      io.out(USAGE + "\n");
      return command === undefined ? 2 : 0;
    }
    if (command === "--version") {
      io.out("numpy-views 0.1.0\n");
      return 0;
    }
    if (command === "explain") return await explain(rest, io);
    throw new UsageError(`unknown command '${command}'`);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`numpy-views: ${error.message}\n${error.message.startsWith("cannot") ? "" : USAGE + "\n"}`);
      return 2;
    }
    throw error;
  }
}

async function explain(args: readonly string[], io: Io): Promise<number> {
  let format = "text";
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? "";
    if (arg === "--format") {
      format = args[++i] ?? "";
    } else if (arg.startsWith("--format=")) {
      format = arg.slice("--format=".length);
    } else if (arg.startsWith("-") && arg !== "-") {
      throw new UsageError(`unknown option '${arg}'`);
    } else files.push(arg);
  }
  if (format !== "text" && format !== "json") throw new UsageError(`--format must be text or json, not '${format}'`);
  if (files.length !== 1 || files[0] === undefined) throw new UsageError("explain takes exactly one FILE");
  const file = files[0];
  const text = readSource(file);
  const engine = await Engine.create();
  try {
    const analysis = engine.analyzeSource(text, { allBindings: true });
    io.out(format === "json" ? explainJson(file, analysis) : explainText(file, analysis));
    return 0;
  } finally {
    engine.dispose();
  }
}

/** Reads a Python file as UTF-8; a missing, unreadable or non-UTF-8 file is a UsageError with a clear message. */
export function readSource(file: string): string {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === "ENOENT" ? "no such file" : code === "EISDIR" ? "is a directory" : code === "EACCES" ? "permission denied" : String(error);
    throw new UsageError(`cannot read ${file}: ${reason}`);
  }
  try {
    const text = new TextDecoder("utf-8", { fatal: true }).decode(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  } catch {
    throw new UsageError(`cannot read ${file}: not valid UTF-8`);
  }
}
