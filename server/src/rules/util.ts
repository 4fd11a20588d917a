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

/**
 * What a rule's findings for one event read besides the event and the options (check.ts keeps them per event, and
 * reuses them while these are unchanged): the source text of the spans it quoted, and the edit spans it placed at an
 * end of an event's span. The events of a function the engine reuses are the same objects, their spans moved in place;
 * findings share those span objects, except these edit spans, which {@link replaceDerivedSpans} moves alike.
 */
export interface FindingInputs {
  readonly quotes: { readonly span: Span; readonly length: number; readonly hash: number }[];
  readonly derived: { readonly edit: { start: number; end: number }; readonly from: Span; readonly side: "start" | "end" }[];
}

/** The inputs being recorded ({@link recordInputs}), if any. */
let recording: FindingInputs | null = null;

/** Runs `rules` and returns their result with what they read of the text and where they placed edits. */
export function recordInputs<T>(rules: () => T): { readonly result: T; readonly inputs: FindingInputs } {
  const outer = recording;
  const inputs: FindingInputs = { quotes: [], derived: [] };
  recording = inputs;
  try {
    return { result: rules(), inputs };
  } finally {
    recording = outer;
  }
}

/** True while the text of every span recorded in `inputs` is still what the rules read (no allocation). */
export function sameInputs(inputs: FindingInputs, text: string): boolean {
  for (const q of inputs.quotes) {
    if (q.span.end - q.span.start !== q.length || q.span.end > text.length || hashText(text, q.span.start, q.span.end) !== q.hash) return false;
  }
  return true;
}

/** Moves the recorded edit spans to where their events' spans are now. */
export function replaceDerivedSpans(inputs: FindingInputs): void {
  for (const d of inputs.derived) {
    const at = d.side === "start" ? d.from.start : d.from.end;
    d.edit.start = at;
    d.edit.end = at;
  }
}

/** Two 32-bit hashes (FNV-1a and djb2) of `text[start, end)` folded into one number below 2 ** 53. */
function hashText(text: string, start: number, end: number): number {
  let fnv = 0x811c9dc5;
  let djb = 5381;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    fnv = Math.imul(fnv ^ c, 0x01000193);
    djb = (Math.imul(djb, 33) + c) | 0;
  }
  return (fnv >>> 0) * 0x200000 + ((djb >>> 0) & 0x1fffff);
}

/** The source text of a span, shortened to one line for messages. */
export function quote(analysis: Analysis, span: Span, max = 40): string {
  if (recording !== null) recording.quotes.push({ span, length: span.end - span.start, hash: hashText(analysis.text, span.start, span.end) });
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
  if (primary) return [{ span: at(span, "end"), newText: ".copy()" }];
  return [
    { span: at(span, "start"), newText: "(" },
    { span: at(span, "end"), newText: ").copy()" },
  ];
}

/** An empty span at one end of `span` (recorded: it moves with `span`, see {@link FindingInputs}). */
function at(span: Span, side: "start" | "end"): Span {
  const offset = side === "start" ? span.start : span.end;
  const edit = { start: offset, end: offset };
  if (recording !== null) recording.derived.push({ edit, from: span, side });
  return edit;
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
