// Words for engine facts, shared by hovers and inlay hints: what a binding is (view of `arr`, copy, same object as `x`),
// its shape, dtype and size, and for a view where its base was made and how much it keeps alive.
import type { BindingReport } from "../engine/engine";
import { formatBytes } from "../rules/size";
import type { RuleMeta } from "../rules/types";
import { ruleDocUrl } from "./convert";
import { placeLabel, type TextMap } from "./text-map";

/** `(2, 3)`, `(10,)`, `(?, 3)`; null when the shape is not known. */
export function formatShape(shape: readonly (number | null)[] | null): string | null {
  if (shape === null) return null;
  const dims = shape.map((d) => (d === null ? "?" : String(d)));
  return dims.length === 1 ? `(${dims[0]},)` : `(${dims.join(", ")})`;
}

const MAX_SNIPPET = 60;

/** Source text of a span on one line, shortened for messages. */
function snippet(text: string, start: number, end: number): string {
  const raw = text.slice(start, end).replace(/\s+/g, " ").trim();
  return raw.length <= MAX_SNIPPET ? raw : `${raw.slice(0, MAX_SNIPPET - 1)}…`;
}

/** Inline Markdown code, safe for any content. */
export function code(text: string): string {
  const fence = text.includes("`") ? "``" : "`";
  return `${fence}${fence === "``" ? " " : ""}${text}${fence === "``" ? " " : ""}${fence}`;
}

/** Where the buffer of a binding was made: `line 3, \`np.zeros((2, 10_000_000))\`, 160 MB`; null when unknown. */
function bufferOrigin(binding: BindingReport, map: TextMap): string | null {
  const buffer = binding.buffer;
  if (buffer === null) return null;
  const parts: string[] = [];
  if (buffer.site !== null) {
    parts.push(placeLabel(map, buffer.site.start));
    parts.push(code(snippet(map.text, buffer.site.start, buffer.site.end)));
  }
  if (buffer.nbytes !== null) parts.push(formatBytes(buffer.nbytes));
  else if (buffer.fromFile) parts.push("loaded from a file, size known only at run time");
  return parts.length === 0 ? null : parts.join(", ");
}

/** The one-line summary of what a binding holds: `view of \`huge\` (line 3, …, 160 MB); keeps all of it alive`. */
export function describeKind(binding: BindingReport, map: TextMap): string | null {
  const base = binding.base === null ? null : code(binding.base);
  const origin = bufferOrigin(binding, map);
  const withOrigin = (words: string) => (origin === null ? words : `${words} (${origin})`);
  switch (binding.kind) {
    case "view": {
      const what = withOrigin(base === null ? "view of another array" : `view of ${base}`);
      const bufferBytes = binding.buffer?.nbytes ?? null;
      const keepsAll = bufferBytes !== null && (binding.nbytes === null || binding.nbytes < bufferBytes) ? "; keeps all of it alive" : "";
      return what + keepsAll;
    }
    case "maybe-view": {
      const source = binding.base ?? binding.source;
      return withOrigin(`${source === null ? "a view" : `view of ${code(source)}`} or a copy, depending on memory layout at run time`);
    }
    case "alias":
      return withOrigin(base === null ? "the same object as another name" : `same object as ${base}`);
    case "copy":
      // An array read from a file says where: its size is known only at run time.
      return binding.buffer?.fromFile === true
        ? withOrigin("copy (its own array, read from a file)")
        : "copy (its own array: not a view of any other live array)";
    case "unknown":
      return "array; whether it is a view or a copy is not known here";
    case "not-array":
      return null;
  }
}

/** `(2,) float64, 16 bytes, read-only`: what is known of shape, dtype, size and writeability. */
export function describeLayout(binding: BindingReport): string | null {
  const parts: string[] = [];
  const shape = formatShape(binding.shape);
  if (shape !== null) parts.push(`shape ${shape}`);
  if (binding.dtype !== null) parts.push(binding.dtype);
  if (binding.nbytes !== null) parts.push(formatBytes(binding.nbytes));
  if (binding.writeable === false) parts.push("read-only");
  return parts.length === 0 ? null : parts.join(" · ");
}

/**
 * Hover Markdown for an engine fact: a binding (named by its target) or an expression (named by its dotted path,
 * `self.data`, or by its source text). Null for non-arrays, and for unknown values with nothing known about them.
 */
export function factHoverMarkdown(fact: BindingReport, map: TextMap): string | null {
  const kind = describeKind(fact, map);
  const layout = describeLayout(fact);
  if (kind === null || (fact.kind === "unknown" && layout === null)) return null;
  const subject = fact.name !== "" ? fact.name : snippet(map.text, fact.span.start, fact.span.end);
  const lines = [`**${code(subject)}**: ${kind}`];
  if (layout !== null) lines.push(layout);
  const writesReach = fact.base !== null && fact.writeable !== false;
  if ((fact.kind === "view" || fact.kind === "alias") && writesReach) {
    lines.push(`Writes into ${code(subject)} change ${code(fact.base ?? "")}.`);
  } else if (fact.kind === "maybe-view" && (fact.base ?? fact.source) !== null && fact.writeable !== false) {
    lines.push(`Writes into ${code(subject)} may or may not change ${code(fact.base ?? fact.source ?? "")}.`);
  }
  if (fact.writeable === false) lines.push("Writing into it raises `ValueError: assignment destination is read-only`.");
  if (!fact.reached) lines.push("_This code is never reached._");
  return lines.join("\n\n");
}

/** The short label of an inlay hint after an assignment target: `view of arr`, `copy, 160 MB`, `same as x`. */
export function inlayLabel(binding: BindingReport): string | null {
  const of = binding.base === null ? "" : ` of ${binding.base}`;
  switch (binding.kind) {
    case "view":
      return binding.writeable === false ? `read-only view${of}` : `view${of}`;
    case "maybe-view": {
      const source = binding.base ?? binding.source;
      return `view${source === null ? "" : ` of ${source}`} or copy`;
    }
    case "alias":
      return binding.base === null ? "alias" : `same as ${binding.base}`;
    case "copy":
      return binding.nbytes === null ? "copy" : `copy, ${formatBytes(binding.nbytes)}`;
    case "unknown":
    case "not-array":
      return null;
  }
}

/** A rule's documentation as hover Markdown (for `# noqa: NV001`). */
export function ruleHoverMarkdown(meta: RuleMeta): string {
  const fix = meta.fix === null ? "No automatic fix." : `Fix (${meta.fix.safety}): ${meta.fix.description}`;
  return [
    `**${meta.code}** ${code(meta.name)} (default severity: ${meta.defaultSeverity})`,
    meta.summary,
    meta.rationale,
    "Example:\n\n```python\n" + meta.bad.trimEnd() + "\n```",
    "Use instead:\n\n```python\n" + meta.good.trimEnd() + "\n```",
    fix,
    `[Documentation](${ruleDocUrl(meta.code)})`,
  ].join("\n\n");
}
