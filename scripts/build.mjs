// Bundles the CLI with esbuild and copies the wasm files next to the bundle (see ../shared TOOLCHAIN notes in docs/internals.md).
import { build } from "esbuild";
import { copyFileSync, mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const dist = path.join(root, "server", "dist");
mkdirSync(dist, { recursive: true });

await build({
  entryPoints: { cli: path.join(root, "server", "src", "cli.ts") },
  outdir: dist,
  bundle: true,
  platform: "node",
  target: "node20",
  format: "cjs",
  sourcemap: true,
  logLevel: "warning",
  // NOTE: esbuild would otherwise pick web-tree-sitter's ESM build, whose import.meta.url is empty in CJS output.
  alias: { "web-tree-sitter": require.resolve("web-tree-sitter") },
});
copyFileSync(require.resolve("web-tree-sitter/web-tree-sitter.wasm"), path.join(dist, "web-tree-sitter.wasm"));
copyFileSync(path.join(root, "grammars", "tree-sitter-python.wasm"), path.join(dist, "tree-sitter-python.wasm"));
console.log("built server/dist/cli.js");
