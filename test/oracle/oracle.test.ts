// Compares the engine's explain output on the corpus with what real NumPy did: zero wrong answers, abstentions reported.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { NUMPY_TABLE } from "numpy-views-server/out/numpy/table";
import { engine, REPO_ROOT } from "../support/engine";
import { explainBindings } from "numpy-views-server/out/cli/explain";
import { PYTHON } from "../support/python";

interface Observation {
  kind: string;
  aliases: string[];
  shares: string[];
  rootOwners: string[];
  shape: number[] | null;
  dtype: string | null;
  nbytes: number | null;
  writeable: boolean | null;
}
interface OracleBinding {
  name: string;
  line: number;
  column: number;
  executions: number;
  observations: Observation[];
  expect: { kind: string; base?: string | null } | null;
}
interface OracleFile {
  error: string | null;
  markerErrors: unknown[];
  bindings: OracleBinding[];
}

const corpusDir = path.join(REPO_ROOT, "test", "corpus");
const corpus = readdirSync(corpusDir)
  .filter((f) => f.endsWith(".py"))
  .sort()
  .map((f) => path.join("test", "corpus", f));

/** Runs every corpus program once under real NumPy; null (with a loud message) when python3/NumPy is missing. */
function runOracle(): Record<string, OracleFile> | null {
  const result = spawnSync(PYTHON, [path.join("test", "oracle", "run_oracle.py"), ...corpus], {
    cwd: REPO_ROOT,
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
  });
  if (result.error || /No module named 'numpy'/.test(result.stderr ?? "")) {
    console.error(`*** SKIPPING the NumPy oracle test: ${PYTHON} with NumPy is not available (${result.error?.message ?? result.stderr.trim()}) ***`);
    return null;
  }
  assert.equal(result.status, 0, `oracle failed:\n${result.stderr}`);
  return (JSON.parse(result.stdout) as { files: Record<string, OracleFile> }).files;
}

/** Why an engine answer contradicts an observation, or null when consistent. */
function contradiction(engineAnswer: ReturnType<typeof explainBindings>[number], obs: Observation): string | null {
  const kind = engineAnswer.kind;
  if (kind === "unknown" || kind === "maybe-view") return null;
  if (kind !== obs.kind) return `kind ${kind}, NumPy says ${obs.kind}`;
  if (kind === "not-array") return null;
  if ((kind === "view" || kind === "alias") && engineAnswer.base !== null) {
    const allowed = obs.rootOwners.length > 0 ? obs.rootOwners : [...obs.shares, ...obs.aliases];
    if (!allowed.includes(engineAnswer.base)) return `base ${engineAnswer.base}, NumPy says one of [${allowed.join(", ")}]`;
  }
  if (engineAnswer.shape !== null) {
    const truth = obs.shape ?? [];
    if (engineAnswer.shape.length !== truth.length || engineAnswer.shape.some((d, i) => d !== null && d !== truth[i])) {
      return `shape ${JSON.stringify(engineAnswer.shape)}, NumPy says ${JSON.stringify(truth)}`;
    }
  }
  if (engineAnswer.dtype !== null && engineAnswer.dtype !== obs.dtype) return `dtype ${engineAnswer.dtype}, NumPy says ${obs.dtype}`;
  if (engineAnswer.nbytes !== null && engineAnswer.nbytes !== obs.nbytes) return `nbytes ${engineAnswer.nbytes}, NumPy says ${obs.nbytes}`;
  if (engineAnswer.writeable !== null && engineAnswer.writeable !== obs.writeable) return `writeable ${engineAnswer.writeable}, NumPy says ${obs.writeable}`;
  return null;
}

test("explain agrees with real NumPy on the corpus", async (t) => {
  const oracle = runOracle();
  if (oracle === null) return t.skip("python3 with NumPy is not installed");
  const eng = await engine();
  const wrong: string[] = [];
  const coveredEntries = new Set<string>();
  let compared = 0;
  let answered = 0;
  let markers = 0;
  let markersAnswered = 0;
  for (const file of corpus) {
    const truth: OracleFile | undefined = oracle[file];
    assert.ok(truth, `no oracle record for ${file}`);
    assert.equal(truth.error, null, `${file} failed under NumPy: ${truth.error}`);
    assert.deepEqual(truth.markerErrors, [], `${file}: markers contradicted by NumPy`);
    const analysis = eng.analyzeSource(readFileSync(path.join(REPO_ROOT, file), "utf8"), { allBindings: true });
    const answers = explainBindings(analysis);
    const reports = analysis.bindings;
    for (const b of truth.bindings) {
      const index = answers.findIndex((a) => a.name === b.name && a.line === b.line && a.column === b.column);
      assert.ok(index >= 0, `${file}:${b.line}:${b.column}: the engine does not list binding ${b.name}`);
      const answer = answers[index]!;
      if (b.executions === 0) continue;
      compared++;
      if (answer.kind !== "unknown" && answer.kind !== "maybe-view") answered++;
      if (b.expect !== null) {
        markers++;
        if (answer.kind === b.expect.kind) markersAnswered++;
      }
      let ok = true;
      for (const obs of b.observations) {
        const why = contradiction(answer, obs);
        if (why !== null) {
          wrong.push(`${file}:${b.line}:${b.column} ${b.name}: ${why}`);
          ok = false;
          break;
        }
      }
      if (ok) for (const entry of reports[index]!.entries) coveredEntries.add(entry);
    }
    assert.equal(answers.length, truth.bindings.length, `${file}: the engine lists ${answers.length} bindings, NumPy saw ${truth.bindings.length}`);
  }
  const pct = (n: number, d: number) => `${((100 * n) / Math.max(1, d)).toFixed(1)}%`;
  console.log(
    `oracle: ${compared} executed bindings in ${corpus.length} files; answered ${answered} (${pct(answered, compared)}), ` +
      `abstained ${compared - answered} (${pct(compared - answered, compared)}); wrong ${wrong.length}; ` +
      `markers answered ${markersAnswered}/${markers}`,
  );
  assert.deepEqual(wrong, [], `wrong answers:\n${wrong.join("\n")}`);
  const uncovered = NUMPY_TABLE.map((e) => e.name).filter((n) => !coveredEntries.has(n));
  console.log(`table: ${NUMPY_TABLE.length - uncovered.length}/${NUMPY_TABLE.length} entries exercised by oracle-checked bindings`);
  assert.deepEqual(uncovered, [], "every NUMPY_TABLE entry needs a corpus fixture checked against real NumPy");
});
