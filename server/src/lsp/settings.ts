// The editor settings (`numpy-views.*`): one schema whose defaults are the documented defaults, validation of what
// the client sends, and how settings and `[tool.numpy-views]` combine into rule options (settings win where both speak).
import { parseSize } from "../rules/size";
import { DEFAULT_OPTIONS, RULE_CODES, type RuleCode, type RuleOptions, type SeveritySetting } from "../rules/types";

/** Which inlay hints to show after assignment targets. */
export type InlayHintMode = "useful" | "all" | "off";

/** The settings under `numpy-views` for one resource, validated. */
export interface ServerSettings {
  /** Analyse Python files and notebooks at all. */
  readonly enable: boolean;
  /** A base array counts as large from this size (`"1MB"`, `"512 KiB"`); null leaves it to pyproject.toml or the default. */
  readonly threshold: string | null;
  /** Per-rule severity overrides; rules not named keep pyproject.toml's or their default severity. */
  readonly severity: Readonly<Partial<Record<RuleCode, SeveritySetting>>>;
  /** `useful`: views, maybe-views and large copies; `all`: every array binding; `off`. */
  readonly inlayHints: InlayHintMode;
}

/** The defaults, as documented in package.json's `contributes.configuration`. */
export const DEFAULT_SETTINGS: ServerSettings = { enable: true, threshold: null, severity: {}, inlayHints: "useful" };

const SEVERITY_SETTINGS: readonly SeveritySetting[] = ["off", "hint", "information", "warning", "error"];
const INLAY_HINT_MODES: readonly InlayHintMode[] = ["useful", "all", "off"];

/** Validates the `numpy-views` section sent by the client. Invalid values fall back to defaults and are reported in `problems`. */
export function parseSettings(raw: unknown): { settings: ServerSettings; problems: string[] } {
  const problems: string[] = [];
  if (raw === null || raw === undefined) return { settings: DEFAULT_SETTINGS, problems };
  if (typeof raw !== "object" || Array.isArray(raw)) {
    problems.push(`settings: expected an object for "numpy-views", got ${JSON.stringify(raw)}`);
    return { settings: DEFAULT_SETTINGS, problems };
  }
  const section = raw as Record<string, unknown>;

  let enable = DEFAULT_SETTINGS.enable;
  if (section.enable !== undefined && section.enable !== null) {
    if (typeof section.enable === "boolean") enable = section.enable;
    else problems.push(`numpy-views.enable: expected true or false, got ${JSON.stringify(section.enable)}`);
  }

  let threshold = DEFAULT_SETTINGS.threshold;
  const rawThreshold = section.threshold;
  if (typeof rawThreshold === "number" && Number.isFinite(rawThreshold) && rawThreshold >= 0) threshold = String(rawThreshold);
  else if (typeof rawThreshold === "string" && rawThreshold.trim() !== "") {
    if (parseSize(rawThreshold) !== null) threshold = rawThreshold;
    else problems.push(`numpy-views.threshold: "${rawThreshold}" is not a size such as "1MB", "512 KiB" or "1048576"`);
  } else if (rawThreshold !== undefined && rawThreshold !== null && rawThreshold !== "") {
    problems.push(`numpy-views.threshold: expected a size such as "1MB", got ${JSON.stringify(rawThreshold)}`);
  }

  const severity: Partial<Record<RuleCode, SeveritySetting>> = {};
  const rawSeverity = section.severity;
  if (typeof rawSeverity === "object" && rawSeverity !== null && !Array.isArray(rawSeverity)) {
    for (const [key, value] of Object.entries(rawSeverity as Record<string, unknown>)) {
      const code = key.toUpperCase() as RuleCode;
      if (!RULE_CODES.includes(code)) problems.push(`numpy-views.severity: unknown rule code "${key}"`);
      else if (typeof value === "string" && SEVERITY_SETTINGS.includes(value as SeveritySetting)) severity[code] = value as SeveritySetting;
      else problems.push(`numpy-views.severity.${key}: expected one of ${SEVERITY_SETTINGS.join(", ")}, got ${JSON.stringify(value)}`);
    }
  } else if (rawSeverity !== undefined && rawSeverity !== null) {
    problems.push(`numpy-views.severity: expected an object such as {"NV003": "off"}, got ${JSON.stringify(rawSeverity)}`);
  }

  let inlayHints = DEFAULT_SETTINGS.inlayHints;
  if (section.inlayHints !== undefined && section.inlayHints !== null) {
    if (INLAY_HINT_MODES.includes(section.inlayHints as InlayHintMode)) inlayHints = section.inlayHints as InlayHintMode;
    else problems.push(`numpy-views.inlayHints: expected one of ${INLAY_HINT_MODES.join(", ")}, got ${JSON.stringify(section.inlayHints)}`);
  }

  return { settings: { enable, threshold, severity, inlayHints }, problems };
}

/** The rule options `[tool.numpy-views]` sets; keys it does not set are absent. */
export type ProjectOptions = Partial<RuleOptions>;

/** Rule options for one document: defaults, then pyproject.toml's `[tool.numpy-views]`, then the editor settings. */
export function ruleOptionsFor(settings: ServerSettings, project: ProjectOptions): RuleOptions {
  const settingsThreshold = settings.threshold === null ? null : parseSize(settings.threshold);
  return {
    select: project.select ?? DEFAULT_OPTIONS.select,
    ignore: project.ignore ?? DEFAULT_OPTIONS.ignore,
    severity: { ...DEFAULT_OPTIONS.severity, ...project.severity, ...settings.severity },
    thresholdBytes: settingsThreshold ?? project.thresholdBytes ?? DEFAULT_OPTIONS.thresholdBytes,
    ratio: project.ratio ?? DEFAULT_OPTIONS.ratio,
  };
}

/** A stable key of rule options, so a cached analysis is reused only under the same options. */
export function optionsKey(options: RuleOptions): string {
  return JSON.stringify([options.select, options.ignore, Object.entries(options.severity).sort(), options.thresholdBytes, options.ratio]);
}
