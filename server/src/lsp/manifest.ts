// The parts of the extension manifest (package.json) that are generated from rule metadata, so they cannot drift.
import type { RuleMeta } from "../rules/types";

const SEVERITY_SETTINGS = ["off", "hint", "information", "warning", "error"] as const;

/** The JSON schema of the `numpy-views.severity` setting: one property per rule, documented from its metadata. */
export function severitySettingSchema(rules: readonly RuleMeta[]): Record<string, unknown> {
  return {
    type: "object",
    default: {},
    scope: "resource",
    markdownDescription:
      'Severity per rule code: `off`, `hint`, `information`, `warning` or `error`, for example `{"NV003": "off"}`. ' +
      "Wins over `[tool.numpy-views]` in `pyproject.toml`; rules not listed keep their default severity.",
    properties: Object.fromEntries(
      rules.map((rule) => [
        rule.code,
        {
          type: "string",
          enum: [...SEVERITY_SETTINGS],
          markdownDescription: `**${rule.code}** \`${rule.name}\`: ${rule.summary} Default: \`${rule.defaultSeverity}\`.`,
        },
      ]),
    ),
    additionalProperties: false,
  };
}
