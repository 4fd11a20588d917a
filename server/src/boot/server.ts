// Entry point of server/dist/server.js: sets the server's V8 flags, then runs the language server bundle
// (server/dist/server-core.js, from server/src/server.ts) through the code cache (code-cache.ts says why).
import "./flag-hash";
import path from "node:path";
import { SERVER_V8_FLAGS } from "../launch";
import { laterTurbofanFlags } from "../v8-flags";
import { startBundle } from "./code-cache";

/**
 * V8 flags set before the bundle is compiled: a later TurboFan tier-up ({@link laterTurbofanFlags} says why), no Maglev
 * tier (10–20 MB less memory for 30–50 ms more to the first diagnostics: launch.ts says why), a smaller growth of the
 * old generation between full collections (memory stays flat: launch.ts), and no allocation-site
 * pretenuring (V8 reads that flag whenever it decides on a site). The first analysis of a file keeps nearly everything
 * it makes (the rules' findings, the diagnostics' parts), so V8 learns to allocate at those sites straight into the old
 * generation; every later keystroke then puts its findings there, and once dead they still keep their young parts
 * alive for the young collector until a full collection. In about half the runs of `npm run bench:lsp` on a 5,000-line
 * file that promoted about 95 kB per keystroke, with a full collection every 70 keystrokes and memory climbing between
 * them (it depends on which functions are optimised first); without pretenuring a keystroke promotes about 1.3 kB,
 * every run.
 */
// NOTE: not inside Electron (setRuntimeFlags says why); the VS Code client passes the same flags on the command line
// there (launch.ts), but no tier-up flag.
const FLAGS = [...SERVER_V8_FLAGS, ...laterTurbofanFlags()];

startBundle({
  bundle: path.join(__dirname, "server-core.js"),
  flags: FLAGS,
  // After the first diagnostics and the hover prefetch that follows them (300 ms later, longer on a large file).
  writeAfter: 2_000,
});
