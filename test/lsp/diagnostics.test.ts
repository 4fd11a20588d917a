// The server as a server: push diagnostics over real LSP messages, kept current through incremental edits,
// settings (workspace/configuration + didChangeConfiguration) and pyproject.toml (didChangeWatchedFiles).
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { test } from "node:test";
import { pathToFileURL } from "node:url";
import { DiagnosticSeverity, DiagnosticTag } from "vscode-languageserver/node";
import { PROJECT_URI } from "numpy-views-server/out/cli/about";
import { inProcessClientForFile, type TestClient } from "./client";

const NV004 = "import numpy as np\na = np.arange(10)\na[[0, 1]][0] = 5\n";
const NV006 = "import numpy as np\nb = np.broadcast_to(np.arange(3), (2, 3))\nb[0, 0] = 1\n";
const NV005 = "import numpy as np\na = np.arange(10)\npicked = a[[1, 2]].copy()\n";

let client!: TestClient;
inProcessClientForFile((started) => (client = started));

test("a write into a temporary copy (NV004) is reported with code, source, range, link and version", async () => {
  const uri = "file:///diag/nv004.py";
  await client.open(uri, NV004, 3);
  const published = await client.diagnostics(uri);
  assert.equal(published.version, 3);
  assert.equal(published.diagnostics.length, 1);
  const [d] = published.diagnostics;
  assert.ok(d !== undefined);
  assert.equal(d.code, "NV004");
  assert.equal(d.source, "numpy-views");
  assert.equal(d.severity, DiagnosticSeverity.Warning);
  assert.deepEqual(d.range, { start: { line: 2, character: 0 }, end: { line: 2, character: 12 } });
  assert.match(d.message, /`a\[\[0, 1\]\]` is a new array \(a copy\)/);
  assert.equal(d.codeDescription?.href, `${PROJECT_URI}/blob/main/docs/rules/NV004.md`);
  assert.ok(d.codeDescription.href.startsWith("https://"));
  await client.close(uri);
});

test("a write into a read-only array (NV006) is an error with related information", async () => {
  const uri = "file:///diag/nv006.py";
  await client.open(uri, NV006);
  const { diagnostics } = await client.diagnostics(uri);
  assert.deepEqual(
    diagnostics.map((d) => [d.code, d.severity]),
    [["NV006", DiagnosticSeverity.Error]],
  );
  const related = diagnostics[0]?.relatedInformation ?? [];
  assert.equal(related.length, 1);
  assert.equal(related[0]?.location.uri, uri);
  assert.equal(related[0]?.location.range.start.line, 1);
  assert.match(related[0]?.message ?? "", /read-only array is made here/);
  await client.close(uri);
});

test("a redundant copy (NV005) carries the Unnecessary tag; other findings do not", async () => {
  const uri = "file:///diag/nv005.py";
  await client.open(uri, NV005 + NV004.split("\n").slice(2).join("\n"));
  const { diagnostics } = await client.diagnostics(uri);
  const byCode = new Map(diagnostics.map((d) => [d.code, d]));
  assert.deepEqual(byCode.get("NV005")?.tags, [DiagnosticTag.Unnecessary]);
  assert.equal(byCode.get("NV004")?.tags, undefined);
  await client.close(uri);
});

test("incremental edits re-publish: fixing the line clears NV004, breaking it again brings it back", async () => {
  const uri = "file:///diag/edit.py";
  await client.open(uri, NV004, 1);
  assert.equal((await client.diagnostics(uri, (p) => p.version === 1)).diagnostics.length, 1);
  // `a[[0, 1]][0] = 5` -> `a[0] = 5` by deleting `[[0, 1]]` (characters 1..9 of line 2).
  await client.change(uri, 2, [{ range: { start: { line: 2, character: 1 }, end: { line: 2, character: 9 } }, text: "" }]);
  const cleared = await client.diagnostics(uri, (p) => p.version === 2);
  assert.deepEqual(cleared.diagnostics, []);
  await client.change(uri, 3, [{ range: { start: { line: 2, character: 1 }, end: { line: 2, character: 1 } }, text: "[[0, 1]]" }]);
  const back = await client.diagnostics(uri, (p) => p.version === 3);
  assert.deepEqual(
    back.diagnostics.map((d) => d.code),
    ["NV004"],
  );
  await client.close(uri);
});

