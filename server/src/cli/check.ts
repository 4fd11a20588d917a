// `numpy-views check [PATH...]`: finds the files, resolves each one's configuration, runs the rules (and `--fix`),
// and prints the findings as text, JSON or SARIF. Exit status: 0 clean, 1 findings, 2 usage, configuration or I/O errors.
import { writeFileSync } from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { markWarm } from "../boot/warm";
import { Engine } from "../engine/engine";
import { checkText } from "../rules/check";
import { parseSize } from "../rules/size";
import type { RuleOptions } from "../rules/types";
import { checkCodePattern, ConfigFinder, effectiveOptions, isExcludedBy, loadConfigFile, type CommandLineOptions, type ProjectConfig } from "./config";
import { discoverFiles } from "./discover";
import { checkedLine, locateFinding, renderJson, renderSarif, renderText, type CliFinding, type RunProblem } from "./formats";
import { readProcessStdin, ReadError, readUtf8File, UsageError, type Io } from "./io";
import { isPythonNotebook, NotebookError, parseNotebook } from "./notebook";
import { fixDocument, NotebookDocument, PythonDocument, type CheckOutcome, type SourceDocument } from "./source-document";

export const CHECK_USAGE = `usage: numpy-views check [PATH...] [options]

Checks .py files and .ipynb notebooks (folders recursively; default: the current folder).
Options:
  --format text|json|sarif   output format (default: text)
  --select CODES             only these rules (comma-separated codes or prefixes, or ALL)
  --ignore CODES             not these rules (wins over --select)
  --threshold SIZE           a base array is large from SIZE (e.g. 10MB; default 1MiB)
  --fix                      apply the safe fixes in place, then report what is left
  --unsafe-fixes             also apply (with --fix) or offer the unsafe fixes
  --config FILE              use this pyproject.toml instead of finding one per file
  --isolated                 ignore all configuration files
  --stdin-filename NAME      check standard input (PATH '-' or none), reported as NAME
  --exit-zero                exit 0 even when there are findings
  -q, --quiet                print the findings only, no summary
  -v, --verbose              also report how many files were checked and the time taken
  --statistics               print counts per rule instead of the findings
Exit status: 0 no findings, 1 findings, 2 usage, configuration or I/O errors.`;

export type OutputFormat = "text" | "json" | "sarif";

/** `check`'s command line, parsed. */
export interface CheckArgs {
  readonly paths: readonly string[];
  readonly format: OutputFormat;
  readonly cli: CommandLineOptions;
  readonly fix: boolean;
  readonly unsafeFixes: boolean;
  readonly quiet: boolean;
  readonly verbose: boolean;
  readonly statistics: boolean;
  readonly exitZero: boolean;
  readonly stdinFilename: string | null;
  readonly config: string | null;
  readonly isolated: boolean;
  readonly help: boolean;
}

const VALUE_OPTIONS = ["--format", "--output-format", "--select", "--ignore", "--threshold", "--stdin-filename", "--config"] as const;
const FLAG_OPTIONS: Record<string, keyof CheckArgs> = {
  "--fix": "fix",
  "--unsafe-fixes": "unsafeFixes",
  "--quiet": "quiet",
  "-q": "quiet",
  "--verbose": "verbose",
  "-v": "verbose",
  "--statistics": "statistics",
  "--exit-zero": "exitZero",
  "--isolated": "isolated",
  "--help": "help",
  "-h": "help",
};

