// Entry point of the `numpy-views` bundle.
import { main } from "./cli/main";
import { laterTurbofanFlags, setRuntimeFlags } from "./v8-flags";

// Before the first analysis: a check of one large file is all cold code (v8-flags.ts).
setRuntimeFlags(laterTurbofanFlags());

main(process.argv.slice(2), { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) }).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`numpy-views: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 2;
  },
);
