// The `numpy-views` command line: parses arguments and dispatches to subcommands.
// Exit codes: 0 ok (no findings), 1 findings (`check`), 2 usage, configuration or I/O error.
import { markWarm } from "../boot/warm";
import { Engine } from "../engine/engine";
import { RULES, ruleMeta } from "../rules/registry";
import { VERSION } from "./about";
import { CHECK_USAGE, runCheck } from "./check";
import { ConfigError } from "./config";
import { ruleJson, ruleMarkdown, rulesText } from "./docs";
import { explainJson, explainText } from "./explain";
import { ReadError, readUtf8File, UsageError, type Io } from "./io";

export { UsageError, type Io };

const USAGE = `usage: numpy-views COMMAND [options]

Commands:
  check [PATH...]      find view/copy bugs in .py files and .ipynb notebooks (see numpy-views check --help)
  explain FILE         what every binding in FILE is: view, copy, alias, maybe-view, not-array or unknown
  rule CODE            print a rule's documentation (e.g. numpy-views rule NV001)
  rules                list the rules
Options:
  --format ...         output format: check text|json|sarif, explain text|json, rule(s) text|json
  -h, --help           show this help
  --version            print the version`;

/** Runs the CLI; returns the exit status. */
export async function main(argv: readonly string[], io: Io): Promise<number> {
  try {
    const [command, ...rest] = argv;
    if (command === undefined || command === "-h" || command === "--help" || command === "help") {
      io.out(USAGE + "\n");
      return command === undefined ? 2 : 0;
    }
    if (command === "--version") {
      io.out(`numpy-views ${VERSION}\n`);
      return 0;
    }
    if (command === "explain") return await explain(rest, io);
    if (command === "check") return await runCheck(rest, io);
    if (command === "rule") return rule(rest, io);
    if (command === "rules") return rules(rest, io);
    throw new UsageError(`unknown command '${command}'`);
  } catch (error) {
    if (error instanceof ConfigError) {
      io.err(`numpy-views: ${error.message}\n`);
      return 2;
    }
    if (error instanceof UsageError) {
      const usage = argv[0] === "check" ? CHECK_USAGE : USAGE;
      io.err(`numpy-views: ${error.message}\n${error.message.startsWith("cannot") ? "" : usage + "\n"}`);
      return 2;
    }
    throw error;
  }
}

/** Splits `--format X` / `--format=X` from the other arguments. */
function formatOption(args: readonly string[], allowed: readonly string[]): { format: string; rest: string[] } {
  let format = allowed[0] ?? "text";
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? "";
    if (arg === "--format" || arg === "--output-format") format = args[++i] ?? "";
    else if (arg.startsWith("--format=")) format = arg.slice("--format=".length);
    else if (arg.startsWith("--output-format=")) format = arg.slice("--output-format=".length);
    else if (arg.startsWith("-") && arg !== "-") throw new UsageError(`unknown option '${arg}'`);
    else rest.push(arg);
  }
  if (!allowed.includes(format)) throw new UsageError(`--format must be ${allowed.join(" or ")}, not '${format}'`);
  return { format, rest };
}

async function explain(args: readonly string[], io: Io): Promise<number> {
  const { format, rest: files } = formatOption(args, ["text", "json"]);
  if (files.length !== 1 || files[0] === undefined) throw new UsageError("explain takes exactly one FILE");
  const file = files[0];
  const text = readSource(file);
  const engine = await Engine.create();
  try {
    const analysis = engine.analyzeSource(text, { allBindings: true });
    if (analysis.usesNumpy) markWarm();
    io.out(format === "json" ? explainJson(file, analysis) : explainText(file, analysis));
    return 0;
  } finally {
    engine.dispose();
  }
}

function rule(args: readonly string[], io: Io): number {
  const { format, rest } = formatOption(args, ["text", "json"]);
  if (rest.length !== 1 || rest[0] === undefined) throw new UsageError("rule takes exactly one CODE, e.g. numpy-views rule NV001");
  const meta = ruleMeta(rest[0]);
  if (meta === undefined) throw new UsageError(`cannot find rule '${rest[0]}' (rules: ${RULES.map((r) => r.code).join(", ")})`);
  io.out(format === "json" ? JSON.stringify(ruleJson(meta), null, 2) + "\n" : ruleMarkdown(meta));
  return 0;
}

function rules(args: readonly string[], io: Io): number {
  const { format, rest } = formatOption(args, ["text", "json"]);
  if (rest.length > 0) throw new UsageError("rules takes no arguments (for one rule: numpy-views rule CODE)");
  io.out(format === "json" ? JSON.stringify(RULES.map(ruleJson), null, 2) + "\n" : rulesText());
  return 0;
}

/** Reads a Python file as UTF-8; a missing, unreadable or non-UTF-8 file is a UsageError with a clear message. */
export function readSource(file: string): string {
  try {
    return readUtf8File(file).text;
  } catch (error) {
    if (error instanceof ReadError) throw new UsageError(`cannot read ${file}: ${error.message}`);
    throw error;
  }
}
