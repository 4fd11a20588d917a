// The one module that turns engine types (spans, findings, fixes) into LSP types (0-based UTF-16 ranges, diagnostics, edits).
import { type Diagnostic, DiagnosticSeverity, DiagnosticTag, type DiagnosticRelatedInformation, type Range, type TextEdit } from "vscode-languageserver";
import type { Span } from "../parse/ast";
import type { Finding, Fix, Severity } from "../rules/types";
import { ruleDocUri } from "../cli/about";
import type { SourceDocument, TextMap } from "./text-map";

/** Every diagnostic's `source`. */
export const DIAGNOSTIC_SOURCE = "numpy-views";

/** The documentation page of a rule code. */
export function ruleDocUrl(code: string): string {
  return ruleDocUri(code);
}

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** A span of the analysed text as a document uri and range. A span crossing into another cell is cut at its first cell's end. */
export function toLocation(map: TextMap, span: Span): { uri: string; range: Range } {
  const doc = map.single;
  if (doc !== null) {
    // The range the diagnostic cache compares kept diagnostics with, by construction.
    spanRange(doc, span, SCRATCH);
    const [line = 0, character = 0, endLine = 0, endCharacter = 0] = SCRATCH;
    return { uri: doc.uri, range: { start: { line, character }, end: { line: endLine, character: endCharacter } } };
  }
  const start = map.locate(span.start);
  const end = map.locate(Math.max(span.start, span.end));
  const endOffset = end.doc === start.doc ? end.offset : start.doc.text.length;
  return {
    uri: start.doc.uri,
    range: { start: start.doc.lines.position(start.offset), end: start.doc.lines.position(endOffset) },
  };
}

function relatedOf(map: TextMap, finding: Finding): DiagnosticRelatedInformation[] {
  return finding.related.map((r) => ({ location: toLocation(map, r.span), message: r.message }));
}

/**
 * A finding as an LSP diagnostic of the document it starts in. It carries no `data`: a quick fix finds its finding
 * by code and range in the current analysis, and a diagnostic that stays put is then the same bytes from one edit to
 * the next (every diagnostic is sent again after each edit: a 5,000-line file can have hundreds).
 */
function diagnosticOf(finding: Finding, range: Range, relatedInformation: DiagnosticRelatedInformation[]): Diagnostic {
  const diagnostic: Diagnostic = {
    range,
    severity: SEVERITY[finding.severity],
    code: finding.code,
    codeDescription: { href: ruleDocUrl(finding.code) },
    source: DIAGNOSTIC_SOURCE,
    message: finding.message,
  };
  if (relatedInformation.length > 0) diagnostic.relatedInformation = relatedInformation;
  if (finding.unnecessary) diagnostic.tags = [DiagnosticTag.Unnecessary];
  return diagnostic;
}

/**
 * Diagnostics kept from one publication to the next. A finding that converts to the same diagnostic as last time
 * (same code, severity, tags, ranges and messages) gets the same object back, so unchanged diagnostics cost no new
 * objects and keep their JSON text (json-encoder.ts). One cache per analysed unit; {@link publish} ends a round.
 *
 * Findings come sorted by position, as the diagnostics of the last round were made: one cursor walks the last
 * round's list alongside, and a finding is compared, without building its ranges, with the kept diagnostics that start
 * where it starts. Only plain files are matched (a notebook's cells are converted afresh each time: they are small).
 */
export class DiagnosticCache {
  private previous: Diagnostic[] = [];
  private current: Diagnostic[] = [];
  /** The first diagnostic of {@link previous} that does not start before the last finding asked for. */
  private cursor = 0;

  /** The diagnostic of `finding`: last publication's object when it is equal, else a new one. */
  diagnosticOf(map: TextMap, finding: Finding): { uri: string; diagnostic: Diagnostic } {
    const doc = map.single;
    const kept = doc === null ? undefined : this.match(doc, finding);
    let uri: string;
    let diagnostic: Diagnostic;
    if (kept !== undefined && doc !== null) {
      uri = doc.uri;
      diagnostic = kept;
    } else {
      const location = toLocation(map, finding.span);
      uri = location.uri;
      diagnostic = diagnosticOf(finding, location.range, relatedOf(map, finding));
    }
    this.current.push(diagnostic);
    return { uri, diagnostic };
  }

