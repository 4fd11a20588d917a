// Inlay hints after assignment targets, and the `numpy-views.inlayHints` setting (useful | all | off).
import assert from "node:assert/strict";
import { test } from "node:test";
import type { InlayHint } from "vscode-languageserver/node";
import { inProcessClientForFile, type TestClient } from "./client";

let client!: TestClient;
inProcessClientForFile((started) => (client = started));

const SOURCE = [
  "import numpy as np",
  "huge = np.zeros((2, 10_000_000))",
  "tiny = huge[:, 100]",
  "same = huge",
  "small = np.ones(4)",
  "def f(path):",
  "    flat = np.load(path).reshape(-1)",
  "    return flat",
  "",
].join("\n");
const WHOLE = { start: { line: 0, character: 0 }, end: { line: 9, character: 0 } };

const summary = (hints: InlayHint[] | null) => (hints ?? []).map((h) => `${h.position.line}:${h.position.character}${String(h.label)}`);

test("useful (default): views, layout-dependent results and large copies, right after the target", async () => {
  const uri = "file:///inlay/useful.py";
  await client.open(uri, SOURCE);
  const hints = await client.inlayHints(uri, WHOLE);
  assert.deepEqual(summary(hints), ["1:4: copy, 160 MB", "2:4: view of huge", "6:8: view or copy"]);
  const tooltip = hints?.[1]?.tooltip;
  assert.ok(typeof tooltip === "object" && tooltip !== null && "value" in tooltip);
  assert.match(tooltip.value, /keeps all of it alive/);
  await client.close(uri);
});

test("only hints inside the requested range are returned", async () => {
  const uri = "file:///inlay/range.py";
  await client.open(uri, SOURCE);
  const hints = await client.inlayHints(uri, { start: { line: 2, character: 0 }, end: { line: 3, character: 0 } });
  assert.deepEqual(summary(hints), ["2:4: view of huge"]);
  await client.close(uri);
});

test("all adds aliases and small copies; off shows nothing; the change applies without reopening", async () => {
  const uri = "file:///inlay/modes.py";
  await client.open(uri, SOURCE);
  client.settings = { inlayHints: "all" };
  await client.configurationChanged();
  assert.deepEqual(summary(await client.inlayHints(uri, WHOLE)), [
    "1:4: copy, 160 MB",
    "2:4: view of huge",
    "3:4: same as huge",
    "4:5: copy, 32 bytes",
    "6:8: view or copy",
  ]);
  client.settings = { inlayHints: "off" };
  await client.configurationChanged();
  assert.deepEqual(await client.inlayHints(uri, WHOLE), []);
  client.settings = {};
  await client.configurationChanged();
  await client.close(uri);
});

test("a copy counts as large from the threshold setting", async () => {
  const uri = "file:///inlay/threshold.py";
  await client.open(uri, SOURCE);
  client.settings = { threshold: "1kB" };
  await client.configurationChanged();
  assert.ok(!summary(await client.inlayHints(uri, WHOLE)).includes("4:5: copy, 32 bytes"));
  client.settings = { threshold: "16" };
  await client.configurationChanged();
  assert.ok(summary(await client.inlayHints(uri, WHOLE)).includes("4:5: copy, 32 bytes"));
  client.settings = {};
  await client.configurationChanged();
  await client.close(uri);
});
