// How an editor should start the language server process: the Node options and environment the VS Code client passes
// (client/src/extension.ts), which `npm run bench:lsp` also uses. The V8 flags among them the server sets for itself
// at run time (boot/server.ts) where it can, and they are then left off the command line.

/**
 * V8 flags for the server that can also be set once the process runs. On Node the server sets them itself
 * (boot/server.ts), once the built-in modules it needs are loaded: on a command line each of them (except
 * `--no-maglev` where Maglev is off already) changes V8's flag hash, which every code cache is checked against,
 * Node's own for its built-in modules included, and so every built-in module the server loads would be compiled from
 * source (5–9 ms, {@link serverExecArgv}). Inside Electron flags cannot be changed at run time (v8-flags.ts), so
 * there only the command line gives them: {@link serverExecArgv}.
 */
export const SERVER_V8_FLAGS: readonly string[] = ["--heap-growing-percent=30", "--no-maglev", "--no-allocation-site-pretenuring"];

/**
 * Options only the command line can give, because they take effect as the process starts: the heap's young
 * generation is sized and V8's thread pool made before any code runs.
 */
export const SERVER_START_OPTIONS: readonly string[] = ["--max-semi-space-size=4", "--v8-pool-size=1"];

/**
 * All of the server's Node and V8 options ({@link SERVER_START_OPTIONS} and {@link SERVER_V8_FLAGS}), each measured
 * with `npm run bench:lsp` on a 5,000-line file (1,000 edits, interleaved runs on a 2-core machine, Node 24 unless
 * said otherwise; docs/internals.md has more):
 *
 * - `--max-semi-space-size=4`: a young generation of at most 2 × 4 MB. The server's garbage is per keystroke (about
 *   1.4 MB on that file), so a larger one only holds more of it; left to itself, V8 sizes it by the machine's memory,
 *   up to 2 × 64 MB on Node 24 (169–237 MB over the edits). 2 × 8 MB took 7–10 MB more; 2 × 4 MB works once a
 *   keystroke's state lives through at most one young collection (the document text, especially: engine.ts). Set at
 *   run time it changes nothing (the heap is already made), so it is the one V8 flag always on the command line; the
 *   server then sets it back to its default (boot/flag-hash.ts says why).
 * - `--heap-growing-percent=30`: the old generation may grow by 30% of what a full collection left before the next
 *   one, instead of up to 4 times: what keystrokes promote is collected every few hundred edits, and memory stays
 *   flat (104–111 MB over 1,000 edits on Node 24, one full collection, instead of 109–120 MB still climbing).
 * - `--v8-pool-size=1` (a Node option, not V8's): one V8 worker thread instead of four. Each worker that compiles or
 *   marks keeps its own malloc arena: 5–8 MB less, and the first diagnostics 20–30 ms sooner on two cores. Electron
 *   parses the option and runs V8 on its own thread pool, so it changes nothing there.
 * - `--no-maglev`: no Maglev tier (Node 24; Node 22 has it off already). Its compiles in the first analysis leave the
 *   worker thread's malloc arena at 13 MB, fully resident, plus 2–3 MB of code: 12–20 MB more over the edits. The
 *   price is the cold start: first diagnostics about 50 ms later on Node 24. Known to every V8 since 9.x.
 * - `--no-allocation-site-pretenuring`: boot/server.ts says why.
 *
 * Only options every V8 since 11 (VS Code 1.85's Electron) knows: an unknown one stops the process from starting.
 */
export const SERVER_EXEC_ARGV: readonly string[] = [...SERVER_START_OPTIONS, ...SERVER_V8_FLAGS];

/**
 * The command-line options an editor starts the server with, in the runtime the editor runs it on (VS Code starts it
 * with its extension host's runtime): on Node only {@link SERVER_START_OPTIONS}, since the server sets
 * {@link SERVER_V8_FLAGS} itself once its built-in modules are loaded (on Node 24, 9 ms sooner to the initialize answer
 * than with them on the command line; 5–6 ms on Node 20 and 22); inside Electron all of {@link SERVER_EXEC_ARGV}.
 */
export function serverExecArgv(versions: NodeJS.ProcessVersions = process.versions): readonly string[] {
  return versions.electron !== undefined ? SERVER_EXEC_ARGV : SERVER_START_OPTIONS;
}

/**
 * Environment for the server. `MALLOC_MMAP_THRESHOLD_` (glibc; other C libraries ignore it): allocations of 64 kB and
 * more get pages of their own, given back when freed, instead of staying resident in a malloc arena after the
 * compiler or a large read has let them go: 2–4 MB less over the edits, 5–20 MB less after hovers.
 */
export const SERVER_ENV: Readonly<Record<string, string>> = { MALLOC_MMAP_THRESHOLD_: "65536" };
