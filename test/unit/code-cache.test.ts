// The code cache the CLI and the server start through (server/src/boot/code-cache.ts): where it lives, when it is
// written, read and refused. Each run is a fresh Node process, as a start is: the cache is V8's, per process.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, test } from "node:test";
import { cacheFileName, defaultCacheDirectory } from "numpy-views-server/out/boot/code-cache";
import { REPO_ROOT } from "../support/engine";

const LOADER = path.join(REPO_ROOT, "server", "out", "boot", "code-cache.js");
const POSIX = process.platform !== "win32";

/** A bundle with enough functions for a cache to hold, that says when it is warm (as the CLI and the server do). */
function bundleText(seed: number, options: { warm?: boolean; keepAlive?: boolean } = {}): string {
  const warm = options.warm ?? true;
  return [
    `"use strict";`,
    `const path = require("node:path");`,
    `function fib(n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }`,
    `function words(n) { const out = []; for (let i = 0; i < n; i++) out.push("w" + (i * ${seed}) % 97); return out.join(" "); }`,
    `const result = { fib: fib(20), words: words(50).length, seed: ${seed}, dirname: path.basename(__dirname), file: path.basename(__filename), exportsIsThis: this === module.exports };`,
    warm ? `globalThis[Symbol.for("numpy-views.code-cache.warm")]?.();` : ``,
    options.keepAlive === true
      ? `setTimeout(() => { result.cacheFilesLater = require("node:fs").readdirSync(process.env.CACHE_DIR).filter((n) => n.endsWith(".v8cache")).length; process.stdout.write(JSON.stringify(result)); }, 1000);`
      : `process.stdout.write(JSON.stringify(result));`,
  ].join("\n");
}

let dir: string;
let cacheDir: string;
let bundle: string;

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), "nv-code-cache-"));
  cacheDir = path.join(dir, "cache", "numpy-views");
  bundle = path.join(dir, "core.js");
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Starts a process that runs `bundle` through the cache; its status comes on stderr, the bundle's output on stdout. */
function start(options: { directory?: string | null; writeAfter?: "exit" | number; nodeOptions?: string[] } = {}): {
  status: string;
  output: Record<string, unknown>;
} {
  const directory = options.directory === undefined ? cacheDir : options.directory;
  const script =
    `const { runWithCodeCache } = require(${JSON.stringify(LOADER)});` +
    `const run = runWithCodeCache({ bundle: ${JSON.stringify(bundle)}, directory: ${JSON.stringify(directory)}, writeAfter: ${JSON.stringify(options.writeAfter ?? "exit")} });` +
    `process.stderr.write(run.status);`;
  const child = spawnSync(process.execPath, [...(options.nodeOptions ?? []), "-e", script], { encoding: "utf8", env: { ...process.env, CACHE_DIR: cacheDir } });
  assert.equal(child.status, 0, child.stderr);
  return { status: child.stderr, output: JSON.parse(child.stdout) as Record<string, unknown> };
}

const cacheFiles = (): string[] => {
  try {
    return readdirSync(cacheDir).filter((name) => name.endsWith(".v8cache"));
  } catch {
    return [];
  }
};
const only = (): string => {
  const files = cacheFiles();
  assert.equal(files.length, 1, `one cache file, not ${files.join(", ")}`);
  return path.join(cacheDir, files[0] ?? "");
};
const EXPECTED = { fib: 6765, words: 192, seed: 7, file: "core.js", exportsIsThis: true };

test("the first start writes the cache as it exits, private to the user; the next start runs from it", () => {
  writeFileSync(bundle, bundleText(7));
  const first = start();
  assert.equal(first.status, "missing");
  assert.deepEqual({ ...first.output, dirname: undefined }, { ...EXPECTED, dirname: undefined });
  assert.equal(first.output["dirname"], path.basename(dir), "__dirname is the bundle's folder (the wasm files are found from it)");
  const file = only();
  assert.match(path.basename(file), /^core-[0-9a-f]{24}\.v8cache$/);
  if (POSIX) {
    assert.equal(statSync(file).mode & 0o777, 0o600);
    assert.equal(statSync(cacheDir).mode & 0o777, 0o700);
  }
  const inode = statSync(file).ino;
  const second = start();
  assert.equal(second.status, "used");
  assert.deepEqual(second.output, first.output);
  // Written again means renamed over: another inode.
  assert.equal(statSync(only()).ino, inode, "a used cache is not written again");
});

test("a bundle that never gets warm leaves no cache (a --version run must not fill it with nothing)", () => {
  writeFileSync(bundle, bundleText(7, { warm: false }));
  assert.equal(start().status, "missing");
  assert.deepEqual(cacheFiles(), []);
});

test("the server's timed write happens while it runs", () => {
  writeFileSync(bundle, bundleText(7, { keepAlive: true }));
  const run = start({ writeAfter: 50 });
  assert.equal(run.status, "missing");
  assert.equal(run.output["cacheFilesLater"], 1);
});

test("an edited bundle of the same length gets a cache of its own (V8 checks only the length)", () => {
  writeFileSync(bundle, bundleText(7));
  start();
  const before = only();
  writeFileSync(bundle, bundleText(8));
  assert.equal(bundleText(8).length, bundleText(7).length);
  const edited = start();
  assert.equal(edited.status, "missing");
  assert.equal(edited.output["seed"], 8);
  assert.equal(cacheFiles().length, 2);
  assert.ok(cacheFiles().includes(path.basename(before)));
});

