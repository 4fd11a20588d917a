// What an editor's analyses leave alive between keystrokes, as V8's young-generation collector sees it. That collector
// takes everything an old-generation object points to as alive (it does not trace the old generation), and treats
// some weak references as strong: a hidden-class transition's, a FinalizationRegistry's. A keystroke's state reachable
// that way is promoted to the old generation and stays there until the next full collection, so the server's memory
// climbs with every keystroke and the full collections it then needs land on edits. Two such leaks are tested here:
// the analysis's `bindings` getter (a getter in an object literal makes a hidden class per object, holding it) kept
// each keystroke's whole interpreter state, and tree-sitter's trees (registered with a FinalizationRegistry) kept
// each keystroke's text, even once deleted.
import assert from "node:assert/strict";
import { test } from "node:test";
import v8 from "node:v8";
import vm from "node:vm";
import { Engine } from "numpy-views-server/out/engine/engine";
import { checkText } from "numpy-views-server/out/rules/check";
import { generatedModule } from "../lsp/bench-lsp";
import { promotedBytes } from "../lsp/gc-report";

v8.setFlagsFromString("--expose-gc");
// As the server runs (server/src/boot/server.ts): with pretenuring, whether V8 puts findings straight into the old
// generation depends on which functions it optimises first, and this test is about what the engine keeps.
v8.setFlagsFromString("--no-allocation-site-pretenuring");
const gc = vm.runInNewContext("gc") as (options?: { type: "major" | "minor" }) => void;

test("a keystroke's analysis does not outlive the next ones (nothing old keeps it for the young collector)", async () => {
  const engine = await Engine.create();
  try {
    let text = generatedModule(2_000);
    // One-character edits in the middle, each text made afresh from the last as an editor does.
    const at = text.indexOf("np.zeros((n, 1000))", Math.floor(text.length / 2)) + "np.zeros((n, 1".length;
    const edit = (i: number): string => (text = i % 2 === 0 ? text.slice(0, at) + "5" + text.slice(at) : text.slice(0, at) + text.slice(at + 1));
    const analyse = (source: string) => checkText(engine, source, undefined, { document: "retention" });
    analyse(text);
    for (let i = 0; i < 10; i++) analyse(edit(i));
    gc();
    gc();
    const EDITS = 80;
    const profiler = new v8.GCProfiler();
    profiler.start();
    for (let i = 0; i < EDITS; i++) {
      analyse(edit(i));
      // A young collection every few keystrokes: what lives one or two keystrokes (the text the next edit is
      // measured against) is not promoted then, only what something keeps for good.
      if (i % 4 === 3) gc({ type: "minor" });
    }
    const perEdit = promotedBytes(profiler.stop()) / EDITS;
    // About 2 kB per keystroke on this 48 kB file; each leak above promoted more than the whole text.
    assert.ok(perEdit < 20_000, `${Math.round(perEdit)} bytes promoted per keystroke (text: ${text.length} characters)`);
  } finally {
    engine.dispose();
  }
});
