// The findings checkText keeps per event for a document (rules/check.ts): reused while the event is, moved with it,
// rebuilt when what they quote or the options changed, and always what a fresh check gives.
import assert from "node:assert/strict";
import { test } from "node:test";
import type { Analysis } from "numpy-views-server/out/engine/engine";
import { checkText } from "numpy-views-server/out/rules/check";
import { DEFAULT_OPTIONS } from "numpy-views-server/out/rules/types";
import { appendCopy, quote, recordInputs, replaceDerivedSpans, sameInputs } from "numpy-views-server/out/rules/util";
import { generatedModule } from "../lsp/bench-lsp";
import { engine } from "../support/engine";

test("an edit above every function keeps their findings (the same objects), moved to where the functions are now", async () => {
  const eng = await engine();
  const key = "test://kept-findings/moved";
  const text = generatedModule(400);
  try {
    checkText(eng, text, undefined, { document: key });
    // The first reuse copies a function's results (the first analysis's caller holds them); later ones move them.
    const before = checkText(eng, "\n" + text, undefined, { document: key });
    assert.ok(before.findings.length > 30, `only ${before.findings.length} findings`);
    const moved = "# a new first line\n\n" + text;
    const after = checkText(eng, moved, undefined, { document: key });
    const kept = new Set(before.findings);
    const same = after.findings.filter((f) => kept.has(f)).length;
    // Module-level code runs again on every analysis; the functions' findings (nearly all of them) are reused.
    assert.ok(same >= after.findings.length * 0.9, `${same} of ${after.findings.length} findings kept`);
    assert.equal(JSON.stringify(after.findings), JSON.stringify(checkText(eng, moved).findings));
    // The `.copy()` edits (spans of their own, not the events') moved too.
    const edits = after.findings.flatMap((f) => f.fix?.edits ?? []);
    assert.ok(edits.length > 0);
    for (const e of edits) assert.ok(e.newText !== ".copy()" || moved.slice(e.span.start - 1, e.span.start) !== "\n");
  } finally {
    eng.forget(key);
  }
});

test("other options rebuild the kept findings", async () => {
  const eng = await engine();
  const key = "test://kept-findings/options";
  const text = generatedModule(200);
  try {
    const defaults = checkText(eng, text, undefined, { document: key });
    const other = { ...DEFAULT_OPTIONS, ignore: ["NV004"], severity: { NV001: "error" as const } };
    const changed = checkText(eng, text, other, { document: key });
    assert.equal(JSON.stringify(changed.findings), JSON.stringify(checkText(eng, text, other).findings));
    assert.ok(changed.findings.length > 0 && changed.findings.every((f) => f.code !== "NV004"));
    assert.ok(changed.findings.every((f) => f.code !== "NV001" || f.severity === "error"));
    assert.ok(defaults.findings.some((f) => f.code === "NV004"));
    const back = checkText(eng, text, undefined, { document: key });
    assert.ok(JSON.stringify(back.findings) === JSON.stringify(defaults.findings), "the default options' findings again");
  } finally {
    eng.forget(key);
  }
});

test("kept findings record the text they quote and the edit spans they derive, and notice a change of either", () => {
  const text = "x = huge[:, 100]\n";
  const analysis = { text } as Analysis;
  const view = { start: 4, end: 16 };
  const { result, inputs } = recordInputs(() => ({ quoted: quote(analysis, view), edits: appendCopy(view, true) }));
  assert.equal(result.quoted, "huge[:, 100]");
  assert.ok(sameInputs(inputs, text));
  // The same length, other text (the quote would be stale): not the same inputs.
  assert.ok(!sameInputs(inputs, "x = huge[:, 101]\n"));
  // The event's span moved in place (as the engine moves a reused function's results): the edit follows it.
  view.start += 3;
  view.end += 3;
  assert.ok(sameInputs(inputs, "   x = huge[:, 100]\n"));
  replaceDerivedSpans(inputs);
  assert.deepEqual(result.edits[0]?.span, { start: 19, end: 19 });
  // Outside recordInputs nothing is recorded.
  const outside = appendCopy({ start: 0, end: 1 }, false);
  assert.equal(outside.length, 2);
});