/** Parses `check`'s arguments. Throws {@link UsageError} for anything it does not understand. */
export function parseCheckArgs(args: readonly string[]): CheckArgs {
  const paths: string[] = [];
  const values = new Map<string, string[]>();
  const flags = new Set<keyof CheckArgs>();
  let onlyPaths = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? "";
    if (onlyPaths || arg === "-" || !arg.startsWith("-")) {
      paths.push(arg);
      continue;
    }
    if (arg === "--") {
      onlyPaths = true;
      continue;
    }
    const eq = arg.indexOf("=");
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    if ((VALUE_OPTIONS as readonly string[]).includes(name)) {
      const value = eq > 0 ? arg.slice(eq + 1) : args[++i];
      if (value === undefined) throw new UsageError(`${name} needs a value`);
      const key = name === "--output-format" ? "--format" : name;
      values.set(key, [...(values.get(key) ?? []), value]);
      continue;
    }
    const flag = FLAG_OPTIONS[arg];
    if (flag === undefined) throw new UsageError(`unknown option '${arg}'`);
    flags.add(flag);
  }
  const last = (name: string) => values.get(name)?.at(-1) ?? null;
  const format = last("--format") ?? "text";
  if (format !== "text" && format !== "json" && format !== "sarif") throw new UsageError(`--format must be text, json or sarif, not '${format}'`);
  const codeList = (name: string): string[] | null => {
    const given = values.get(name);
    if (given === undefined) return null;
    return given
      .flatMap((v) => v.split(","))
      .map((v) => v.trim())
      .filter((v) => v !== "")
      .map((v) => checkCodePattern(v, (reason) => new UsageError(`${name}: ${reason}`)));
  };
  let thresholdBytes: number | null = null;
  const threshold = last("--threshold");
  if (threshold !== null) {
    thresholdBytes = parseSize(threshold);
    if (thresholdBytes === null) throw new UsageError(`--threshold: expected a size such as 10MB or 4096, not '${threshold}'`);
  }
  return {
    paths,
    format,
    cli: { select: codeList("--select"), ignore: codeList("--ignore") ?? [], thresholdBytes },
    fix: flags.has("fix"),
    unsafeFixes: flags.has("unsafeFixes"),
    quiet: flags.has("quiet"),
    verbose: flags.has("verbose"),
    statistics: flags.has("statistics"),
    exitZero: flags.has("exitZero"),
    stdinFilename: last("--stdin-filename"),
    config: last("--config"),
    isolated: flags.has("isolated"),
    help: flags.has("help"),
  };
}

/** Runs `check`; returns the exit status. */
export async function runCheck(args: readonly string[], io: Io): Promise<number> {
  const parsed = parseCheckArgs(args);
  if (parsed.help) {
    io.out(CHECK_USAGE + "\n");
    return 0;
  }
  const started = performance.now();
  const cwd = io.cwd ?? process.cwd();
  const shown = (absolute: string) => displayPath(absolute, cwd);
  const configs = configSource(parsed, cwd, shown);
  const useStdin = parsed.paths.length === 1 && parsed.paths[0] === "-" ? true : parsed.paths.length === 0 && parsed.stdinFilename !== null;
  if (!useStdin && parsed.paths.includes("-")) throw new UsageError("'-' (standard input) cannot be mixed with other paths");

  const problems: RunProblem[] = [];
  const report = (file: string, message: string) => {
    problems.push({ file, message });
    io.err(`numpy-views: ${file}: ${message}\n`);
  };

  // Discover the files and resolve every file's configuration before analysing anything: a configuration error
  // stops the run (exit 2) before any output.
  const jobs: { absolute: string; shown: string; options: RuleOptions }[] = [];
  if (!useStdin) {
    const roots = (parsed.paths.length === 0 ? ["."] : parsed.paths).map((p) => path.resolve(cwd, p));
    const discovered = discoverFiles({ roots, isExcluded: (p, isDir) => configs.isExcluded(p, isDir) });
    for (const e of discovered.errors) report(shown(e.path), e.message);
    for (const f of discovered.files) jobs.push({ absolute: f.path, shown: shown(f.path), options: effectiveOptions(configs.forFile(f.path), parsed.cli) });
  }

  const engine = await Engine.create();
  const findings: CliFinding[] = [];
  let fixed = 0;
  let files = 0;
  let notebooks = 0;
  try {
    const analyse =
      (options: RuleOptions) =>
      (text: string): CheckOutcome => {
        const result = checkText(engine, text, options);
        if (result.analysis.usesNumpy) markWarm();
        return {
          findings: result.findings,
          syntaxErrors: () => (result.analysis.usesNumpy ? result.analysis : engine.analyzeSource(text, { allBindings: true })).syntaxErrors.length,
        };
      };
    const checkOne = (job: { absolute: string; shown: string; options: RuleOptions }, load: () => { document: SourceDocument | null; notebook: boolean }) => {
      const { document, notebook } = load();
      if (document === null) return null;
      files++;
      if (notebook) notebooks++;
      const check = analyse(job.options);
      let result;
      try {
        result = parsed.fix
          ? fixDocument({ document, check, unsafe: parsed.unsafeFixes })
          : { document, applied: 0, findings: check(document.text).findings, reverted: false };
      } catch (error) {
        // NOTE: the engine promises never to throw on malformed code; should it anyway, one file must not end the run.
        report(job.shown, `internal error (${error instanceof Error ? error.message : String(error)}); not checked`);
        return null;
      }
      if (result.reverted) io.err(`numpy-views: ${job.shown}: a fix made the code fail to parse; that pass was not applied\n`);
      fixed += result.applied;
      const locator = result.document.locator;
      for (const f of result.findings) findings.push(locateFinding(f, { file: job.shown, absolutePath: job.absolute, locator }));
      return result;
    };

    if (useStdin) {
      const name = parsed.stdinFilename ?? "-";
      const absolute = path.resolve(cwd, name);
      const options = effectiveOptions(parsed.stdinFilename === null ? configs.forDirectory(cwd) : configs.forFile(absolute), parsed.cli);
      let input: string;
      try {
        input = await (io.readStdin ?? readProcessStdin)();
      } catch (error) {
        report(name, error instanceof ReadError ? `standard input is ${error.message}` : String(error));
        input = "";
      }
      if (problems.length === 0) {
        const result = checkOne({ absolute, shown: name, options }, () => load({ name, text: input, bom: false, report: (message) => report(name, message) }));
        // NOTE: as in Ruff, `--fix` on standard input prints the fixed source on stdout; the report goes to stderr.
        if (parsed.fix) io.out(result === null ? input : result.document.serialize());
      }
    } else {
      for (const job of jobs) {
        let original: string;
        let bom = false;
        try {
          const source = readUtf8File(job.absolute);
          original = source.text;
          bom = source.bom;
        } catch (error) {
          if (!(error instanceof ReadError)) throw error;
          report(job.shown, `${error.message}; not checked`);
          continue;
        }
        const result = checkOne(job, () => load({ name: job.absolute, text: original, bom, report: (message) => report(job.shown, message) }));
        if (result !== null && result.applied > 0) {
          try {
            writeFileSync(job.absolute, result.document.serialize());
          } catch (error) {
            report(job.shown, `cannot write the fixes: ${String(error)}`);
          }
        }
      }
    }
  } finally {
    engine.dispose();
  }

  findings.sort((a, b) => compare(a.file, b.file) || (a.cell ?? 0) - (b.cell ?? 0) || a.line - b.line || a.column - b.column || compare(a.code, b.code));
  const summary = { files, notebooks, seconds: (performance.now() - started) / 1000, fixed, fixMode: parsed.fix, unsafeFixes: parsed.unsafeFixes };
  const output =
    parsed.format === "json"
      ? renderJson(findings)
      : parsed.format === "sarif"
        ? renderSarif({ findings, cwd, problems })
        : renderText(findings, { summary, quiet: parsed.quiet, statistics: parsed.statistics, verbose: parsed.verbose });
  const write = useStdin && parsed.fix ? io.err : io.out;
  write(output);
  if (parsed.format !== "text" && (parsed.verbose || parsed.statistics)) io.err(checkedLine(summary) + "\n");
  if (problems.length > 0) return 2;
  return findings.length > 0 && !parsed.exitZero ? 1 : 0;
}

