// Runs every compiled test file (test/out/**/*.test.js) with node's built-in test runner.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const outDir = path.join(root, "test", "out");
const files = [];
const walk = (dir) => {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full);
    else if (entry.name.endsWith(".test.js")) files.push(path.relative(root, full));
  }
};
walk(outDir);
if (files.length === 0) {
  console.error("no compiled tests found under test/out: run `tsc -b` first (npm test does)");
  process.exit(1);
}
// The CLI and server started by tests keep their code caches (server/src/boot/code-cache.ts) in a folder of this run,
// not in the user's cache: each test run starts without one and ends using one.
const env = { ...process.env };
const cacheDir = env.NUMPY_VIEWS_CACHE_DIR === undefined ? mkdtempSync(path.join(os.tmpdir(), "numpy-views-test-cache-")) : null;
if (cacheDir !== null) env.NUMPY_VIEWS_CACHE_DIR = cacheDir;
const result = spawnSync(process.execPath, ["--test", "--test-reporter=spec", ...files.sort()], { cwd: root, stdio: "inherit", env });
if (cacheDir !== null) rmSync(cacheDir, { recursive: true, force: true });
process.exit(result.status ?? 1);