test("each set of Node options and boot flags gets a cache of its own (V8 refuses code compiled under other flags)", () => {
  writeFileSync(bundle, bundleText(7));
  start();
  const plain = only();
  const flagged = start({ nodeOptions: ["--max-semi-space-size=8"] });
  assert.equal(flagged.status, "missing");
  assert.equal(cacheFiles().length, 2);
  assert.equal(start({ nodeOptions: ["--max-semi-space-size=8"] }).status, "used");
  assert.equal(start().status, "used");
  assert.ok(cacheFiles().includes(path.basename(plain)));
  assert.equal(cacheFileName(bundle, "x", "--a"), cacheFileName(bundle, "x", "--a"));
  assert.notEqual(cacheFileName(bundle, "x", "--a"), cacheFileName(bundle, "x", "--b"));
  assert.notEqual(cacheFileName(bundle, "x", "--a"), cacheFileName(bundle, "y", "--a"));
});

test("a damaged cache is refused by V8, the bundle still runs, and the cache is written again", () => {
  writeFileSync(bundle, bundleText(7));
  start();
  const file = only();
  const good = readFileSync(file);
  writeFileSync(file, "Z".repeat(good.length), { mode: 0o600 });
  const damaged = start();
  assert.equal(damaged.status, "rejected");
  assert.deepEqual(damaged.output, { ...EXPECTED, dirname: path.basename(dir) });
  assert.notEqual(readFileSync(file, "latin1"), "Z".repeat(good.length));
  assert.equal(start().status, "used");
});

test("a cache file others may write is neither read nor replaced", { skip: !POSIX }, () => {
  writeFileSync(bundle, bundleText(7));
  start();
  const file = only();
  chmodSync(file, 0o666);
  const before = readFileSync(file);
  const run = start();
  assert.equal(run.status, "untrusted");
  assert.equal(run.output["fib"], 6765);
  assert.deepEqual(readFileSync(file), before);
  assert.equal(statSync(file).mode & 0o777, 0o666);
});

test("without a cache folder, or with one that cannot be made, the bundle runs the same and nothing is said", () => {
  writeFileSync(bundle, bundleText(7));
  const off = start({ directory: null });
  assert.equal(off.status, "off");
  assert.equal(off.output["fib"], 6765);
  const blocker = path.join(dir, "a-file");
  writeFileSync(blocker, "");
  const blocked = start({ directory: path.join(blocker, "cache") });
  assert.equal(blocked.status, "missing");
  assert.equal(blocked.output["fib"], 6765);
  assert.deepEqual(readdirSync(dir).sort(), ["a-file", "core.js"]);
});

test("writing a cache keeps the newest few of the bundle's and leaves other bundles' alone", () => {
  mkdirSync(cacheDir, { recursive: true, mode: 0o700 });
  const old = (name: string, ageS: number) => {
    const file = path.join(cacheDir, name);
    writeFileSync(file, "old", { mode: 0o600 });
    const t = Date.now() / 1000 - ageS;
    utimesSync(file, t, t);
  };
  for (let i = 0; i < 5; i++) old(`core-${String(i).repeat(24)}.v8cache`, 100 + i);
  old(`other-${"a".repeat(24)}.v8cache`, 1000);
  writeFileSync(bundle, bundleText(7));
  start();
  const left = cacheFiles();
  const kept = left.filter((n) => n.startsWith("core-"));
  // The new one and the three newest old ones.
  assert.equal(kept.length, 4, left.join(", "));
  for (const i of [0, 1, 2]) assert.ok(kept.includes(`core-${String(i).repeat(24)}.v8cache`), left.join(", "));
  assert.ok(left.includes(`other-${"a".repeat(24)}.v8cache`));
});

test("the cache folder: NUMPY_VIEWS_CACHE_DIR, else the platform's per-user cache folder", () => {
  const home = () => "/home/ada";
  assert.equal(defaultCacheDirectory({ NUMPY_VIEWS_CACHE_DIR: "/tmp/x" }, "linux", home), path.resolve("/tmp/x"));
  assert.equal(defaultCacheDirectory({ NUMPY_VIEWS_CACHE_DIR: " " }, "linux", home), null);
  assert.equal(defaultCacheDirectory({}, "linux", home), path.join("/home/ada", ".cache", "numpy-views", "code-cache"));
  assert.equal(defaultCacheDirectory({ XDG_CACHE_HOME: "/var/cache/ada" }, "linux", home), path.join("/var/cache/ada", "numpy-views", "code-cache"));
  // A relative XDG_CACHE_HOME is invalid by the XDG specification, and ignored.
  assert.equal(defaultCacheDirectory({ XDG_CACHE_HOME: "cache" }, "linux", home), path.join("/home/ada", ".cache", "numpy-views", "code-cache"));
  assert.equal(
    defaultCacheDirectory({}, "darwin", () => "/Users/ada"),
    path.join("/Users/ada", "Library", "Caches", "numpy-views", "code-cache"),
  );
  if (!POSIX)
    assert.equal(
      defaultCacheDirectory({ LOCALAPPDATA: "C:\\Users\\ada\\AppData\\Local" }, "win32", home),
      path.join("C:\\Users\\ada\\AppData\\Local", "numpy-views", "code-cache"),
    );
  assert.equal(defaultCacheDirectory({}, "win32", home), null);
  assert.equal(
    defaultCacheDirectory({}, "linux", () => ""),
    null,
  );
  assert.equal(
    defaultCacheDirectory({}, "linux", () => {
      throw new Error("no home");
    }),
    null,
  );
});
