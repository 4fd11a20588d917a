// The one module that turns engine types (spans, findings, fixes) into LSP types (0-based UTF-16 ranges, diagnostics, edits).
import { type Diagnostic, DiagnosticSeverity, DiagnosticTag, type DiagnosticRelatedInformation, type Range, type TextEdit } from "vscode-languageserver";
import type { Span } from "../parse/ast";
import type { Finding, Fix, Severity } from "../rules/types";
import { ruleDocUri } from "../cli/about";
import type { TextMap } from "./text-map";

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
 * (same document, code, severity, tags, ranges and messages) gets the same object back, so unchanged diagnostics cost no
 * new objects and keep their JSON text (json-encoder.ts). One cache per analysed unit; {@link publish} ends a round.
 */
export class DiagnosticCache {
  /** Per document uri and start line, the diagnostics handed out: last publication's, and this one's so far. */
  private previous = new Map<string, Map<number, Diagnostic[]>>();
  private current = new Map<string, Map<number, Diagnostic[]>>();

  /** The diagnostic of `finding`: last publication's object when it is equal, else a new one. */
  diagnosticOf(map: TextMap, finding: Finding): { uri: string; diagnostic: Diagnostic } {
    const { uri, range } = toLocation(map, finding.span);
    const related = relatedOf(map, finding);
    const line = range.start.line;
    const kept = this.previous
      .get(uri)
      ?.get(line)
      ?.find((d) => sameDiagnostic(d, finding, range, related));
    const diagnostic = kept ?? diagnosticOf(finding, range, related);
    let byLine = this.current.get(uri);
    if (byLine === undefined) this.current.set(uri, (byLine = new Map()));
    const onLine = byLine.get(line);
    if (onLine === undefined) byLine.set(line, [diagnostic]);
    else onLine.push(diagnostic);
    return { uri, diagnostic };
  }

  /** Ends a publication: the diagnostics handed out since the last one are kept for the next, the rest dropped. */
  publish(): void {
    this.previous = this.current;
    this.current = new Map();
  }
}

/** True when `diagnostic` is what {@link diagnosticOf} would make of `finding` at `range` with `related`. */
function sameDiagnostic(diagnostic: Diagnostic, finding: Finding, range: Range, related: readonly DiagnosticRelatedInformation[]): boolean {
  if (diagnostic.code !== finding.code || diagnostic.message !== finding.message || diagnostic.severity !== SEVERITY[finding.severity]) return false;
  if ((diagnostic.tags !== undefined) !== finding.unnecessary || !sameRange(diagnostic.range, range)) return false;
  const keptRelated = diagnostic.relatedInformation ?? [];
  if (keptRelated.length !== related.length) return false;
  return keptRelated.every((r, i) => {
    const other = related[i];
    return other !== undefined && r.message === other.message && r.location.uri === other.location.uri && sameRange(r.location.range, other.location.range);
  });
}

function sameRange(a: Range, b: Range): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
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
