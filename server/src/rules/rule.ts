// The shape of one rule module: its metadata and a check that reads only the engine's facts.
import type { Analysis } from "../engine/engine";
import type { Finding, RuleMeta, RuleOptions } from "./types";

export interface Rule {
  readonly meta: RuleMeta;
  check(analysis: Analysis, options: RuleOptions): Finding[];
}
