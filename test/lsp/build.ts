// Tests that run the bundles (stdio smoke test, .vsix) need them built from the sources under test; `npm test`'s
// pretest builds them. This fails early, with the fix in the message, when they are missing or older than a source.
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { REPO_ROOT } from "../support/engine";

const BUNDLES = ["server/dist/server.js", "server/dist/server-core.js", "server/dist/cli.js", "server/dist/cli-core.js", "client/dist/extension.js"];
const SOURCES = ["server/src", "client/src"];

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

/** Throws unless the server and client bundles exist and are newer than every source file. */
export function assertBundlesFresh(): void {
  const newestSource = Math.max(...SOURCES.map((d) => newestMtime(path.join(REPO_ROOT, d))));
  for (const bundle of BUNDLES) {
    let built: number;
    try {
      built = statSync(path.join(REPO_ROOT, bundle)).mtimeMs;
    } catch {
      throw new Error(`${bundle} is missing: run \`npm run build\` (npm test does it before testing)`);
    }
    if (built < newestSource) throw new Error(`${bundle} is older than the sources: run \`npm run build\``);
  }
}
