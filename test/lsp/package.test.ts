// `vsce package --no-dependencies` with the whitelist .vscodeignore: the .vsix holds the two bundles, both wasm
// files, the manifest, README and LICENSE, and nothing else (no sources, maps, tests or node_modules).
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { test } from "node:test";
import { REPO_ROOT } from "../support/engine";
import { assertBundlesFresh } from "./build";

/** The file names in a zip archive, read from its central directory. */
export function zipEntries(zip: Buffer): string[] {
  const EOCD = 0x06054b50;
  let eocd = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--) {
    if (zip.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  assert.ok(eocd >= 0, "not a zip: no end of central directory record");
  const count = zip.readUInt16LE(eocd + 10);
  let offset = zip.readUInt32LE(eocd + 16);
  const names: string[] = [];
  for (let n = 0; n < count; n++) {
    assert.equal(zip.readUInt32LE(offset), 0x02014b50, "bad central directory entry");
    const nameLength = zip.readUInt16LE(offset + 28);
    const extraLength = zip.readUInt16LE(offset + 30);
    const commentLength = zip.readUInt16LE(offset + 32);
    names.push(zip.subarray(offset + 46, offset + 46 + nameLength).toString("utf8"));
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}

test("the .vsix lists the server and client bundles (boot and core) and both wasm files, and no sources", () => {
  assertBundlesFresh();
  const dir = mkdtempSync(path.join(tmpdir(), "nv-vsix-"));
  try {
    const vsix = path.join(dir, "numpy-views.vsix");
    const vsce = path.join(REPO_ROOT, "node_modules", "@vscode", "vsce", "vsce");
    const result = spawnSync(process.execPath, [vsce, "package", "--no-dependencies", "--out", vsix], { cwd: REPO_ROOT, encoding: "utf8" });
    assert.equal(result.status, 0, `vsce failed:\n${result.stdout}\n${result.stderr}`);
    const entries = zipEntries(readFileSync(vsix)).sort();
    for (const required of [
      "extension/package.json",
      "extension/client/dist/extension.js",
      "extension/server/dist/server.js",
      "extension/server/dist/server-core.js",
      "extension/server/dist/web-tree-sitter.wasm",
      "extension/server/dist/tree-sitter-python.wasm",
      "extension.vsixmanifest",
    ]) {
      assert.ok(entries.includes(required), `${required} missing from ${entries.join(", ")}`);
    }
    assert.ok(entries.some((e) => /^extension\/readme\.md$/i.test(e)));
    assert.ok(entries.some((e) => /^extension\/LICENSE(\.txt)?$/i.test(e)));
    const unexpected = entries.filter((e) => /\.(ts|map|py|mjs)$|node_modules|\/src\/|\/test\/|tsconfig/.test(e));
    assert.deepEqual(unexpected, []);
    assert.ok(entries.length <= 11, `only the whitelist is packed: ${entries.join(", ")}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
