// The CLI's renderers: engine findings (0-based UTF-16 offsets) become the CLI's contract (1-based lines, code-point
// columns, notebook cells), printed as text (Ruff's concise style), JSON, or SARIF 2.1.0 for code scanning.
// The JSON and SARIF shapes are public interfaces, documented in docs/output-formats.md: keep names and meanings stable.
import { createHash } from "node:crypto";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { RULES } from "../rules/registry";
import type { Finding, FixSafety, RuleCode, Severity } from "../rules/types";
import { PROJECT_URI, ruleDocUri, TOOL_NAME, VERSION } from "./about";

/** A range as the CLI reports it: 1-based lines, 1-based columns counted in Unicode code points; end exclusive. */
export interface CliRange {
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
}

export interface CliEdit extends CliRange {
  readonly newText: string;
}

export interface CliFix {
  readonly message: string;
  readonly safety: FixSafety;
  /** In the same coordinates as the finding (for notebooks: relative to the finding's cell). */
  readonly edits: readonly CliEdit[];
}

/**
 * One finding located for output. For notebooks, `cell` is the 1-based position of the cell among all of the
 * notebook's cells and the range is relative to that cell's source.
 */
export interface CliFinding extends CliRange {
  readonly code: RuleCode;
  readonly rule: string;
  readonly severity: Severity;
  readonly message: string;
  /** The file as the user named it or as found under a named folder (relative to the working folder when inside it). */
  readonly file: string;
  readonly absolutePath: string;
  readonly cell: number | null;
  readonly fix: CliFix | null;
  /** The lines of the file as stored that hold the finding (for notebooks: lines of the JSON text), for SARIF. */
  readonly storedLines: { readonly startLine: number; readonly endLine: number };
  /** The text of the finding's first line, for SARIF fingerprints that survive lines moving. */
  readonly lineText: string;
}

/** A Finding's offsets translated into the CLI's coordinates. */
export interface Locator {
  /** Where an offset of the analysed text is: 1-based cell (null outside notebooks), line and code-point column. */
  locate(offset: number): { readonly cell: number | null; readonly line: number; readonly column: number };
  /** The stored-file line (1-based) of a located line, and the text of that line. */
  stored(cell: number | null, line: number): { readonly line: number; readonly text: string };
}

/** Locates a finding for output. A fix whose edits leave the finding's cell is dropped (it cannot be applied either). */
export function locateFinding(finding: Finding, where: { readonly file: string; readonly absolutePath: string; readonly locator: Locator }): CliFinding {
  const start = where.locator.locate(finding.span.start);
  const end = where.locator.locate(Math.max(finding.span.start, finding.span.end));
  const sameCell = end.cell === start.cell;
  const endLine = sameCell ? end.line : start.line;
  const endColumn = sameCell ? end.column : start.column;
  let fix: CliFix | null = null;
  if (finding.fix !== null) {
    const edits: CliEdit[] = [];
    for (const edit of finding.fix.edits) {
      const a = where.locator.locate(edit.span.start);
      const b = where.locator.locate(edit.span.end);
      if (a.cell !== start.cell || b.cell !== start.cell) {
        edits.length = 0;
        break;
      }
      edits.push({ line: a.line, column: a.column, endLine: b.line, endColumn: b.column, newText: edit.newText });
    }
    if (edits.length > 0) fix = { message: finding.fix.message, safety: finding.fix.safety, edits };
  }
  const first = where.locator.stored(start.cell, start.line);
  const last = where.locator.stored(start.cell, endLine);
  return {
    code: finding.code,
    rule: finding.rule,
    severity: finding.severity,
    message: finding.message,
    file: where.file,
    absolutePath: where.absolutePath,
    cell: start.cell,
    line: start.line,
    column: start.column,
    endLine,
    endColumn,
    fix,
    storedLines: { startLine: first.line, endLine: Math.max(first.line, last.line) },
    lineText: first.text,
  };
}

/** What the text summary reports besides the findings. */
export interface RunSummary {
  readonly files: number;
  readonly notebooks: number;
  readonly seconds: number;
  /** Fixes applied by `--fix`. */
  readonly fixed: number;
  readonly fixMode: boolean;
  readonly unsafeFixes: boolean;
}

export interface TextOptions {
  readonly summary: RunSummary;
  /** Findings only: no summary. */
  readonly quiet: boolean;
  /** Counts per rule instead of the findings, then the summary with files and time. */
  readonly statistics: boolean;
  /** Adds how many files were checked and the time taken. */
  readonly verbose: boolean;
}

/** True when `--fix` (with `--unsafe-fixes` when the fix is unsafe) would apply the finding's fix. */
export function isApplicable(finding: CliFinding, unsafeFixes: boolean): boolean {
  return finding.fix !== null && (finding.fix.safety === "safe" || unsafeFixes);
}

