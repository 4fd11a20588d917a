// The real binary (server/bin/numpy-views → the esbuild bundle), spawned as a user runs it.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import path from "node:path";
import { test } from "node:test";
import { REPO_ROOT } from "../support/engine";
import { FLAGGED, notebookJson, withTree } from "./helpers";

const BIN = path.join(REPO_ROOT, "server", "bin", "numpy-views");

test("the installed binary checks a folder: text output, exit 1, then JSON", () =>
  withTree({ "src/m.py": FLAGGED.NV006, "nb.ipynb": notebookJson([{ type: "code", source: FLAGGED.NV004 }]) }, (dir) => {
    const text = spawnSync(process.execPath, [BIN, "check"], { cwd: dir, encoding: "utf8" });
    assert.equal(text.status, 1, text.stderr);
    assert.match(text.stdout, /^nb\.ipynb:cell 1:3:1: NV004 .*\nsrc\/m\.py:3:1: NV006 .*\nFound 2 errors\.\n$/);
    const json = spawnSync(process.execPath, [BIN, "check", "--format", "json", "src"], { cwd: dir, encoding: "utf8" });
    assert.equal(json.status, 1, json.stderr);
    assert.deepEqual(
      (JSON.parse(json.stdout) as { code: string }[]).map((f) => f.code),
      ["NV006"],
    );
    const stdin = spawnSync(process.execPath, [BIN, "check", "--stdin-filename", "x.py"], { cwd: dir, encoding: "utf8", input: "print(1)\n" });
    assert.equal(stdin.status, 0, stdin.stderr);
    assert.equal(stdin.stdout, "All checks passed!\n");
  }));
