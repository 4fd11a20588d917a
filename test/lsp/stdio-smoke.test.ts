// Spawns the real language server binary (server/bin/numpy-views-ls --stdio, the bundle editors run) and talks LSP to
// it: initialize → didOpen → diagnostics → hover → shutdown → exit with status 0.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import path from "node:path";
import { before, test } from "node:test";
import type { MarkupContent } from "vscode-languageserver/node";
import { REPO_ROOT } from "../support/engine";
import { assertBundlesFresh } from "./build";
import { TestClient } from "./client";

const BIN = path.join(REPO_ROOT, "server", "bin", "numpy-views-ls");

before(() => assertBundlesFresh());

test("numpy-views-ls --stdio: initialize, diagnostics, hover, shutdown and exit", async () => {
  const client = TestClient.spawn(process.execPath, [BIN, "--stdio"]);
  try {
    const init = await client.initialize();
    assert.equal(init.serverInfo?.name, "numpy-views");
    assert.equal(init.capabilities.hoverProvider, true);
    assert.deepEqual(init.capabilities.textDocumentSync, { openClose: true, change: 2 });
    assert.ok(init.capabilities.notebookDocumentSync !== undefined);

    const uri = "file:///smoke/readonly.py";
    await client.open(uri, "import numpy as np\nb = np.broadcast_to(np.arange(3), (2, 3))\nb[0, 0] = 1\n");
    const { diagnostics } = await client.diagnostics(uri, (p) => p.diagnostics.length > 0);
    assert.deepEqual(
      diagnostics.map((d) => [d.code, d.source, d.range.start.line, d.range.start.character, d.range.end.character]),
      [["NV006", "numpy-views", 2, 0, 7]],
    );
    const hover = await client.hover(uri, { line: 2, character: 0 });
    const text = (hover?.contents as MarkupContent).value;
    assert.match(text, /^\*\*`b`\*\*: /);
    assert.match(text, /shape \(2, 3\) · int64 · 48 bytes · read-only/);
    assert.match(text, /raises `ValueError: assignment destination is read-only`/);

    assert.equal(await client.stop(), 0);
  } finally {
    client.kill();
  }
});

test("numpy-views-ls --version prints the version", () => {
  const result = spawnSync(process.execPath, [BIN, "--version"], { encoding: "utf8" });
  assert.equal(result.status, 0);
  assert.match(result.stdout, /^numpy-views-ls \d+\.\d+\.\d+\n$/);
});
