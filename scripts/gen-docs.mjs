// Writes the generated documentation (docs/rules/NV00X.md and the README's rules table) from the rule metadata.
// `--check` writes nothing and exits 1 when a generated file is stale. Needs the compiled server (`tsc -b`).
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const { docsDrift, writeDocs } = require(path.join(root, "server", "out", "cli", "docs.js"));

if (process.argv.includes("--check")) {
  const stale = docsDrift(root);
  if (stale.length > 0) {
    console.error(`generated docs are stale (run \`npm run docs\`):\n${stale.map((f) => `  ${f}`).join("\n")}`);
    process.exit(1);
  }
  console.log("generated docs are up to date");
} else {
  const changed = writeDocs(root);
  console.log(changed.length === 0 ? "generated docs were already up to date" : `wrote ${changed.join(", ")}`);
}
