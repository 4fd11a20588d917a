// Renders an Analysis as `explain` output: the stable JSON contract (1-based lines and code-point columns) or a table.
import type { Analysis, BindingReport } from "../engine/engine";

/** One entry of `explain --format json`: a public interface, keep names and meanings stable. */
export interface ExplainBinding {
  readonly name: string;
  readonly line: number;
  readonly column: number;
  readonly kind: string;
  readonly base: string | null;
  readonly shape: (number | null)[] | null;
  readonly dtype: string | null;
  readonly nbytes: number | null;
  readonly writeable: boolean | null;
}

export function explainBindings(analysis: Analysis): ExplainBinding[] {
  return analysis.bindings.map((b: BindingReport) => {
    const pos = analysis.lines.codePointPosition(b.span.start);
    return {
      name: b.name,
      line: pos.line + 1,
      column: pos.character + 1,
      kind: b.kind,
      base: b.base,
      shape: b.shape === null ? null : [...b.shape],
      dtype: b.dtype,
      nbytes: b.nbytes,
      writeable: b.writeable,
    };
  });
}

export function explainJson(file: string, analysis: Analysis): string {
  return JSON.stringify({ file, bindings: explainBindings(analysis) }, null, 2) + "\n";
}

const formatBytes = (n: number | null): string => {
  if (n === null) return "";
  const units = ["B", "kB", "MB", "GB", "TB"];
  let value = n;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${unit === 0 ? value : value.toFixed(value >= 100 ? 0 : 1)} ${units[unit]}`;
};

export function explainText(file: string, analysis: Analysis): string {
  const rows = explainBindings(analysis).map((b) => [
    `${b.line}:${b.column}`,
    b.name,
    b.kind,
    b.base ?? "",
    b.shape === null ? "" : `(${b.shape.map((d) => (d === null ? "?" : String(d))).join(", ")}${b.shape.length === 1 ? "," : ""})`,
    b.dtype ?? "",
    formatBytes(b.nbytes),
    b.writeable === null ? "" : b.writeable ? "" : "read-only",
  ]);
  const header = ["line:col", "name", "kind", "base", "shape", "dtype", "size", "flags"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join("  ")
      .trimEnd();
  const out = [file, line(header), ...rows.map(line)];
  if (analysis.syntaxErrors.length > 0) out.push(`(${analysis.syntaxErrors.length} syntax error(s): analysed what parses)`);
  return out.join("\n") + "\n";
}
