// Entry point of server/dist/cli.js (`numpy-views`): sets the CLI's V8 flags, then runs the CLI bundle
// (server/dist/cli-core.js, from server/src/cli.ts) through the code cache (code-cache.ts says why).
import path from "node:path";
import { laterTurbofanFlags } from "../v8-flags";
import { startBundle } from "./code-cache";

// A check of one large file is all cold code (v8-flags.ts).
startBundle({ bundle: path.join(__dirname, "cli-core.js"), flags: laterTurbofanFlags(), writeAfter: "exit" });