/** `path:line:col: NV001 message` per finding (Ruff's concise format), then Ruff's summary lines. */
export function renderText(findings: readonly CliFinding[], options: TextOptions): string {
  const summary = options.summary;
  const out: string[] = [];
  const marker = (f: CliFinding) => (isApplicable(f, summary.unsafeFixes) ? "[*] " : "");
  if (options.statistics) {
    out.push(...statisticsTable(findings, summary.unsafeFixes));
  } else {
    for (const f of findings) {
      const cell = f.cell === null ? "" : `cell ${f.cell}:`;
      out.push(`${f.file}:${cell}${f.line}:${f.column}: ${f.code} ${marker(f)}${f.message}`);
    }
  }
  if (options.quiet) return out.length === 0 ? "" : out.join("\n") + "\n";
  const total = findings.length;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : word.endsWith("x") ? "es" : "s"}`;
  if (total + summary.fixed === 0) out.push("All checks passed!");
  else if (summary.fixMode) out.push(`Found ${plural(total + summary.fixed, "error")} (${summary.fixed} fixed, ${total} remaining).`);
  else out.push(`Found ${plural(total, "error")}.`);
  const applicable = findings.filter((f) => isApplicable(f, summary.unsafeFixes)).length;
  const hidden = findings.filter((f) => f.fix !== null && !isApplicable(f, summary.unsafeFixes)).length;
  const hiddenNote = `${plural(hidden, "hidden fix")} can be enabled with the \`--unsafe-fixes\` option`;
  if (applicable > 0 && !summary.fixMode) out.push(`[*] ${applicable} fixable with the \`--fix\` option${hidden > 0 ? ` (${hiddenNote})` : ""}.`);
  else if (hidden > 0) out.push(`No fixes available (${hiddenNote}).`);
  if (options.verbose || options.statistics) out.push(checkedLine(summary));
  return out.join("\n") + "\n";
}

/** `Checked 973 files in 8.41s.`, with notebooks counted when there are some. */
export function checkedLine(summary: Pick<RunSummary, "files" | "notebooks" | "seconds">): string {
  const files = `${summary.files} file${summary.files === 1 ? "" : "s"}`;
  const notebooks = summary.notebooks > 0 ? ` (${summary.notebooks} notebook${summary.notebooks === 1 ? "" : "s"})` : "";
  return `Checked ${files}${notebooks} in ${summary.seconds.toFixed(2)}s.`;
}

function statisticsTable(findings: readonly CliFinding[], unsafeFixes: boolean): string[] {
  const byCode = new Map<string, { count: number; rule: string; fixable: boolean }>();
  for (const f of findings) {
    const row = byCode.get(f.code) ?? { count: 0, rule: f.rule, fixable: false };
    row.count++;
    row.fixable ||= isApplicable(f, unsafeFixes);
    byCode.set(f.code, row);
  }
  const rows = [...byCode].sort((a, b) => b[1].count - a[1].count || a[0].localeCompare(b[0]));
  const width = Math.max(0, ...rows.map(([, r]) => String(r.count).length));
  return rows.map(([code, r]) => `${String(r.count).padStart(width)}\t${code}\t${r.fixable ? "[*] " : ""}${r.rule}`);
}

/**
 * One entry of `check --format json` (the output is an array of these). A public interface:
 * `line`/`column` are 1-based, columns count code points, ends are exclusive; for notebooks `cell` is the
 * 1-based cell and lines are relative to it (null for Python files).
 */
export interface JsonFinding {
  readonly code: string;
  readonly rule: string;
  readonly severity: Severity;
  readonly message: string;
  readonly file: string;
  readonly cell: number | null;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  readonly fix: {
    readonly message: string;
    readonly safety: FixSafety;
    readonly edits: readonly {
      readonly line: number;
      readonly column: number;
      readonly endLine: number;
      readonly endColumn: number;
      readonly newText: string;
    }[];
  } | null;
}

export function toJsonFinding(f: CliFinding): JsonFinding {
  return {
    code: f.code,
    rule: f.rule,
    severity: f.severity,
    message: f.message,
    file: f.file,
    cell: f.cell,
    line: f.line,
    column: f.column,
    endLine: f.endLine,
    endColumn: f.endColumn,
    fix:
      f.fix === null
        ? null
        : {
            message: f.fix.message,
            safety: f.fix.safety,
            edits: f.fix.edits.map((e) => ({ line: e.line, column: e.column, endLine: e.endLine, endColumn: e.endColumn, newText: e.newText })),
          },
  };
}