/** Reads a file's text as a document: a notebook for `.ipynb`, otherwise Python. Reports unreadable notebooks. */
function load(file: { name: string; text: string; bom: boolean; report: (message: string) => void }): { document: SourceDocument | null; notebook: boolean } {
  const { name, text, bom, report } = file;
  if (!name.toLowerCase().endsWith(".ipynb")) return { document: new PythonDocument(text, bom), notebook: false };
  try {
    const notebook = parseNotebook(text);
    // A notebook whose kernel is not Python is not ours to check.
    if (!isPythonNotebook(notebook)) return { document: null, notebook: true };
    return { document: new NotebookDocument(notebook, bom), notebook: true };
  } catch (error) {
    if (!(error instanceof NotebookError)) throw error;
    report(`${error.message}; not checked`);
    return { document: null, notebook: true };
  }
}

/** Where each file's configuration comes from: `--isolated` (none), `--config FILE`, or the closest pyproject.toml. */
function configSource(parsed: CheckArgs, cwd: string, shown: (p: string) => string) {
  if (parsed.isolated) {
    return { forFile: () => null, forDirectory: () => null, isExcluded: () => false };
  }
  if (parsed.config !== null) {
    const file = path.resolve(cwd, parsed.config);
    const config: ProjectConfig = loadConfigFile(file, shown(file));
    return { forFile: () => config, forDirectory: () => config, isExcluded: (p: string, isDir: boolean) => isExcludedBy(config, { path: p, isDir }) };
  }
  const finder = new ConfigFinder(shown);
  return {
    forFile: (file: string) => finder.forDirectory(path.dirname(file)),
    forDirectory: (dir: string) => finder.forDirectory(dir),
    isExcluded: (p: string, isDir: boolean) => finder.isExcluded(p, isDir),
  };
}

/** A path as printed: relative to the working folder when inside it, else absolute. */
export function displayPath(absolute: string, cwd: string): string {
  const relative = path.relative(cwd, absolute);
  return relative === "" ? "." : relative.startsWith("..") || path.isAbsolute(relative) ? absolute : relative;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
