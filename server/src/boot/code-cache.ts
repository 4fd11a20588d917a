// Runs a bundle (server/dist/server-core.js, cli-core.js) through V8's code cache, so a start after the first one
// skips compiling what the first one compiled. The boot entries (server/src/boot/*.ts) are all that run without it.
//
// Why: a cold start compiles the engine function by function as the first analysis reaches it (V8 compiles lazily).
// A code cache made once that analysis has run holds the bytecode of every function it needed, and the next start
// deserialises it instead. Measured with `npm run bench:lsp` (5,000-line file, medians of 7 starts, 2 cores), cold
// start to first diagnostics about 500 → 460 ms on Node 20, 430 → 405 ms on Node 22, 405 → 380 ms on Node 24.
//
// The cache is trusted input to V8 (bytecode), so it is only read from a directory of the user's own (made 0700), from
// a file the user owns that nobody else may write, and its name is a hash of everything the compiled code depends on
// (the bundle's text, the runtime, its flags): V8 itself only checks the source's length, version and flags.
import { createHash } from "node:crypto";
import { closeSync, fstatSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from "node:fs";
import Module from "node:module";
import os from "node:os";
import path from "node:path";
import { Script } from "node:vm";
import { setRuntimeFlags } from "../v8-flags";
import { WARM_HOOK } from "./warm";

/** Bump when what a cache file holds or how it is named changes. */
const FORMAT = "1";
const SUFFIX = ".v8cache";
/** Cache files kept per bundle (one per runtime and flags that start it: VS Code, a terminal, another editor). */
const KEPT_PER_BUNDLE = 4;
/** What happened to the cache. */
export type CodeCacheStatus =
  /** No cache directory (`NUMPY_VIEWS_CACHE_DIR` set empty, or no home directory). */
  | "off"
  /** No cache file yet: one is written once the bundle is warm. */
  | "missing"
  /** Compiled from the cache. */
  | "used"
  /** V8 refused the file (another V8 build, a damaged file): it is written again once warm. */
  | "rejected"
  /** The file is not the user's own, or is writable by others: not read, not replaced. */
  | "untrusted";

export interface CodeCacheRun {
  readonly status: CodeCacheStatus;
  /** The cache file (null when off). */
  readonly file: string | null;
}

export interface CodeCacheOptions {
  /** The CommonJS bundle to run. */
  readonly bundle: string;
  /** Where cache files live; null: run without one. */
  readonly directory: string | null;
  /** What else the compiled code depends on, e.g. the V8 flags the boot entry set at run time. */
  readonly salt?: string;
  /**
   * When to write the cache once the bundle calls `markWarm` (warm.ts): `"exit"` as the process exits (the CLI), or after this
   * many milliseconds (the server: off the keystroke path, and after the hover prefetch has run) or at exit, whichever
   * comes first.
   */
  readonly writeAfter: "exit" | number;
}

/**
 * Where cache files go: `NUMPY_VIEWS_CACHE_DIR` if set (empty: no cache), else the platform's per-user cache
 * directory (`$XDG_CACHE_HOME` or `~/.cache` on Linux, `~/Library/Caches` on macOS, `%LOCALAPPDATA%` on Windows) under
 * `numpy-views/code-cache`. Null when there is none.
 */
export function defaultCacheDirectory(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home: () => string = os.homedir,
): string | null {
  const explicit = env["NUMPY_VIEWS_CACHE_DIR"];
  if (explicit !== undefined) return explicit.trim() === "" ? null : path.resolve(explicit);
  const under = (base: string | undefined): string | null =>
    base !== undefined && base !== "" && path.isAbsolute(base) ? path.join(base, "numpy-views", "code-cache") : null;
  if (platform === "win32") return under(env["LOCALAPPDATA"]);
  const xdg = under(env["XDG_CACHE_HOME"]);
  if (xdg !== null && platform !== "darwin") return xdg;
  let homeDir: string;
  try {
    homeDir = home();
  } catch {
    return null;
  }
  if (homeDir === "" || !path.isAbsolute(homeDir)) return null;
  return under(platform === "darwin" ? path.join(homeDir, "Library", "Caches") : path.join(homeDir, ".cache"));
}

/** The cache file's name for a bundle's text under the running runtime. */
export function cacheFileName(bundle: string, source: string, salt = ""): string {
  const hash = createHash("sha256");
  // The executable too: two builds of one Node version (a distribution's and nodejs.org's) may differ in V8's options.
  const runtime = [process.execPath, process.version, process.versions.v8, process.versions.electron ?? "", process.arch, process.platform];
  for (const part of [FORMAT, ...runtime, process.execArgv.join(" "), salt, source]) {
    hash.update(part);
    hash.update("\u0000");
  }
  return `${path.basename(bundle, ".js")}-${hash.digest("hex").slice(0, 24)}${SUFFIX}`;
}

/** The file's bytes if the user may trust it: their own, and writable by nobody else (POSIX). Undefined if absent. */
function readTrusted(file: string): Buffer | "untrusted" | undefined {
  let fd: number;
  try {
    fd = openSync(file, "r");
  } catch {
    return undefined;
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) return "untrusted";
    if (process.platform !== "win32" && ((process.getuid !== undefined && stat.uid !== process.getuid()) || (stat.mode & 0o022) !== 0)) return "untrusted";
    return readFileSync(fd);
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}

/** Writes the cache atomically (a reader sees the old file or the new one), then drops this bundle's oldest ones. */
function writeCache(file: string, data: Buffer): void {
  const directory = path.dirname(file);
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    mkdirSync(directory, { recursive: true, mode: 0o700 });
    writeFileSync(temporary, new Uint8Array(data.buffer, data.byteOffset, data.byteLength), { mode: 0o600 });
    renameSync(temporary, file);
  } catch {
    // A cache that cannot be written (read-only home, full disk) only costs speed.
    try {
      unlinkSync(temporary);
    } catch {
      // Never written.
    }
    return;
  }
  const prefix = path.basename(file).replace(/-[0-9a-f]+\.v8cache$/, "-");
  try {
    const others = readdirSync(directory)
      .filter((name) => name.startsWith(prefix) && name.endsWith(SUFFIX) && /^[0-9a-f]+$/.test(name.slice(prefix.length, -SUFFIX.length)))
      .map((name) => path.join(directory, name))
      .filter((other) => other !== file)
      .map((other) => ({ other, mtime: statSync(other).mtimeMs }))
      .sort((a, b) => b.mtime - a.mtime);
    for (const { other } of others.slice(KEPT_PER_BUNDLE - 1)) unlinkSync(other);
  } catch {
    // Another process pruned at the same time.
  }
}

