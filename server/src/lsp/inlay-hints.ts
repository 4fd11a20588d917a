// Inlay hints after assignment targets (`tiny: view of huge = huge[:, 100]`), chosen by the `inlayHints` setting.
import type { Analysis, BindingReport } from "../engine/engine";
import type { Span } from "../parse/ast";
import { inlayLabel } from "./describe";
import type { InlayHintMode } from "./settings";

/** One hint: shown at `offset` (just after the target name) of the analysed text. */
export interface InlayHintContent {
  readonly offset: number;
  readonly label: string;
  readonly binding: BindingReport;
}

/**
 * `useful` shows views, maybe-views and copies of at least `thresholdBytes`, where the kind is what a reader needs;
 * `all` adds aliases and smaller copies; `off` shows nothing. Unknown kinds and non-arrays never get a hint.
 */
export function inlayHintsIn(options: { analysis: Analysis; range: Span; mode: InlayHintMode; thresholdBytes: number }): InlayHintContent[] {
  const { analysis, range, mode, thresholdBytes } = options;
  if (mode === "off") return [];
  const hints: InlayHintContent[] = [];
  for (const binding of analysis.bindings) {
    if (binding.span.end < range.start || binding.span.end > range.end) continue;
    if (mode === "useful" && !isUseful(binding, thresholdBytes)) continue;
    const label = inlayLabel(binding);
    if (label !== null) hints.push({ offset: binding.span.end, label, binding });
  }
  return hints;
}

function isUseful(binding: BindingReport, thresholdBytes: number): boolean {
  switch (binding.kind) {
    case "view":
    case "maybe-view":
      return true;
    case "copy":
      return binding.nbytes !== null && binding.nbytes >= thresholdBytes;
    case "alias":
    case "unknown":
    case "not-array":
      return false;
  }
}
