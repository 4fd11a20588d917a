// Entry point of the `numpy-views` bundle (server/dist/cli-core.js, which server/dist/cli.js runs: see boot/cli.ts).
import { main } from "./cli/main";

main(process.argv.slice(2), { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) }).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`numpy-views: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 2;
  },
);