/**
 * Compiles and runs `options.bundle` as a CommonJS module, from its code cache when there is a usable one; when there
 * is none, writes one once the bundle calls `markWarm` (warm.ts).
 *
 * NOTE: code compiled by `vm.Script` has no dynamic `import()` (Node gives it no loader without an experimental
 * option), so the bundles must not reach one: the build checks that they contain none.
 */
export function runWithCodeCache(options: CodeCacheOptions): CodeCacheRun {
  const { bundle, directory } = options;
  const source = readFileSync(bundle, "utf8");
  const file = directory === null ? null : path.join(directory, cacheFileName(bundle, source, options.salt));
  const cached = file === null ? undefined : readTrusted(file);
  const script = new Script(Module.wrap(source), { filename: bundle, cachedData: cached instanceof Buffer ? cached : undefined });
  const status: CodeCacheStatus =
    file === null ? "off" : cached === undefined ? "missing" : cached === "untrusted" ? "untrusted" : script.cachedDataRejected === true ? "rejected" : "used";
  if (file !== null && (status === "missing" || status === "rejected")) {
    let written = false;
    const write = () => {
      if (written) return;
      written = true;
      let data: Buffer;
      try {
        data = script.createCachedData();
      } catch {
        // Runs in an exit handler too, where a throw would change the exit status: a missing cache only costs speed.
        return;
      }
      writeCache(file, data);
    };
    let warm = false;
    (globalThis as Record<symbol, unknown>)[WARM_HOOK] = () => {
      if (warm) return;
      warm = true;
      process.once("exit", write);
      if (options.writeAfter !== "exit") setTimeout(write, options.writeAfter).unref();
    };
  }
  const module = { exports: {} as unknown, filename: bundle, id: bundle };
  const run = script.runInThisContext() as (exports: unknown, require: NodeJS.Require, module: unknown, filename: string, dirname: string) => void;
  run.call(module.exports, module.exports, Module.createRequire(bundle), module, bundle, path.dirname(bundle));
  return { status, file };
}

/** Set by the build (scripts/build.mjs) in each boot bundle: the built-in modules its bundle requires. */
declare const BUNDLE_BUILTINS: readonly string[] | undefined;

/**
 * Loads Node's built-in modules that the bundle this boot entry runs requires (as the build found them; none when not
 * built), and those behind the global `performance` and behind `process.stdout` (net or tty, and the streams: both
 * bundles write there). Node compiles a built-in module from its own code cache only while V8's flags hash as they did
 * when that cache was made: loaded after {@link startBundle} sets the bundle's flags, each would be compiled from
 * source instead (crypto, net and the streams: about 10 ms on Node 20 and 22).
 */
function loadBuiltins(): void {
  const load = Module.createRequire(__filename);
  for (const id of typeof BUNDLE_BUILTINS === "undefined" ? [] : BUNDLE_BUILTINS) {
    try {
      load(id);
    } catch {
      // Not in this runtime: the bundle will say so itself if it needs it.
    }
  }
  void globalThis.performance?.now();
  void process.stdout;
}

/**
 * What the boot entries do: loads the built-in modules `bundle` requires ({@link loadBuiltins}), sets `flags` (compiled
 * code, and so the code cache, depends on them), then runs `bundle` through the code cache in the user's cache folder
 * ({@link defaultCacheDirectory}).
 */
export function startBundle(options: { readonly bundle: string; readonly flags: readonly string[]; readonly writeAfter: "exit" | number }): CodeCacheRun {
  loadBuiltins();
  const set = setRuntimeFlags(options.flags);
  return runWithCodeCache({ bundle: options.bundle, directory: defaultCacheDirectory(), salt: set.join(" "), writeAfter: options.writeAfter });
}
