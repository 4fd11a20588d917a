// Reproduces grammars/tree-sitter-python.wasm from the tree-sitter-python npm package and records its origin.
import { createHash } from "node:crypto";
import { copyFileSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const source = require.resolve("tree-sitter-python/tree-sitter-python.wasm");
const { version } = JSON.parse(readFileSync(require.resolve("tree-sitter-python/package.json"), "utf8"));
const target = path.join(root, "grammars", "tree-sitter-python.wasm");
const check = process.argv.includes("--check");
const sha256 = (file) => createHash("sha256").update(readFileSync(file)).digest("hex");

if (check) {
  if (sha256(source) !== sha256(target)) {
    console.error(`grammars/tree-sitter-python.wasm differs from tree-sitter-python@${version}; run npm run grammar`);
    process.exit(1);
  }
  console.log(`grammars/tree-sitter-python.wasm matches tree-sitter-python@${version}`);
} else {
  copyFileSync(source, target);
  const record = {
    package: "tree-sitter-python",
    version,
    file: "tree-sitter-python.wasm",
    sha256: sha256(target),
  };
  writeFileSync(path.join(root, "grammars", "SOURCE.json"), JSON.stringify(record, null, 2) + "\n");
  console.log(`copied tree-sitter-python@${version} (${record.sha256.slice(0, 12)}) to grammars/`);
}
