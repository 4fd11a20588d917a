// `npm run bench:profile [-- scipy | generated LINES]`: CPU profile of the engine, aggregated into self and inclusive time per function.
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { Session, type Profiler } from "node:inspector";
import path from "node:path";
import { Engine } from "numpy-views-server/out/engine/engine";
import { checkText } from "numpy-views-server/out/rules/check";
import { generatedModule, pythonFiles } from "./corpus";

/** `session.post` as a promise (the promise API's types are newer than this repository's @types/node). */
function post<T>(session: Session, method: string, params: object = {}): Promise<T> {
  const untyped = session as unknown as { post(method: string, params: object, done: (err: Error | null, result?: unknown) => void): void };
  return new Promise((resolve, reject) => untyped.post(method, params, (err, result) => (err === null ? resolve(result as T) : reject(err))));
}

/** Where the engine's phases start, by function name and compiled file: their inclusive time is the phase's. */
const PHASES: readonly [string, RegExp][] = [
  ["parse (tree-sitter)", /^parse parse\/parser\.js:/],
  ["copy tree (toRaw)", /^toRaw parse\/parser\.js:/],
  ["lower", /^lowerModule parse\/lower\.js:/],
  ["interpret", /^interpretModule interpret\/interpreter\.js:/],
  ["scopes (within interpret)", /^collectScope semantic\/scopes\.js:/],
  ["garbage collector", /^\(garbage collector\)/],
];

/** Self or inclusive microseconds per function (`name file:line`). */
type Times = Map<string, number>;

function frameKey(frame: Profiler.ProfileNode["callFrame"]): string {
  // Tree-sitter's own code, compiled to WebAssembly: one line per module rather than per function.
  if (frame.url.startsWith("wasm://")) return `(wasm) ${frame.url.split("/").slice(-2).join("/")}`;
  const file = frame.url === "" ? "" : frame.url.split("/").slice(-2).join("/");
  return `${frame.functionName === "" ? "(anonymous)" : frame.functionName} ${file}:${frame.lineNumber + 1}`;
}

/** Self and inclusive time per function; a recursive function's inclusive time counts each sample once. */
function aggregate(profile: Profiler.Profile): { self: Times; inclusive: Times; totalUs: number } {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self: Times = new Map();
  const inclusive: Times = new Map();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  let totalUs = 0;
  for (let i = 0; i < samples.length; i++) {
    const dt = deltas[i] ?? 0;
    totalUs += dt;
    const leaf = byId.get(samples[i] ?? -1);
    if (leaf === undefined) continue;
    const leafKey = frameKey(leaf.callFrame);
    self.set(leafKey, (self.get(leafKey) ?? 0) + dt);
    const seen = new Set<string>();
    for (let id: number | undefined = leaf.id; id !== undefined; id = parent.get(id)) {
      const node = byId.get(id);
      if (node === undefined) break;
      const key = frameKey(node.callFrame);
      if (seen.has(key)) continue;
      seen.add(key);
      inclusive.set(key, (inclusive.get(key) ?? 0) + dt);
    }
  }
  return { self, inclusive, totalUs };
}

function top(times: Times, totalUs: number, count: number): string {
  return [...times]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([key, us]) => `${(us / 1000).toFixed(0).padStart(8)} ms ${((100 * us) / totalUs).toFixed(1).padStart(5)}%  ${key}`)
    .join("\n");
}

/** Texts after alternately inserting and deleting a digit in a number near the middle of `text`. */
function editSequence(text: string, count: number): string[] {
  let at = text.indexOf("np.zeros((n, 1000))", Math.floor(text.length / 2));
  if (at < 0) at = Math.floor(text.length / 2);
  else at += "np.zeros((n, 1".length;
  const inserted = text.slice(0, at) + "5" + text.slice(at);
  return Array.from({ length: count }, (_, i) => (i % 2 === 0 ? inserted : text));
}

function inputs(args: readonly string[]): string[] {
  if (args[0] === "edits") return [generatedModule(Number(args[1] ?? 5_000))];
  if (args[0] === "generated") return [generatedModule(Number(args[1] ?? 100_000))];
  const found = spawnSync("python3", ["-c", "import scipy, os; print(os.path.dirname(scipy.__file__))"], { encoding: "utf8" });
  if (found.status !== 0) throw new Error("SciPy is not installed: pass `generated LINES` instead");
  return pythonFiles(found.stdout.trim()).map((f) => readFileSync(f, "utf8"));
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const texts = inputs(args);
  const engine = await Engine.create();
  const session = new Session();
  session.connect();
  await post(session, "Profiler.enable");
  await post(session, "Profiler.setSamplingInterval", { interval: 200 });
  await post(session, "Profiler.start");
  const start = Date.now();
  if (args[0] === "edits") {
    // What the editor does per keystroke: one-character edits near the middle of a generated module, each checked
    // under the document's key (incremental re-parse and unit reuse), as `npm run bench:lsp` drives the server.
    const [text] = texts;
    const edits = editSequence(text ?? "", Number(args[2] ?? 300));
    checkText(engine, text ?? "", undefined, { document: "profile" });
    for (const edited of edits) checkText(engine, edited, undefined, { document: "profile" });
  } else for (const text of texts) engine.analyzeSource(text);
  const wallMs = Date.now() - start;
  const { profile } = await post<{ profile: Profiler.Profile }>(session, "Profiler.stop");
  session.disconnect();
  engine.dispose();
  const out = path.resolve(process.env.PROFILE_OUT ?? "numpy-views.cpuprofile");
  writeFileSync(out, JSON.stringify(profile));
  const { self, inclusive, totalUs } = aggregate(profile);
  console.log(`${texts.length} inputs analysed in ${wallMs} ms; profile written to ${out} (open it in Chrome DevTools)`);
  console.log("\nphases (inclusive):");
  for (const [label, pattern] of PHASES) {
    let us = 0;
    for (const [key, t] of inclusive) if (pattern.test(key)) us += t;
    console.log(`${(us / 1000).toFixed(0).padStart(8)} ms ${((100 * us) / totalUs).toFixed(1).padStart(5)}%  ${label}`);
  }
  console.log(`\nself time (top 40):\n${top(self, totalUs, 40)}`);
  console.log(`\ninclusive time (top 40):\n${top(inclusive, totalUs, 40)}`);
}

void main();
