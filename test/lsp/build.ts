// Builds the bundles (scripts/build.mjs) for tests that run them, one build at a time across test processes.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { REPO_ROOT } from "../support/engine";

const LOCK_TIMEOUT_MS = 180_000;
/** A lock older than this is left over from a killed run. */
const STALE_LOCK_MS = 300_000;

/** Runs `npm run build`'s script so that server/dist and client/dist match the sources under test. */
export function buildBundles(): void {
  const lock = path.join(tmpdir(), `numpy-views-build-${createHash("sha256").update(REPO_ROOT).digest("hex").slice(0, 12)}.lock`);
  const deadline = Date.now() + LOCK_TIMEOUT_MS;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      try {
        if (Date.now() - statSync(lock).mtimeMs > STALE_LOCK_MS) rmSync(lock, { recursive: true, force: true });
      } catch {
        // The other build just finished.
      }
      if (Date.now() > deadline) throw new Error(`timed out waiting for the build lock ${lock}`);
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100);
    }
  }
  try {
    const result = spawnSync(process.execPath, [path.join(REPO_ROOT, "scripts", "build.mjs")], { cwd: REPO_ROOT, encoding: "utf8" });
    if (result.status !== 0) throw new Error(`build failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}
