// Entry point of server/dist/cli.js (`numpy-views`): sets the CLI's V8 flags, then runs the CLI bundle
// (server/dist/cli-core.js, from server/src/cli.ts) through the code cache (code-cache.ts says why).
import path from "node:path";
import { laterTurbofanFlags, setRuntimeFlags } from "../v8-flags";
import { defaultCacheDirectory, runWithCodeCache } from "./code-cache";

// Before the bundle is compiled (compiled code, and so the code cache, depends on them): a check of one large file
// is all cold code (v8-flags.ts).
const flags = laterTurbofanFlags();
setRuntimeFlags(flags);

runWithCodeCache({
  bundle: path.join(__dirname, "cli-core.js"),
  directory: defaultCacheDirectory(),
  salt: process.versions.electron === undefined ? flags.join(" ") : "",
  writeAfter: "exit",
});
