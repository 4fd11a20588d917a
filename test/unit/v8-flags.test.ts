// The V8 flags the CLI and the server set for themselves (server/src/v8-flags.ts) must exist in the V8 they run on:
// an unknown flag is a fatal "bad option" on a command line, and an error message on stderr at run time.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import path from "node:path";
import { test } from "node:test";
import { SERVER_ENV, SERVER_EXEC_ARGV, SERVER_START_OPTIONS, SERVER_V8_FLAGS, serverExecArgv } from "numpy-views-server/out/launch";
import { laterTurbofanFlags } from "numpy-views-server/out/v8-flags";
import { REPO_ROOT } from "../support/engine";

test("the tier-up flags chosen for this V8 are ones it knows (on the command line and at run time)", () => {
  const flags = laterTurbofanFlags();
  const onCommandLine = spawnSync(process.execPath, [...flags, "-e", "0"], { encoding: "utf8" });
  assert.equal(onCommandLine.status, 0, onCommandLine.stderr);
  assert.equal(onCommandLine.stderr, "");
  const flagsModule = path.join(REPO_ROOT, "server", "out", "v8-flags.js");
  const script = `const f = require(${JSON.stringify(flagsModule)}); f.setRuntimeFlags(f.laterTurbofanFlags()); console.log("set");`;
  const atRunTime = spawnSync(process.execPath, ["-e", script], { encoding: "utf8" });
  assert.equal(atRunTime.status, 0, atRunTime.stderr);
  assert.equal(atRunTime.stdout.trim(), "set");
  assert.equal(atRunTime.stderr, "", "V8 reported a flag it does not know");
});

test("the tier-up flags are chosen by V8 version, and none for a V8 they were not measured on", () => {
  assert.deepEqual(laterTurbofanFlags("11.3.244.8-node.33"), ["--interrupt-budget=250000"]);
  assert.deepEqual(laterTurbofanFlags("12.4.254.21-node.33"), ["--invocation-count-for-turbofan=10000"]);
  // V8 11.8 (Node 21) already lacks --interrupt-budget; Node 24's V8 13 gains nothing measurable.
  assert.deepEqual(laterTurbofanFlags("11.8.172.17-node.20"), []);
  assert.deepEqual(laterTurbofanFlags("13.6.233.10-node.27"), []);
});

test("the CLI and the server start with their flags set without a word on stderr", () => {
  const cli = spawnSync(process.execPath, [path.join(REPO_ROOT, "server", "dist", "cli.js"), "--version"], { encoding: "utf8" });
  assert.equal(cli.status, 0, cli.stderr);
  assert.equal(cli.stderr, "");
  const server = spawnSync(process.execPath, [path.join(REPO_ROOT, "server", "bin", "numpy-views-ls"), "--version"], { encoding: "utf8" });
  assert.equal(server.status, 0, server.stderr);
  assert.match(server.stdout, /^numpy-views-ls /);
  assert.equal(server.stderr, "");
});

test("inside Electron the client gives the server every option on the command line, on Node only those it cannot set itself", () => {
  assert.deepEqual(serverExecArgv({ ...process.versions, electron: "37.2.0" }), SERVER_EXEC_ARGV);
  assert.deepEqual(serverExecArgv({ ...process.versions, electron: undefined } as NodeJS.ProcessVersions), SERVER_START_OPTIONS);
  assert.deepEqual(SERVER_EXEC_ARGV, [...SERVER_START_OPTIONS, ...SERVER_V8_FLAGS]);
  for (const flag of SERVER_V8_FLAGS) assert.ok(!SERVER_START_OPTIONS.includes(flag), flag);
});

test("the server starts with the Node options and environment the VS Code client gives it", () => {
  // Node 20 (V8 11.3), the oldest Node the package supports, is as old a V8 as VS Code 1.85's Electron: an option it
  // does not know would keep the server from starting in the editor. All of them, as the client gives them there.
  const server = spawnSync(process.execPath, [...SERVER_EXEC_ARGV, path.join(REPO_ROOT, "server", "dist", "server.js"), "--version"], {
    encoding: "utf8",
    env: { ...process.env, ...SERVER_ENV },
  });
  assert.equal(server.status, 0, server.stderr);
  assert.match(server.stdout, /^numpy-views-ls /);
  assert.equal(server.stderr, "");
});
