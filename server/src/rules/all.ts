// The rule modules, in code order.
import { retainedBase } from "./nv001-retained-base";
import { ineffectiveDel } from "./nv002-ineffective-del";
import { writeThroughView } from "./nv003-write-through-view";
import { assignmentToCopy } from "./nv004-assignment-to-copy";
import { redundantCopy } from "./nv005-redundant-copy";
import { readonlyWrite } from "./nv006-readonly-write";
import { maybeViewWrite } from "./nv007-maybe-view-write";
import type { Rule } from "./rule";

export const RULE_IMPLEMENTATIONS: readonly Rule[] = [
  retainedBase,
  ineffectiveDel,
  writeThroughView,
  assignmentToCopy,
  redundantCopy,
  readonlyWrite,
  maybeViewWrite,
];
