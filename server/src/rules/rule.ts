// The shape of one rule module: its metadata and a check that reads only the engine's facts.
import type { Analysis } from "../engine/engine";
import type { Finding, RuleMeta, RuleOptions } from "./types";

export interface Rule {
  readonly meta: RuleMeta;
  /**
   * The findings of `analysis.events`. checkText gives it one event at a time and keeps the findings of an event for
   * as long as the engine reuses that event (rules/check.ts), so a finding must depend only on its event, `options`
   * and the text read through `quote` (util.ts); and its spans must be the event's own span objects (which the engine
   * moves in place), or made by `appendCopy`, whose spans are moved alike.
   */
  check(analysis: Analysis, options: RuleOptions): Finding[];
}
