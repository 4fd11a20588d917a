// The boot entries load every built-in module their bundle needs before they set V8 flags (server/src/boot/code-cache.ts
// says why: a module loaded after that is compiled from source, not from Node's own code cache), and the server sets
// `--max-semi-space-size` back to its default without its young generation growing (boot/flag-hash.ts).
//
// A probe loaded with `--require` wraps `v8.setFlagsFromString` and notes, as the process exits, which of Node's
// modules were loaded after the last flag was set, and how large the young generation is.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import { SERVER_ENV, SERVER_START_OPTIONS } from "numpy-views-server/out/launch";
import { REPO_ROOT } from "../support/engine";
import { assertBundlesFresh } from "./build";
import { TestClient } from "./client";

interface ProbeReport {
  /** Calls that set `--max-semi-space-size` back to its default. */
  readonly resets: number;
  /** Calls that set any other flag. */
  readonly flagCalls: number;
  /** Node's modules loaded after the last of those calls. */
  readonly late: readonly string[];
  readonly newSpaceBytes: number;
}

const PROBE = `
const v8 = require("node:v8");
const fs = require("node:fs");
const original = v8.setFlagsFromString;
let resets = 0, flagCalls = 0, loadedBefore = null;
v8.setFlagsFromString = function (flags) {
  original.call(this, flags);
  if (flags === "--max-semi-space-size=0") resets++;
  else { flagCalls++; loadedBefore = process.moduleLoadList.length; }
};
process.on("exit", () => {
  const late = loadedBefore === null ? [] : process.moduleLoadList.slice(loadedBefore).filter((m) => m.startsWith("NativeModule "));
  const newSpace = v8.getHeapSpaceStatistics().find((s) => s.space_name === "new_space");
  fs.writeFileSync(process.env.PROBE_OUT, JSON.stringify({ resets, flagCalls, late, newSpaceBytes: newSpace ? newSpace.space_size : -1 }));
});
`;

let dir = "";
before(() => {
  assertBundlesFresh();
  dir = mkdtempSync(path.join(os.tmpdir(), "numpy-views-builtins-"));
  writeFileSync(path.join(dir, "probe.js"), PROBE);
});
after(() => rmSync(dir, { recursive: true, force: true }));

function report(name: string): ProbeReport {
  return JSON.parse(readFileSync(path.join(dir, name), "utf8")) as ProbeReport;
}

const NUMPY_CODE = [
  "import numpy as np",
  "",
  "def tail(path):",
  "    huge = np.load(path)",
  "    small = huge[:10]",
  "    b = np.broadcast_to(np.arange(3), (2, 3))",
  "    b[0, 0] = 1",
  "    return small",
  "",
].join("\n");

test("the server loads Node's modules before it sets V8 flags, and keeps the young generation the command line sized", async () => {
  const out = path.join(dir, "server.json");
  const client = TestClient.spawn(
    process.execPath,
    [...SERVER_START_OPTIONS, "--require", path.join(dir, "probe.js"), path.join(REPO_ROOT, "server", "bin", "numpy-views-ls"), "--stdio"],
    // No code cache: a start that writes one (once warm) must not load anything late either.
    { env: { ...process.env, ...SERVER_ENV, PROBE_OUT: out, NUMPY_VIEWS_CACHE_DIR: path.join(dir, "cache") } },
  );
  try {
    await client.initialize();
    const uri = "file:///builtins/tail.py";
    await client.open(uri, NUMPY_CODE);
    const { diagnostics } = await client.diagnostics(uri, (p) => p.diagnostics.length > 0);
    assert.ok(diagnostics.some((d) => d.code === "NV006"));
    assert.ok((await client.hover(uri, { line: 4, character: 4 })) !== null);
    await client.change(uri, 2, [{ range: { start: { line: 4, character: 18 }, end: { line: 4, character: 20 } }, text: "20" }]);
    await client.diagnostics(uri, (p) => p.version === 2);
    assert.equal(await client.stop(), 0);
  } finally {
    client.kill();
  }
  const probe = report("server.json");
  assert.equal(probe.resets, 1, "--max-semi-space-size is set back to its default once");
  assert.ok(probe.flagCalls > 0, "the server set its V8 flags at run time");
  assert.deepEqual(probe.late, [], "no module of Node's is loaded after the server's V8 flags are set");
  assert.ok(probe.newSpaceBytes > 0 && probe.newSpaceBytes <= 8 * 1024 * 1024, `young generation ${probe.newSpaceBytes} bytes (2 × 4 MB at most)`);
});

test("the CLI loads Node's modules before it sets V8 flags", () => {
  const file = path.join(dir, "tail.py");
  writeFileSync(file, NUMPY_CODE);
  const out = path.join(dir, "cli.json");
  const result = spawnSync(process.execPath, ["--require", path.join(dir, "probe.js"), path.join(REPO_ROOT, "server", "dist", "cli.js"), "check", file], {
    encoding: "utf8",
    env: { ...process.env, PROBE_OUT: out, NUMPY_VIEWS_CACHE_DIR: path.join(dir, "cli-cache") },
  });
  assert.equal(result.status, 1, result.stderr);
  assert.match(result.stdout, /NV006/);
  const probe = report("cli.json");
  assert.equal(probe.resets, 0, "the CLI is started with no heap options to undo");
  assert.deepEqual(probe.late, []);
});
