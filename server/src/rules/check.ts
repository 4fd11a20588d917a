// Runs the rules over one text: engine analysis → rule findings → options (select/ignore/severity) → `# noqa`.
import type { Analysis, AnalyzeOptions, Engine, EngineEvent } from "../engine/engine";
import { parseNoqa, suppresses } from "./noqa";
import { RULE_IMPLEMENTATIONS } from "./all";
import { DEFAULT_OPTIONS, type Fix, type Finding, type RuleCode, type RuleOptions } from "./types";
import { type FindingInputs, recordInputs, replaceDerivedSpans, sameInputs } from "./util";

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

/** One event's findings (severities applied) and what they read besides the event and the options. */
interface EventFindings {
  readonly findings: readonly Finding[];
  readonly inputs: FindingInputs;
}

/**
 * Findings by event, per rule options (the last few sets: documents in folders configured differently). A document's
 * next analysis reuses the events of the functions it did not re-analyse (the same objects, their spans moved in
 * place: engine.ts), so their findings are kept too, as long as the text they quote is unchanged: a keystroke then
 * builds findings, messages and diagnostics only for what it re-analysed (on a 5,000-line file, a few instead of 712),
 * and an unchanged finding stays the same object from one keystroke to the next.
 */
const keptByOptions = new Map<string, WeakMap<EngineEvent, EventFindings>>();
const KEPT_OPTION_SETS = 8;

function keptFindings(options: RuleOptions): WeakMap<EngineEvent, EventFindings> {
  const key = JSON.stringify(options);
  let byEvent = keptByOptions.get(key);
  if (byEvent === undefined) byEvent = new WeakMap();
  // Most recently used last.
  keptByOptions.delete(key);
  keptByOptions.set(key, byEvent);
  for (const oldest of keptByOptions.keys()) {
    if (keptByOptions.size <= KEPT_OPTION_SETS) break;
    keptByOptions.delete(oldest);
  }
  return byEvent;
}

/** An event's kept findings while it and the text they quote are unchanged (their edit spans moved), else new ones. */
function keptFor(
  byEvent: WeakMap<EngineEvent, EventFindings>,
  event: EngineEvent,
  text: string,
  findingsOf: (event: EngineEvent) => Finding[],
): readonly Finding[] {
  const kept = byEvent.get(event);
  if (kept !== undefined && sameInputs(kept.inputs, text)) {
    replaceDerivedSpans(kept.inputs);
    return kept.findings;
  }
  const { result, inputs } = recordInputs(() => findingsOf(event));
  byEvent.set(event, { findings: result, inputs });
  return result;
}

/** Analyses `text` and returns the findings of the enabled rules. Never throws on malformed code. */
export function checkText(engine: Engine, text: string, options: RuleOptions = DEFAULT_OPTIONS, analyze: Pick<AnalyzeOptions, "document"> = {}): CheckResult {
  const analysis = engine.analyzeSource(text, { ...analyze, events: true });
  if (!analysis.usesNumpy) return { findings: [], suppressed: 0, analysis };
  const rules = RULE_IMPLEMENTATIONS.filter((rule) => isEnabled(rule.meta.code, options)).map((rule) => {
    const setting = options.severity[rule.meta.code];
    return { rule, severity: setting === undefined || setting === "off" ? rule.meta.defaultSeverity : setting };
  });
  // The rules see one event at a time: each finding comes from one event, the options and the text it quotes.
  const slot: EngineEvent[] = [];
  const one: Analysis = {
    text: analysis.text,
    usesNumpy: true,
    events: slot,
    expressions: [],
    bindings: [],
    syntaxErrors: analysis.syntaxErrors,
    lines: analysis.lines,
  };
  const findingsOf = (event: EngineEvent): Finding[] => {
    slot[0] = event;
    const out: Finding[] = [];
    for (const { rule, severity } of rules) for (const f of rule.check(one, options)) out.push(severity === f.severity ? f : { ...f, severity });
    return out;
  };
  const byEvent = analyze.document === undefined ? null : keptFindings(options);
  const raw: Finding[] = [];
  for (const event of analysis.events) {
    for (const f of byEvent === null ? findingsOf(event) : keptFor(byEvent, event, analysis.text, findingsOf)) raw.push(f);
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
