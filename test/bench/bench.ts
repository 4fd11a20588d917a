// `npm run bench`: engine throughput on SciPy's sources vs parse alone, linear scaling, and the no-NumPy guard. Reported, not asserted.
//
// NOTE: the machines this runs on are shared, so every comparison is measured interleaved (parse and engine file by
// file; small and large module round by round) and reported as the median over rounds, after a warm-up: a burst of
// load from elsewhere then slows both sides of a ratio alike instead of skewing it. BENCH_ROUNDS (default 3) sets the
// rounds, BENCH_LINES the large module's length, BENCH_VERBOSE=1 prints every SciPy round.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { Engine } from "numpy-views-server/out/engine/engine";
import { generatedModule, pythonFiles } from "./corpus";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const LARGE_LINES = Number(process.env.BENCH_LINES ?? 100_000);
const SMALL_LINES = 1_000;

const now = (): number => Number(process.hrtime.bigint()) / 1e6;

const median = (xs: readonly number[]): number => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[mid] ?? NaN) : ((sorted[mid - 1] ?? NaN) + (sorted[mid] ?? NaN)) / 2;
};

const spread = (xs: readonly number[]): string => `${Math.min(...xs).toFixed(2)}–${Math.max(...xs).toFixed(2)}`;

/** The whole analysis, bindings included (they are made on first read, and `explain` reads them). */
function analyzeFully(engine: Engine, text: string): void {
  void engine.analyzeSource(text).bindings.length;
}

function scipyThroughput(engine: Engine, scipyDir: string): void {
  const files = pythonFiles(scipyDir);
  const texts = files.map((f) => readFileSync(f, "utf8"));
  const lines = texts.reduce((n, t) => n + t.split("\n").length, 0);
  for (const t of texts.slice(0, 100)) analyzeFully(engine, t); // warm-up
  const parseMs: number[] = [];
  const engineMs: number[] = [];
  const ratios: number[] = [];
  let failures = 0;
  const timeEngine = (text: string): number => {
    const t0 = now();
    try {
      analyzeFully(engine, text);
    } catch {
      failures++;
    }
    return now() - t0;
  };
  for (let round = 0; round < ROUNDS; round++) {
    let parse = 0;
    let full = 0;
    // Odd rounds run the engine first, so neither side always finds the file's text already in the CPU's caches.
    const engineFirst = round % 2 === 1;
    for (const t of texts) {
      if (engineFirst) full += timeEngine(t);
      const t0 = now();
      engine.parseOnly(t);
      parse += now() - t0;
      if (!engineFirst) full += timeEngine(t);
    }
    parseMs.push(parse);
    engineMs.push(full);
    ratios.push(full / parse);
    if (process.env.BENCH_VERBOSE)
      console.log(
        `  round ${round} (${engineFirst ? "engine" : "parse"} first): parse ${parse.toFixed(0)} ms, engine ${full.toFixed(0)} ms, ratio ${(full / parse).toFixed(2)}`,
      );
  }
  const parseMedian = median(parseMs);
  const engineMedian = median(engineMs);
  console.log(`SciPy sources: ${files.length} files, ${lines} lines (${scipyDir}); median of ${ROUNDS} interleaved rounds`);
  console.log(`  parse only:  ${parseMedian.toFixed(0)} ms, ${((lines / parseMedian) * 1000).toFixed(0)} lines/s`);
  console.log(`  full engine: ${engineMedian.toFixed(0)} ms, ${((lines / engineMedian) * 1000).toFixed(0)} lines/s, ${failures / ROUNDS} files threw`);
  console.log(`  engine / parse = ${median(ratios).toFixed(2)} (rounds ${spread(ratios)}; target <= 2.00)`);
}

function linearScaling(engine: Engine): void {
  const small = generatedModule(SMALL_LINES);
  const large = generatedModule(LARGE_LINES);
  const smallLines = small.split("\n").length;
  const largeLines = large.split("\n").length;
  // Each round times a batch of small runs (their mean, so the garbage they leave is paid for as in the large run)
  // and one large run; the large module also gets one untimed run first.
  const batch = Math.max(5, Math.round(LARGE_LINES / SMALL_LINES / 4));
  for (let k = 0; k < batch; k++) analyzeFully(engine, small);
  analyzeFully(engine, large);
  const smallMs: number[] = [];
  const largeMs: number[] = [];
  const ratios: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const t0 = now();
    for (let k = 0; k < batch; k++) analyzeFully(engine, small);
    const t1 = now();
    analyzeFully(engine, large);
    const t2 = now();
    const perSmall = (t1 - t0) / batch / smallLines;
    const perLarge = (t2 - t1) / largeLines;
    smallMs.push((t1 - t0) / batch);
    largeMs.push(t2 - t1);
    ratios.push(perLarge / perSmall);
  }
  console.log(
    `generated module: ${smallLines} lines ${median(smallMs).toFixed(1)} ms, ${largeLines} lines ${median(largeMs).toFixed(0)} ms; ` +
      `per-line ratio ${median(ratios).toFixed(2)} (rounds ${spread(ratios)}; target <= 1.30)`,
  );
}

function noNumpy(engine: Engine): void {
  const plain = generatedModule(LARGE_LINES).replace(/np\./g, "mx.").replace("import numpy as np", "import math as mx");
  const parse: number[] = [];
  const full: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const t0 = now();
    engine.parseOnly(plain);
    const t1 = now();
    analyzeFully(engine, plain);
    parse.push(t1 - t0);
    full.push(now() - t1);
  }
  console.log(
    `no-NumPy ${plain.split("\n").length}-line file: parse ${median(parse).toFixed(0)} ms, engine ${median(full).toFixed(1)} ms ` +
      "(the guard skips files that never import NumPy)",
  );
}

async function main(): Promise<void> {
  const engine = await Engine.create();
  const found = spawnSync("python3", ["-c", "import scipy, os; print(os.path.dirname(scipy.__file__))"], { encoding: "utf8" });
  const scipyDir = found.status === 0 ? found.stdout.trim() : null;
  if (scipyDir !== null) scipyThroughput(engine, scipyDir);
  else console.log("SciPy is not installed: skipping the SciPy throughput run");
  linearScaling(engine);
  noNumpy(engine);
  engine.dispose();
}

void main();
