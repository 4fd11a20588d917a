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

test("the analysis an editor keeps holds its results, not the interpreter that made them", async () => {
  const engine = await Engine.create();
  try {
    const text = generatedModule(2_000);
    // NOTE: several full collections, not one or two: what a single one frees varies by megabytes between runs here
    // (weak references and flushed bytecode take more than one to clear).
    const settle = () => {
      for (let i = 0; i < 6; i++) gc();
    };
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
