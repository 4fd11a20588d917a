// Generated documentation: docs/rules/*.md and the README's rules table must match the rule metadata
// (run `npm run docs` after changing a rule's metadata).
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { docsDrift, generatedFiles, ruleMarkdown, rulesTable, TABLE_END, TABLE_START, withRulesTable } from "numpy-views-server/out/cli/docs";
import { RULES } from "numpy-views-server/out/rules/registry";
import { REPO_ROOT } from "../support/engine";
import { withTree } from "./helpers";

test("the generated docs in the repository are up to date (else run `npm run docs`)", () => {
  assert.deepEqual(docsDrift(REPO_ROOT), []);
});

test("drift is detected: a stale page, a missing page, a page for no rule, a stale README table", () =>
  withTree({ "README.md": `# x\n\n${TABLE_START}\nold\n${TABLE_END}\n` }, (dir) => {
    const expected = generatedFiles(dir);
    mkdirSync(path.join(dir, "docs", "rules"), { recursive: true });
    for (const [file, content] of expected) if (file !== "README.md") writeFileSync(path.join(dir, file), content);
    writeFileSync(path.join(dir, "docs", "rules", "NV002.md"), "edited by hand\n");
    writeFileSync(path.join(dir, "docs", "rules", "NV099.md"), "gone\n");
    const first = RULES[0];
    assert.ok(first);
    const missing = path.join(dir, "docs", "rules", `${first.code}.md`);
    writeFileSync(missing, "");
    assert.deepEqual(docsDrift(dir).sort(), ["README.md", `docs/rules/${first.code}.md`, "docs/rules/NV002.md", "docs/rules/NV099.md (no such rule)"].sort());
  }));

test("every rule page carries the rule's metadata", () => {
  for (const rule of RULES) {
    const page = ruleMarkdown(rule);
    for (const part of [`# ${rule.code}: ${rule.name}`, rule.summary, rule.rationale, rule.bad.trimEnd(), rule.good.trimEnd(), rule.defaultSeverity]) {
      assert.ok(page.includes(part), `${rule.code}: ${part.slice(0, 40)}`);
    }
    assert.ok(page.includes(rule.fix === null ? "no automatic fix" : rule.fix.description), rule.code);
  }
});

test("the README table has one linked row per rule, between the markers", () => {
  const table = rulesTable().split("\n");
  assert.equal(table.length, RULES.length + 2);
  RULES.forEach((rule, i) => assert.ok(table[i + 2]?.startsWith(`| [${rule.code}](docs/rules/${rule.code}.md) | ${rule.name}`), rule.code));
  assert.equal(withRulesTable(`a\n${TABLE_START}\nx\n${TABLE_END}\nb\n`), `a\n${TABLE_START}\n\n${rulesTable()}\n\n${TABLE_END}\nb\n`);
  assert.throws(() => withRulesTable("no markers"), /markers/);
});