export function renderJson(findings: readonly CliFinding[]): string {
  return JSON.stringify(findings.map(toJsonFinding), null, 2) + "\n";
}

/** SARIF's name for a severity. */
export function sarifLevel(severity: Severity): "error" | "warning" | "note" {
  return severity === "error" ? "error" : severity === "warning" ? "warning" : "note";
}

/** A problem that kept a file from being checked, reported in SARIF as a tool execution notification. */
export interface RunProblem {
  readonly file: string;
  readonly message: string;
}

/**
 * SARIF 2.1.0 as GitHub code scanning reads it: one run, every rule in `tool.driver.rules`, paths relative to
 * `%SRCROOT%` (the working folder). Notebook findings point at the lines of the notebook's JSON that hold the
 * cell's source lines (what a viewer of the raw file sees), with the cell and cell-relative range in `properties`.
 */
export function renderSarif(run: { readonly findings: readonly CliFinding[]; readonly cwd: string; readonly problems: readonly RunProblem[] }): string {
  const ruleIndex = new Map(RULES.map((r, i) => [r.code, i]));
  const occurrences = new Map<string, number>();
  const results = run.findings.map((f) => {
    const uri = artifactUri(f.absolutePath, run.cwd);
    // NOTE: the fingerprint hashes the rule, the relative path, the line's text and its occurrence on that text,
    // never the line number: findings keep their identity when code above them moves.
    const key = `${f.code}\0${uri.uri}\0${f.lineText.trim()}`;
    const occurrence = occurrences.get(key) ?? 0;
    occurrences.set(key, occurrence + 1);
    const region =
      f.cell === null
        ? { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn }
        : { startLine: f.storedLines.startLine, endLine: f.storedLines.endLine };
    const result: Record<string, unknown> = {
      ruleId: f.code,
      ruleIndex: ruleIndex.get(f.code) ?? -1,
      level: sarifLevel(f.severity),
      message: { text: f.message },
      locations: [
        {
          physicalLocation: { artifactLocation: uri, region },
          ...(f.cell === null ? {} : { properties: { cell: f.cell, line: f.line, column: f.column, endLine: f.endLine, endColumn: f.endColumn } }),
        },
      ],
      partialFingerprints: {
        [`${TOOL_NAME}/v1`]: createHash("sha256").update(`${key}\0${occurrence}`).digest("hex").slice(0, 32),
      },
    };
    if (f.fix !== null && f.cell === null) {
      result["fixes"] = [
        {
          description: { text: f.fix.message },
          artifactChanges: [
            {
              artifactLocation: uri,
              replacements: f.fix.edits.map((e) => ({
                deletedRegion: { startLine: e.line, startColumn: e.column, endLine: e.endLine, endColumn: e.endColumn },
                insertedContent: { text: e.newText },
              })),
            },
          ],
        },
      ];
    }
    return result;
  });
  const log = {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: TOOL_NAME,
            version: VERSION,
            semanticVersion: VERSION,
            informationUri: PROJECT_URI,
            rules: RULES.map((r) => ({
              id: r.code,
              name: r.name,
              shortDescription: { text: r.summary },
              fullDescription: { text: r.rationale },
              helpUri: ruleDocUri(r.code),
              help: { text: `${r.summary} See ${ruleDocUri(r.code)}`, markdown: `${r.summary}\n\n[${r.code} documentation](${ruleDocUri(r.code)})` },
              defaultConfiguration: { level: sarifLevel(r.defaultSeverity) },
              properties: { tags: ["numpy", "memory", r.name] },
            })),
          },
        },
        invocations: [
          {
            executionSuccessful: run.problems.length === 0,
            toolExecutionNotifications: run.problems.map((p) => ({
              level: "error",
              message: { text: `${p.file}: ${p.message}` },
              locations: [{ physicalLocation: { artifactLocation: artifactUri(path.resolve(run.cwd, p.file), run.cwd) } }],
            })),
          },
        ],
        originalUriBaseIds: { "%SRCROOT%": { uri: pathToFileURL(run.cwd + path.sep).href } },
        columnKind: "unicodeCodePoints",
        results,
      },
    ],
  };
  return JSON.stringify(log, null, 2) + "\n";
}

/** A file's SARIF artifact location: relative to `%SRCROOT%` when inside the working folder, else an absolute file URI. */
function artifactUri(absolutePath: string, cwd: string): { uri: string; uriBaseId?: string } {
  const relative = path.relative(cwd, absolutePath);
  if (relative === "" || relative.startsWith("..") || path.isAbsolute(relative)) return { uri: pathToFileURL(absolutePath).href };
  return { uri: relative.split(path.sep).map(encodeURIComponent).join("/"), uriBaseId: "%SRCROOT%" };
}