  /** Ends a publication: the diagnostics handed out since the last one are kept for the next, the rest dropped. */
  publish(): void {
    this.previous = this.current;
    this.current = [];
    this.cursor = 0;
  }

  private match(doc: SourceDocument, finding: Finding): Diagnostic | undefined {
    spanRange(doc, finding.span, SCRATCH);
    const line = SCRATCH[0] ?? 0;
    const character = SCRATCH[1] ?? 0;
    const endLine = SCRATCH[2] ?? 0;
    const endCharacter = SCRATCH[3] ?? 0;
    const previous = this.previous;
    // NOTE: plain loops, no closures: this runs for every finding on every keystroke.
    for (; this.cursor < previous.length; this.cursor++) {
      const start = (previous[this.cursor] as Diagnostic).range.start;
      if (start.line > line || (start.line === line && start.character >= character)) break;
    }
    for (let i = this.cursor; i < previous.length; i++) {
      const candidate = previous[i] as Diagnostic;
      if (candidate.range.start.line !== line || candidate.range.start.character !== character) return undefined;
      if (candidate.range.end.line === endLine && candidate.range.end.character === endCharacter && sameDiagnostic(candidate, finding, doc)) return candidate;
    }
    return undefined;
  }
}

/** Scratch space for {@link spanRange} (so comparing a finding with a kept diagnostic allocates nothing). */
const SCRATCH = [0, 0, 0, 0];

/** The range of `span` in a single-document map (what {@link toLocation} gives), as start line, character, end line, character. */
function spanRange(doc: SourceDocument, span: Span, out: number[]): void {
  const length = doc.text.length;
  const start = Math.max(0, Math.min(span.start, length));
  const end = Math.max(0, Math.min(Math.max(span.start, span.end), length));
  const startLine = doc.lines.lineAt(start);
  // Most spans end on the line they start on: no second search then.
  const endLine = end < doc.lines.lineStart(startLine + 1) || startLine + 1 >= doc.lines.lineCount ? startLine : doc.lines.lineAt(end);
  out[0] = startLine;
  out[1] = start - doc.lines.lineStart(startLine);
  out[2] = endLine;
  out[3] = end - doc.lines.lineStart(endLine);
}

function rangeIs(range: Range, doc: SourceDocument, span: Span): boolean {
  spanRange(doc, span, SCRATCH);
  return range.start.line === SCRATCH[0] && range.start.character === SCRATCH[1] && range.end.line === SCRATCH[2] && range.end.character === SCRATCH[3];
}

/**
 * True when `diagnostic`, whose range is already known to be that of `finding`'s span, is what {@link diagnosticOf}
 * makes of `finding` in the single document `doc`.
 */
function sameDiagnostic(diagnostic: Diagnostic, finding: Finding, doc: SourceDocument): boolean {
  if (diagnostic.code !== finding.code || diagnostic.message !== finding.message || diagnostic.severity !== SEVERITY[finding.severity]) return false;
  if ((diagnostic.tags !== undefined) !== finding.unnecessary) return false;
  const kept = diagnostic.relatedInformation;
  const related = finding.related;
  if ((kept?.length ?? 0) !== related.length) return false;
  for (let i = 0; i < related.length; i++) {
    const k = kept?.[i];
    const r = related[i];
    if (k === undefined || r === undefined || k.message !== r.message || k.location.uri !== doc.uri || !rangeIs(k.location.range, doc, r.span)) return false;
  }
  return true;
}

/**
 * A fix's edits grouped by document. Returns null when an edit would cross a cell boundary
 * (such a fix cannot be expressed as edits of single cells).
 */
export function toTextEdits(map: TextMap, fix: Fix): Map<string, TextEdit[]> | null {
  const byUri = new Map<string, TextEdit[]>();
  for (const edit of fix.edits) {
    const start = map.locate(edit.span.start);
    const end = map.locate(edit.span.end);
    if (start.doc !== end.doc) return null;
    const list = byUri.get(start.doc.uri) ?? [];
    list.push({
      range: { start: start.doc.lines.position(start.offset), end: start.doc.lines.position(end.offset) },
      newText: edit.newText,
    });
    byUri.set(start.doc.uri, list);
  }
  return byUri;
}
