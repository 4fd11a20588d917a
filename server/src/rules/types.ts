// The rules' public vocabulary: what a finding is, what a fix is, and the options that tune the rules.
// Front ends (the CLI's `check`, the language server) consume these; rules produce them from engine facts only.
import type { Span } from "../parse/ast";

/** The rule codes. Fixed: other tools and users key on them. */
export const RULE_CODES = ["NV001", "NV002", "NV003", "NV004", "NV005", "NV006", "NV007"] as const;
export type RuleCode = (typeof RULE_CODES)[number];

export type Severity = "error" | "warning" | "information" | "hint";
/** A severity as configured: `off` disables the rule. */
export type SeveritySetting = Severity | "off";

/**
 * `safe`: cannot change what the program computes (removing a redundant copy, rewriting `a[mask][:] = 0`).
 * `unsafe`: can change behaviour (adding `.copy()` where the write-through may have been intended); never applied by fix-all.
 */
export type FixSafety = "safe" | "unsafe";

/** A replacement of `span` (offsets into the analysed text) by `newText`. */
export interface TextEdit {
  readonly span: Span;
  readonly newText: string;
}

export interface Fix {
  readonly message: string;
  readonly safety: FixSafety;
  readonly edits: readonly TextEdit[];
}

/** Another place that explains a finding: where the base was made, where the view escapes. */
export interface RelatedLocation {
  readonly span: Span;
  readonly message: string;
}

/** One rule violation in one text. Spans are offsets (UTF-16 code units) into the analysed text. */
export interface Finding {
  readonly code: RuleCode;
  /** The rule's name, e.g. `retained-base`. */
  readonly rule: string;
  readonly severity: Severity;
  readonly message: string;
  readonly span: Span;
  readonly related: readonly RelatedLocation[];
  readonly fix: Fix | null;
  /** The flagged code does nothing useful (NV005): editors fade it (LSP `DiagnosticTag.Unnecessary`). */
  readonly unnecessary: boolean;
}

/** A rule's metadata, from which its documentation is generated. */
export interface RuleMeta {
  readonly code: RuleCode;
  readonly name: string;
  readonly defaultSeverity: Severity;
  /** One line, for tables and listings. */
  readonly summary: string;
  /** One paragraph: why this matters. */
  readonly rationale: string;
  /** Python code the rule flags. */
  readonly bad: string;
  /** The same code written so that the rule is quiet. */
  readonly good: string;
  /** What the fix does and whether it is safe; null when the rule has no automatic fix. */
  readonly fix: { readonly safety: FixSafety; readonly description: string } | null;
}

/** How the rules are tuned (from `[tool.numpy-views]`, editor settings and command-line options). */
export interface RuleOptions {
  /** Codes (or prefixes such as `NV00`) enabled; null means all rules. */
  readonly select: readonly string[] | null;
  /** Codes (or prefixes) disabled; wins over `select`. */
  readonly ignore: readonly string[];
  /** Per-rule severity overrides. */
  readonly severity: Readonly<Partial<Record<RuleCode, SeveritySetting>>>;
  /** A base array counts as large from this many bytes (NV001, NV002). */
  readonly thresholdBytes: number;
  /** A view is "much smaller" than its base when view bytes <= ratio x base bytes (NV001). */
  readonly ratio: number;
}

export const DEFAULT_THRESHOLD_BYTES = 1024 * 1024;
export const DEFAULT_RATIO = 0.5;

export const DEFAULT_OPTIONS: RuleOptions = {
  select: null,
  ignore: [],
  severity: {},
  thresholdBytes: DEFAULT_THRESHOLD_BYTES,
  ratio: DEFAULT_RATIO,
};
