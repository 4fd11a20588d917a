// Runs the rules over one text: engine analysis → rule findings → options (select/ignore/severity) → `# noqa`.
import type { Analysis, AnalyzeOptions, Engine } from "../engine/engine";
import { parseNoqa, suppresses } from "./noqa";
import { RULE_IMPLEMENTATIONS } from "./all";
import { DEFAULT_OPTIONS, type Fix, type Finding, type RuleCode, type RuleOptions, type Severity } from "./types";

export interface CheckResult {
  /** Findings left after options and `# noqa`, sorted by position. */
  readonly findings: readonly Finding[];
  /** How many findings a `# noqa` comment suppressed. */
  readonly suppressed: number;
  readonly analysis: Analysis;
}

/** True when `options` enable rule `code` (ignore wins over select; both accept prefixes such as `NV00`). */
export function isEnabled(code: RuleCode, options: RuleOptions): boolean {
  const matches = (patterns: readonly string[]) => patterns.some((p) => p.toUpperCase() === "ALL" || code.startsWith(p.toUpperCase()));
  if (matches(options.ignore)) return false;
  if (options.select !== null && !matches(options.select)) return false;
  return options.severity[code] !== "off";
}

/** Analyses `text` and returns the findings of the enabled rules. Never throws on malformed code. */
export function checkText(engine: Engine, text: string, options: RuleOptions = DEFAULT_OPTIONS, analyze: Pick<AnalyzeOptions, "document"> = {}): CheckResult {
  const analysis = engine.analyzeSource(text, { ...analyze, events: true });
  if (!analysis.usesNumpy) return { findings: [], suppressed: 0, analysis };
  const raw: Finding[] = [];
  for (const rule of RULE_IMPLEMENTATIONS) {
    if (!isEnabled(rule.meta.code, options)) continue;
    const setting = options.severity[rule.meta.code];
    const severity: Severity = setting === undefined || setting === "off" ? rule.meta.defaultSeverity : setting;
    for (const f of rule.check(analysis, options)) raw.push(severity === f.severity ? f : { ...f, severity });
  }
  const noqaByLine = new Map<number, ReturnType<typeof parseNoqa>>();
  const noqaAt = (offset: number) => {
    const line = analysis.lines.position(offset).line;
    let noqa = noqaByLine.get(line);
    if (noqa === undefined) {
      noqa = parseNoqa(analysis.lines.lineText(line));
      noqaByLine.set(line, noqa);
    }
    return noqa;
  };
  // No `noqa` anywhere (most files): nothing to look up, and no line table to build on every keystroke.
  const mayBeSuppressed = /noqa/i.test(analysis.text);
  const findings: Finding[] = [];
  let suppressed = 0;
  for (const f of raw) {
    if (mayBeSuppressed && suppresses(noqaAt(f.span.start), f.code)) suppressed++;
    else findings.push(f);
  }
  findings.sort(byPosition);
  return { findings: dedupe(findings), suppressed, analysis };
}

/** By start, code and end (codes are ASCII: plain comparison orders them as `localeCompare` would, only faster). */
function byPosition(a: Finding, b: Finding): number {
  return a.span.start - b.span.start || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0) || a.span.end - b.span.end;
}

/** Drops repeats of a finding (same code and span) from findings sorted by {@link byPosition}: the first one stays. */
function dedupe(findings: Finding[]): Finding[] {
  return findings.filter((f, i) => {
    const previous = findings[i - 1];
    return previous === undefined || byPosition(previous, f) !== 0;
  });
}

/**
 * Applies fixes to `text`. Fixes whose edits overlap an already applied fix are skipped (a second
 * `--fix` pass picks them up). Returns the new text and how many fixes were applied.
 */
export function applyFixes(text: string, fixes: readonly Fix[]): { text: string; applied: number } {
  const taken: { start: number; end: number }[] = [];
  const edits: { start: number; end: number; newText: string }[] = [];
  let applied = 0;
  for (const fix of fixes) {
    const spans = fix.edits.map((e) => e.span);
    const overlaps = spans.some((s) => taken.some((t) => (s.start < t.end && t.start < s.end) || (s.start === s.end && s.start === t.start)));
    if (overlaps) continue;
    for (const e of fix.edits) {
      taken.push({ start: e.span.start, end: e.span.end });
      edits.push({ start: e.span.start, end: e.span.end, newText: e.newText });
    }
    applied++;
  }
  edits.sort((a, b) => b.start - a.start || b.end - a.end);
  let out = text;
  for (const e of edits) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return { text: out, applied };
}