test("a burst of edits is analysed once for the last version, and no stale version is published after it", async () => {
  const uri = "file:///diag/burst.py";
  await client.open(uri, "import numpy as np\n", 1);
  await client.diagnostics(uri, (p) => p.version === 1);
  const line = "a = np.arange(10)\na[[0, 1]][0] = 5\n";
  for (let i = 0; i < line.length; i++) {
    await client.change(uri, 2 + i, [
      {
        range: { start: { line: 1 + (i > 17 ? 1 : 0), character: i > 17 ? i - 18 : i }, end: { line: 1 + (i > 17 ? 1 : 0), character: i > 17 ? i - 18 : i } },
        text: line.charAt(i),
      },
    ]);
  }
  const last = 1 + line.length;
  const final = await client.diagnostics(uri, (p) => p.version === last);
  assert.deepEqual(
    final.diagnostics.map((d) => [d.code, d.range.start.line]),
    [["NV004", 2]],
  );
  const versions = client.history(uri).map((p) => p.version ?? -1);
  assert.deepEqual(
    versions,
    [...versions].sort((a, b) => a - b),
    `published versions never go back: ${versions.join(",")}`,
  );
  assert.equal(new Set(versions).size, versions.length, "each version is published at most once");
  await client.close(uri);
});

test("closing a document clears its diagnostics", async () => {
  const uri = "file:///diag/close.py";
  await client.open(uri, NV004);
  await client.diagnostics(uri, (p) => p.diagnostics.length === 1);
  await client.close(uri);
  await client.diagnostics(uri, (p) => p.diagnostics.length === 0);
});

test("files that never import NumPy get empty diagnostics", async () => {
  const uri = "file:///diag/plain.py";
  await client.open(uri, "a = [1, 2]\na[0] = 5\n");
  assert.deepEqual((await client.diagnostics(uri)).diagnostics, []);
  await client.close(uri);
});

test("settings take effect without restart: severity override, rule off, enable false, threshold", async () => {
  const uri = "file:///diag/settings.py";
  await client.open(uri, NV004 + NV006.split("\n").slice(1).join("\n"));
  const codes = (p: { diagnostics: { code?: string | number; severity?: number }[] }) => p.diagnostics.map((d) => `${d.code}:${d.severity}`).sort();
  assert.deepEqual(codes(await client.diagnostics(uri, (p) => p.diagnostics.length === 2)), ["NV004:2", "NV006:1"]);

  client.settings = { severity: { NV004: "hint", NV006: "off" } };
  await client.configurationChanged();
  assert.deepEqual(codes(await client.diagnostics(uri, (p) => p.diagnostics.length === 1)), ["NV004:4"]);

  client.settings = { enable: false };
  await client.configurationChanged();
  await client.diagnostics(uri, (p) => p.diagnostics.length === 0);
  assert.ok(client.inlayRefreshes >= 2, "inlay hints are refreshed after a configuration change");

  client.settings = {};
  await client.configurationChanged();
  assert.deepEqual(codes(await client.diagnostics(uri, (p) => p.diagnostics.length === 2)), ["NV004:2", "NV006:1"]);
  await client.close(uri);
});

test("the threshold setting decides what counts as a large base (NV001 on a 8 MB array)", async () => {
  const uri = "file:///diag/threshold.py";
  const text = "import numpy as np\ndef f():\n    big = np.zeros(1_000_000)\n    return big[:10]\n";
  client.settings = {};
  await client.configurationChanged();
  await client.open(uri, text);
  assert.deepEqual(
    (await client.diagnostics(uri, (p) => p.diagnostics.length === 1)).diagnostics.map((d) => d.code),
    ["NV001"],
  );
  client.settings = { threshold: "100MB" };
  await client.configurationChanged();
  await client.diagnostics(uri, (p) => p.diagnostics.length === 0);
  client.settings = {};
  await client.configurationChanged();
  await client.diagnostics(uri, (p) => p.diagnostics.length === 1);
  await client.close(uri);
});

