// V8 flags the CLI and the language server set for themselves as they start, before the first analysis.
import { setFlagsFromString } from "node:v8";

/**
 * Flags that make V8 tier functions up to TurboFan later than it would by default, for the V8 versions where that was
 * measured to help (none elsewhere: each of these flags is a fatal "bad option" on a V8 that does not know it).
 *
 * The first analysis of a file runs the engine's code cold. V8 soon queues most of the interpreter for TurboFan, and
 * compiling it takes about 520 ms of CPU on Node 20 (the largest functions 25–45 ms each), more than the analysis
 * itself: on a 2-core machine those background compiles take CPU from the analysis faster than their code pays it
 * back, so the first analysis of the 5,000-line bench file took as long with TurboFan off (`--no-opt`). Tiering up
 * about 3.5 times later optimises only what stays hot. Measured with `npm run bench:lsp` on a 2-core machine (9 to 11
 * interleaved runs each, medians of cold start to first diagnostics): 551 → 482 ms on Node 20 (`--interrupt-budget`,
 * default 67,584), 576 → 521 ms there as the VS Code client launches it, 479 → 432 ms on Node 22
 * (`--invocation-count-for-turbofan`, default 3,000); on Node 24, whose Maglev tier fills the gap, 420 → 409 ms, within
 * the noise. Edit latency is unchanged (p50 and p95 over 1,000 edits; the first 20 edits slightly faster), and so is
 * the CLI over all of SciPy; `numpy-views check` on the 5,000-line file takes 0.45 s instead of 0.52 s.
 */
export function laterTurbofanFlags(v8Version: string = process.versions.v8): readonly string[] {
  // Node 20 (V8 11.3); V8 11.8 already counts invocations instead.
  if (v8Version.startsWith("11.3.")) return ["--interrupt-budget=250000"];
  // Node 22 and 23.
  if (v8Version.startsWith("12.")) return ["--invocation-count-for-turbofan=10000"];
  return [];
}

/**
 * Sets V8 flags at run time, on Node only: inside Electron (where VS Code runs the language server) an embedder's V8
 * may have frozen its flags, and changing one is then a fatal error, not an exception (nw.js does so). There the VS Code
 * client passes the server's other flags on the command line (launch.ts), but no tier-up flag:
 * which of them an Electron's V8 knows cannot be checked here, and an unknown one would stop the server from starting.
 * Returns the flags it set.
 */
export function setRuntimeFlags(flags: readonly string[]): readonly string[] {
  if (process.versions.electron !== undefined) return [];
  const set: string[] = [];
  for (const flag of flags) {
    try {
      setFlagsFromString(flag);
      set.push(flag);
    } catch {
      // A runtime that only imitates Node's `v8` module may refuse: these flags tune speed and memory, nothing else.
    }
  }
  return set;
}
