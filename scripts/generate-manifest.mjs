// Writes the per-rule `numpy-views.severity` settings schema in package.json from the rule registry (code, name,
// summary, default severity); `--check` fails when package.json is stale. Needs `tsc -b` first (reads server/out).
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const { RULES } = require(path.join(root, "server", "out", "rules", "registry.js"));
const { severitySettingSchema } = require(path.join(root, "server", "out", "lsp", "manifest.js"));

const file = path.join(root, "package.json");
const text = readFileSync(file, "utf8");
const pkg = JSON.parse(text);
pkg.contributes.configuration.properties["numpy-views.severity"] = severitySettingSchema(RULES);
const expected = JSON.stringify(pkg, null, 2) + "\n";
if (process.argv.includes("--check")) {
  if (expected !== text) {
    console.error("package.json's numpy-views.severity schema is stale: run `npm run manifest`");
    process.exit(1);
  }
} else {
  writeFileSync(file, expected);
  console.log("updated numpy-views.severity in package.json");
}
