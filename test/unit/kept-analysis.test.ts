// What an editor keeps of a document's analysis between keystrokes: its results (findings, events, the facts hovers and
// inlay hints read), not the interpreter state that made them. In a file of its own: heap sizes are measured, and only
// a process that ran nothing else measures them steadily (after retention.test.ts's edits in the same process, the
// same drop freed 0.2 MB in some runs and 2.6 MB in others, with no object count to match in heap snapshots; alone,
// about one run in eight).
import assert from "node:assert/strict";
import { test } from "node:test";
import v8 from "node:v8";
import vm from "node:vm";
import { Engine } from "numpy-views-server/out/engine/engine";
import { checkText } from "numpy-views-server/out/rules/check";
import { generatedModule } from "../lsp/bench-lsp";

v8.setFlagsFromString("--expose-gc");
// As the server runs (server/src/boot/server.ts).
v8.setFlagsFromString("--no-allocation-site-pretenuring");
const gc = vm.runInNewContext("gc") as () => void;
// NOTE: several full collections, not one or two: what a single one frees varies by megabytes between runs here (weak
// references and flushed bytecode take more than one to clear).
const settle = () => {
  for (let i = 0; i < 6; i++) gc();
};

test("the analysis an editor keeps holds its results, not the interpreter that made them", async () => {
  const engine = await Engine.create();
  try {
    const text = generatedModule(2_000);
    const heapAfter = (run: () => void): number => {
      settle();
      const before = process.memoryUsage().heapUsed;
      run();
      settle();
      return process.memoryUsage().heapUsed - before;
    };
    // Warm up (compiled code and interned strings are not what is measured), then keep one analysis, as the server
    // keeps each document's last one (its bindings not asked for yet, as before an inlay hint request).
    checkText(engine, text, undefined, { document: "warm-up" });
    engine.forget("warm-up");
    // The least of three trials: now and then a collection frees megabytes more than what was dropped (see above),
    // but a result that kept the interpreter would free that much every time.
    const freed: number[] = [];
    for (let trial = 0; trial < 3; trial++) {
      let kept: ReturnType<typeof checkText> | null = checkText(engine, text, undefined, { document: `kept-${trial}` });
      freed.push(-heapAfter(() => (kept = null)));
      assert.equal(kept, null);
      engine.forget(`kept-${trial}`);
    }
    // The findings, events and facts kept for later take about 0.25 MB for this file; with the interpreter's state
    // (its heap, its environments), which the lazy bindings once kept, about 2.5 MB.
    assert.ok(Math.min(...freed) < 600_000, `dropping the kept analysis freed ${freed.join(", ")} bytes`);
  } finally {
    engine.dispose();
  }
});

test("the hover facts an editor keeps are reports, without the abstract values that made them", async () => {
  const engine = await Engine.create();
  try {
    const text = generatedModule(2_000);
    engine.analyzeSource(text, { document: "warm-up", expressions: true });
    engine.forget("warm-up");
    // What the expression pass adds to a document the server already keeps (its text, tree, statements and the rules'
    // analysis): its results and the engine's per-function cache of them, per expression. The median of five trials:
    // a collection now and then frees megabytes more or less than what was kept (see above).
    const perExpression: number[] = [];
    for (let trial = 0; trial < 5; trial++) {
      const key = `kept-${trial}`;
      const diagnostics = checkText(engine, text, undefined, { document: key });
      // The last trial's tree is released by a finalizer (web-tree-sitter), which runs between tasks.
      await new Promise((resolve) => setImmediate(resolve));
      settle();
      const before = process.memoryUsage().heapUsed;
      let hovers: ReturnType<Engine["analyzeSource"]> | null = engine.analyzeSource(text, { document: key, expressions: true });
      const count = hovers.expressions.length;
      settle();
      perExpression.push((process.memoryUsage().heapUsed - before) / count);
      assert.ok(count > 1_000 && diagnostics.findings.length > 0, `only ${count} expressions`);
      hovers = null;
      engine.forget(key);
    }
    perExpression.sort((a, b) => a - b);
    // About 600 bytes each as reports; about 1,050 when the cache kept each fact with its abstract value.
    assert.ok((perExpression[2] ?? Infinity) < 800, `a kept expression costs ${perExpression.map(Math.round).join(", ")} bytes`);
  } finally {
    engine.dispose();
  }
});
