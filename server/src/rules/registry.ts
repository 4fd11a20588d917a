// Every rule's metadata, in code order, taken from the rule modules. Documentation (README table, docs/rules/*.md,
// `numpy-views rule`) is generated from it.
import { RULE_IMPLEMENTATIONS } from "./all";
import type { RuleCode, RuleMeta } from "./types";

export const RULES: readonly RuleMeta[] = RULE_IMPLEMENTATIONS.map((r) => r.meta);

const BY_CODE = new Map(RULES.map((r) => [r.code, r]));

/** The metadata of a rule code (case-insensitive), or undefined. */
export function ruleMeta(code: string): RuleMeta | undefined {
  return BY_CODE.get(code.toUpperCase() as RuleCode);
}