test("invalid settings are logged and fall back to defaults", async () => {
  const uri = "file:///diag/bad-settings.py";
  client.settings = { threshold: "lots", severity: { NV004: "loud", NV999: "off" }, inlayHints: 3 };
  await client.configurationChanged();
  await client.open(uri, NV004);
  assert.deepEqual(
    (await client.diagnostics(uri, (p) => p.diagnostics.length === 1)).diagnostics.map((d) => [d.code, d.severity]),
    [["NV004", DiagnosticSeverity.Warning]],
  );
  await client.until(() => (client.logs.some((l) => l.includes('"lots" is not a size')) ? true : undefined), "threshold warning");
  assert.ok(client.logs.some((l) => l.includes("NV999")));
  assert.ok(client.logs.some((l) => l.includes("numpy-views.severity.NV004")));
  client.settings = {};
  await client.configurationChanged();
  await client.close(uri);
});

test("pyproject.toml [tool.numpy-views] applies, is reloaded when it changes, and settings win over it", async () => {
  const dir = mkdtempSync(path.join(tmpdir(), "nv-lsp-pyproject-"));
  try {
    const pyproject = path.join(dir, "pyproject.toml");
    writeFileSync(pyproject, '[tool.numpy-views]\nignore = ["NV004"]\n');
    const file = path.join(dir, "pkg", "mod.py");
    const uri = pathToFileURL(file).href;
    client.settings = {};
    await client.configurationChanged();
    await client.open(uri, NV004 + NV006.split("\n").slice(1).join("\n"));
    assert.deepEqual(
      (await client.diagnostics(uri, (p) => p.diagnostics.length === 1)).diagnostics.map((d) => d.code),
      ["NV006"],
    );

    writeFileSync(pyproject, '[tool.numpy-views]\nseverity = { NV006 = "warning" }\n');
    await client.watchedFileChanged(pathToFileURL(pyproject).href);
    const reloaded = await client.diagnostics(uri, (p) => p.diagnostics.length === 2);
    assert.deepEqual(reloaded.diagnostics.map((d) => `${d.code}:${d.severity}`).sort(), ["NV004:2", "NV006:2"]);

    client.settings = { severity: { NV006: "error" } };
    await client.configurationChanged();
    const settingsWin = await client.diagnostics(uri, (p) => p.diagnostics.some((d) => d.code === "NV006" && d.severity === DiagnosticSeverity.Error));
    assert.equal(settingsWin.diagnostics.length, 2);
    client.settings = {};
    await client.configurationChanged();
    await client.close(uri);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("a broken [tool.numpy-views] is shown to the user once and defaults apply; excluded files are left alone", async () => {
  const dir = mkdtempSync(path.join(tmpdir(), "nv-lsp-badconfig-"));
  try {
    writeFileSync(path.join(dir, "pyproject.toml"), '[tool.numpy-views]\nignore = ["NV004"]\nbogus = true\nexclude = ["generated/"]\n');
    const uri = pathToFileURL(path.join(dir, "mod.py")).href;
    await client.open(uri, NV004);
    assert.deepEqual(
      (await client.diagnostics(uri, (p) => p.diagnostics.length === 1)).diagnostics.map((d) => d.code),
      ["NV004"],
    );
    await client.until(() => client.shown.find((m) => m.includes("unknown key 'bogus'")), "a warning about the bad key");
    await client.change(uri, 2, [{ text: NV004 + "\n" }]);
    await client.diagnostics(uri, (p) => p.version === 2);
    assert.equal(client.shown.filter((m) => m.includes("bogus")).length, 1, "shown once, not on every edit");

    writeFileSync(path.join(dir, "pyproject.toml"), '[tool.numpy-views]\nexclude = ["generated/"]\n');
    await client.watchedFileChanged(pathToFileURL(path.join(dir, "pyproject.toml")).href);
    const excluded = pathToFileURL(path.join(dir, "generated", "out.py")).href;
    await client.open(excluded, NV004);
    assert.deepEqual((await client.diagnostics(excluded)).diagnostics, []);
    assert.ok(client.logs.some((l) => l.includes(excluded) && l.includes("excluded")));
    await client.close(uri);
    await client.close(excluded);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("the server registers for configuration and pyproject.toml changes when the client allows it", () => {
  assert.ok(client.registrations.includes("workspace/didChangeConfiguration"));
  assert.ok(client.registrations.includes("workspace/didChangeWatchedFiles"));
});
