// @ts-check
// A second real LSP client: headless Neovim 0.7 runs test/e2e/nvim/check-lsp.lua against the stdio server on a copy of
// the e2e workspace. Run with `npm run test:nvim` (builds first; needs `apt-get install neovim`).
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import path from "node:path";
import { test } from "node:test";
import { NVIM, ROOT, makeRunDir, requireFile } from "./lib/env.mjs";

const SERVER_BUNDLE = path.join(ROOT, "server", "dist", "server.js");
const SCRIPT = path.join(ROOT, "test", "e2e", "nvim", "check-lsp.lua");

test("Neovim 0.7's LSP client gets NV001, a hover, inlay hints and the .copy() quick fix", () => {
  requireFile(SERVER_BUNDLE, "the server bundle (npm run build)");
  const run = makeRunDir("nvim");
  try {
    const workspace = run.copy("test/e2e/workspace", "workspace");
    const started = Date.now();
    const result = spawnSync(
      NVIM,
      [
        "--headless",
        "--clean",
        "-n",
        "-i",
        "NONE",
        "-u",
        "NONE",
        // NOTE: without this, Neovim looks for a Python provider at start, which costs seconds.
        "--cmd",
        "let g:loaded_python3_provider=0",
        "-c",
        `luafile ${SCRIPT}`,
        "retained.py",
      ],
      {
        cwd: workspace,
        encoding: "utf8",
        timeout: 90_000,
        env: {
          ...run.env,
          NV_ROOT: workspace,
          // The command the README gives for other editors.
          NV_SERVER_CMD: JSON.stringify([process.execPath, "--max-semi-space-size=4", "--v8-pool-size=1", SERVER_BUNDLE, "--stdio"]),
        },
      },
    );
    const output = `${result.stdout ?? ""}${result.stderr ?? ""}`;
    if (result.error) assert.fail(`could not run ${NVIM} (apt-get install neovim): ${result.error.message}\n${output}`);
    console.log(`# neovim finished in ${Date.now() - started} ms`);
    assert.equal(result.status, 0, `Neovim exited with ${result.status ?? result.signal}:\n${output}`);
    assert.match(output, /^ok - NV001 goes away after the fix$/m, output);
    assert.doesNotMatch(output, /^not ok/m, output);
  } finally {
    run.cleanup();
  }
});
