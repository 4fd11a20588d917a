// Bundles the CLI, the language server and the VS Code client with esbuild, and copies the wasm files next to the
// server bundles (the bundling pitfalls are summarised in docs/internals.md).
import { build } from "esbuild";
import { copyFileSync, mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const serverDist = path.join(root, "server", "dist");
const clientDist = path.join(root, "client", "dist");
mkdirSync(serverDist, { recursive: true });
mkdirSync(clientDist, { recursive: true });

const common = {
  bundle: true,
  platform: "node",
  target: "node20",
  format: "cjs",
  sourcemap: true,
  logLevel: "warning",
};
// The bundles shipped in the .vsix: smaller, but identifiers are kept so logged stack traces stay readable.
const shipped = { minifyWhitespace: true, minifySyntax: true };

// NOTE: esbuild would otherwise pick web-tree-sitter's ESM build, whose import.meta.url is empty in CJS output.
const webTreeSitterCjs = { "web-tree-sitter": require.resolve("web-tree-sitter") };

await Promise.all([
  // The CLI and the language server: one bundle each, with the engine inside.
  build({
    ...common,
    entryPoints: { cli: path.join(root, "server", "src", "cli.ts") },
    outdir: serverDist,
    alias: webTreeSitterCjs,
  }),
  build({
    ...common,
    ...shipped,
    entryPoints: { server: path.join(root, "server", "src", "server.ts") },
    outdir: serverDist,
    alias: webTreeSitterCjs,
  }),
  // The VS Code client: `vscode` is provided by the editor at run time.
  build({
    ...common,
    ...shipped,
    entryPoints: { extension: path.join(root, "client", "src", "extension.ts") },
    outdir: clientDist,
    external: ["vscode"],
  }),
]);
copyFileSync(require.resolve("web-tree-sitter/web-tree-sitter.wasm"), path.join(serverDist, "web-tree-sitter.wasm"));
copyFileSync(path.join(root, "grammars", "tree-sitter-python.wasm"), path.join(serverDist, "tree-sitter-python.wasm"));
console.log("built server/dist/cli.js, server/dist/server.js, client/dist/extension.js");
