// The rule modules, in code order.
import type { Rule } from "./rule";

export const RULE_IMPLEMENTATIONS: readonly Rule[] = [];
