// Helpers shared by the rules: sizes, quoting source, building findings and `.copy()` edits.
import type { Analysis, BufferFacts, EngineEvent, ViewFacts } from "../engine/engine";
import type { Span } from "../parse/ast";
import { formatBytes } from "./size";
import type { Finding, Fix, RelatedLocation, RuleMeta, RuleOptions, TextEdit } from "./types";

/** Entries that allocate an array to be filled: writing into it through views is the point. */
export const OUTPUT_ORIGINS = new Set([
  "numpy.zeros",
  "numpy.empty",
  "numpy.ones",
  "numpy.full",
  "numpy.zeros_like",
  "numpy.empty_like",
  "numpy.ones_like",
  "numpy.full_like",
  "ndarray.copy",
  "numpy.copy",
]);

/** A base counts as large from the threshold, or when read from a file and of unknown size. */
export function isLarge(buffer: BufferFacts, options: RuleOptions): boolean {
  return buffer.nbytes !== null ? buffer.nbytes >= options.thresholdBytes : buffer.fromFile;
}

/** A view is much smaller than its base: by bytes when both are known, else by how it was indexed. */
export function isMuchSmaller(view: ViewFacts, buffer: BufferFacts, options: RuleOptions): boolean {
  if (view.nbytes !== null && buffer.nbytes !== null) return view.nbytes <= options.ratio * buffer.nbytes;
  return view.smaller;
}

/** "all 160 MB of `huge`", or "all of `huge` (read from a file)" when the size is unknown. */
export function allOf(buffer: BufferFacts, base: string): string {
  if (buffer.nbytes !== null) return `all ${formatBytes(buffer.nbytes)} of ${base}`;
  return buffer.fromFile ? `all of ${base} (read from a file)` : `all of ${base}`;
}

/** The source text of a span, shortened to one line for messages. */
export function quote(analysis: Analysis, span: Span, max = 40): string {
  const text = analysis.text.slice(span.start, span.end).replace(/\s*\n\s*/g, " ");
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** How a base is named in messages: `` `huge` `` or the expression that made it (no line numbers: notebooks number lines per cell; related locations say where). */
export function baseLabel(analysis: Analysis, buffer: BufferFacts, name: string | null): string {
  const n = name ?? buffer.ownerName;
  if (n !== null) return `\`${n}\``;
  if (buffer.site !== null) return `the array made by \`${quote(analysis, buffer.site)}\``;
  return "its base";
}

/** Edits that append `.copy()` to an expression (in parentheses when it is not a primary). */
export function appendCopy(span: Span, primary: boolean): TextEdit[] {
  if (primary) return [{ span: { start: span.end, end: span.end }, newText: ".copy()" }];
  return [
    { span: { start: span.start, end: span.start }, newText: "(" },
    { span: { start: span.end, end: span.end }, newText: ").copy()" },
  ];
}

export function copyFix(meta: RuleMeta, edits: TextEdit[], message = "Append `.copy()`"): Fix | null {
  if (meta.fix === null || edits.length === 0) return null;
  return { message, safety: meta.fix.safety, edits };
}

export function finding(
  meta: RuleMeta,
  span: Span,
  message: string,
  extra: { related?: RelatedLocation[]; fix?: Fix | null; unnecessary?: boolean } = {},
): Finding {
  return {
    code: meta.code,
    rule: meta.name,
    severity: meta.defaultSeverity,
    message,
    span,
    related: extra.related ?? [],
    fix: extra.fix ?? null,
    unnecessary: extra.unnecessary ?? false,
  };
}

/** Where a base buffer was made, as a related location. */
export function baseRelated(buffer: BufferFacts, name: string | null): RelatedLocation[] {
  if (buffer.site === null) return [];
  const size = buffer.nbytes !== null ? ` (${formatBytes(buffer.nbytes)})` : buffer.fromFile ? " (read from a file)" : "";
  return [{ span: buffer.site, message: `${name !== null ? `\`${name}\`` : "The base"} is made here${size}` }];
}

/** Runs `check` on every event of one kind and keeps the findings: the body of most rules. */
export function findingsFor<K extends EngineEvent["kind"]>(
  analysis: Analysis,
  kind: K,
  check: (event: Extract<EngineEvent, { kind: K }>) => Finding | null,
): Finding[] {
  const out: Finding[] = [];
  for (const ev of analysis.events) {
    if (ev.kind !== kind) continue;
    const f = check(ev as Extract<EngineEvent, { kind: K }>);
    if (f !== null) out.push(f);
  }
  return out;
}
