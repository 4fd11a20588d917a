// The shipped CLI and server start through V8's code cache (server/src/boot/code-cache.ts): the first start writes it,
// the next start runs from it, and both answer exactly the same.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { before, test } from "node:test";
import type { Diagnostic } from "vscode-languageserver/node";
import { REPO_ROOT } from "../support/engine";
import { assertBundlesFresh } from "./build";
import { TestClient } from "./client";

const SOURCE = [
  "import numpy as np",
  "",
  "def head(path):",
  "    data = np.zeros((2, 10_000_000))",
  "    return data[:, 0]",
  "",
  "a = np.arange(10)",
  "a[[0, 1]][0] = 5",
  "b = a[::2].copy().copy()",
  "",
].join("\n");

before(() => assertBundlesFresh());

function withCacheDir(run: (cacheDir: string, dir: string) => Promise<void> | void): () => Promise<void> {
  return async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "nv-bundle-cache-"));
    try {
      await run(path.join(dir, "cache"), dir);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
}

const cacheFiles = (cacheDir: string, prefix: string): string[] => readdirSync(cacheDir).filter((n) => n.startsWith(prefix) && n.endsWith(".v8cache"));

test(
  "numpy-views check: the first run writes cli-core's cache, the second runs from it and prints the same",
  withCacheDir((cacheDir, dir) => {
    const file = path.join(dir, "m.py");
    writeFileSync(file, SOURCE);
    const env = { ...process.env, NUMPY_VIEWS_CACHE_DIR: cacheDir };
    const run = () => spawnSync(process.execPath, [path.join(REPO_ROOT, "server", "bin", "numpy-views"), "check", "m.py"], { cwd: dir, encoding: "utf8", env });
    const first = run();
    assert.equal(first.status, 1, first.stderr);
    assert.equal(first.stderr, "");
    assert.match(first.stdout, /NV001/);
    const [cache, ...more] = cacheFiles(cacheDir, "cli-core-");
    assert.ok(cache !== undefined && more.length === 0, readdirSync(cacheDir).join(", "));
    const written = statSync(path.join(cacheDir, cache));
    assert.ok(written.size > 100_000, `the cache holds the analysis's code (${written.size} bytes)`);
    const bytes = readFileSync(path.join(cacheDir, cache));
    const inode = statSync(path.join(cacheDir, cache)).ino;
    const second = run();
    assert.equal(second.status, 1, second.stderr);
    assert.equal(second.stderr, "");
    assert.equal(second.stdout, first.stdout);
    // Written again means renamed over: another inode.
    assert.equal(statSync(path.join(cacheDir, cache)).ino, inode, "a cache V8 accepted is not written again");
    assert.deepEqual(readFileSync(path.join(cacheDir, cache)), bytes);
    assert.deepEqual(cacheFiles(cacheDir, "cli-core-"), [cache]);
  }),
);

test(
  "numpy-views --version writes no cache: it never ran the engine",
  withCacheDir((cacheDir) => {
    const result = spawnSync(process.execPath, [path.join(REPO_ROOT, "server", "bin", "numpy-views"), "--version"], {
      encoding: "utf8",
      env: { ...process.env, NUMPY_VIEWS_CACHE_DIR: cacheDir },
    });
    assert.equal(result.status, 0, result.stderr);
    assert.throws(() => readdirSync(cacheDir), /ENOENT/);
  }),
);

test(
  "numpy-views-ls: the first server writes server-core's cache, the next one runs from it and publishes the same",
  withCacheDir(async (cacheDir) => {
    const uri = "file:///cache/m.py";
    const start = async (): Promise<Diagnostic[]> => {
      const client = TestClient.spawn(process.execPath, [path.join(REPO_ROOT, "server", "bin", "numpy-views-ls"), "--stdio"], {
        env: { ...process.env, NUMPY_VIEWS_CACHE_DIR: cacheDir },
      });
      try {
        await client.initialize();
        await client.open(uri, SOURCE);
        const { diagnostics } = await client.diagnostics(uri, (p) => p.diagnostics.length > 0);
        assert.equal(await client.stop(), 0);
        return diagnostics;
      } finally {
        client.kill();
      }
    };
    const first = await start();
    assert.deepEqual(
      first.map((d) => d.code),
      ["NV001", "NV004", "NV005"],
    );
    const [cache, ...more] = cacheFiles(cacheDir, "server-core-");
    assert.ok(cache !== undefined && more.length === 0, readdirSync(cacheDir).join(", "));
    const inode = statSync(path.join(cacheDir, cache)).ino;
    assert.deepEqual(await start(), first);
    // Written again means renamed over: another inode.
    assert.equal(statSync(path.join(cacheDir, cache)).ino, inode, "a cache V8 accepted is not written again");
  }),
);
