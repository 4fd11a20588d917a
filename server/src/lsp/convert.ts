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

/**
 * A finding as an LSP diagnostic of the document it starts in. It carries no `data`: a quick fix finds its finding
 * by code and range in the current analysis, and a diagnostic that stays put is then the same bytes from one edit to
 * the next (every diagnostic is sent again after each edit: a 5,000-line file can have hundreds).
 */
export function toDiagnostic(input: { map: TextMap; finding: Finding }): { uri: string; diagnostic: Diagnostic } {
  const { map, finding } = input;
  const { uri, range } = toLocation(map, finding.span);
  const relatedInformation: DiagnosticRelatedInformation[] = finding.related.map((r) => ({
    location: toLocation(map, r.span),
    message: r.message,
  }));
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
  return { uri, diagnostic };
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
