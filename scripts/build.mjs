// Bundles the CLI, the language server and the VS Code client with esbuild, and copies the wasm files next to the
// server bundles (the bundling pitfalls are summarised in docs/internals.md).
import { build } from "esbuild";
import { copyFileSync, mkdirSync } from "node:fs";
import { readFile } from "node:fs/promises";
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

// Code compiled through the code cache (server/src/boot/code-cache.ts) cannot run a dynamic `import()`. The engine
// never reaches web-tree-sitter's (it gives Language.load bytes), and this makes it a plain require all the same, so
// the check below can insist on none.
const noDynamicImport = {
  name: "no-dynamic-import",
  setup(build) {
    build.onLoad({ filter: /web-tree-sitter[\\/]web-tree-sitter\.cjs$/ }, async (args) => {
      const text = await readFile(args.path, "utf8");
      const patched = text.replaceAll('await import("fs/promises")', 'require("fs/promises")');
      if (patched === text) throw new Error(`${args.path}: the dynamic import to replace has changed; update scripts/build.mjs`);
      return { contents: patched, loader: "js" };
    });
  },
};
// vscode-languageserver's files.js loads `child_process` as the server starts (2–3 ms of a cold start) for helpers
// that resolve global npm and yarn folders, which the server never calls: load it on their first use instead.
const lazyChildProcess = {
  name: "lazy-child-process",
  setup(build) {
    build.onLoad({ filter: /vscode-languageserver[\\/]lib[\\/]node[\\/]files\.js$/ }, async (args) => {
      const text = await readFile(args.path, "utf8");
      const eager = 'const child_process_1 = require("child_process");';
      const lazy =
        'const child_process_1 = { get fork() { return require("child_process").fork; }, get spawnSync() { return require("child_process").spawnSync; } };';
      const uses = text.match(/child_process_1\.\w+/g) ?? [];
      if (!text.includes(eager) || uses.some((use) => use !== "child_process_1.fork" && use !== "child_process_1.spawnSync")) {
        throw new Error(`${args.path}: its use of child_process has changed; update scripts/build.mjs`);
      }
      return { contents: text.replace(eager, lazy), loader: "js" };
    });
  },
};
const core = { alias: webTreeSitterCjs, plugins: [noDynamicImport, lazyChildProcess] };

// The built-in modules a bundle requires (esbuild's metafile lists them as external imports), which its boot entry
// loads before it sets V8 flags (server/src/boot/code-cache.ts says why). `child_process` is left out: the server's
// bundle loads it only on first use (above), and the CLI's never.
function builtinsOf(result) {
  const ids = Object.values(result.metafile.outputs)
    .flatMap((output) => output.imports)
    .filter((imported) => imported.external)
    .map((imported) => imported.path.replace(/^node:/, ""));
  return [...new Set(ids)].filter((id) => id !== "child_process").sort();
}

const [cliCore, serverCore] = await Promise.all([
  // The CLI and the language server: one bundle each with the engine inside (cli-core.js, server-core.js), run
  // through V8's code cache by a small boot bundle each (cli.js, server.js: server/src/boot/).
  build({ ...common, entryPoints: { "cli-core": path.join(root, "server", "src", "cli.ts") }, outdir: serverDist, metafile: true, ...core }),
  build({ ...common, ...shipped, entryPoints: { "server-core": path.join(root, "server", "src", "server.ts") }, outdir: serverDist, metafile: true, ...core }),
]);
await Promise.all([
  build({
    ...common,
    entryPoints: { cli: path.join(root, "server", "src", "boot", "cli.ts") },
    outdir: serverDist,
    define: { BUNDLE_BUILTINS: JSON.stringify(builtinsOf(cliCore)) },
  }),
  build({
    ...common,
    ...shipped,
    entryPoints: { server: path.join(root, "server", "src", "boot", "server.ts") },
    outdir: serverDist,
    define: { BUNDLE_BUILTINS: JSON.stringify(builtinsOf(serverCore)) },
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
for (const bundle of ["cli-core.js", "server-core.js"]) {
  const text = await readFile(path.join(serverDist, bundle), "utf8");
  const at = text.search(/\bimport\s*\(/);
  if (at !== -1) throw new Error(`server/dist/${bundle} has a dynamic import (${JSON.stringify(text.slice(at, at + 60))}), which the code cache cannot run`);
}
copyFileSync(require.resolve("web-tree-sitter/web-tree-sitter.wasm"), path.join(serverDist, "web-tree-sitter.wasm"));
copyFileSync(path.join(root, "grammars", "tree-sitter-python.wasm"), path.join(serverDist, "tree-sitter-python.wasm"));
console.log("built server/dist/cli.js, server/dist/server.js (and their -core bundles), client/dist/extension.js");
