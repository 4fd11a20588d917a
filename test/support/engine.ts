// One shared analysis engine for tests (loading the grammar once), plus helpers to look at explain output.
import path from "node:path";
import { Engine } from "numpy-views-server/out/engine/engine";
import { explainBindings, type ExplainBinding } from "numpy-views-server/out/cli/explain";

let shared: Promise<Engine> | undefined;

/** The engine, created on first use. */
export function engine(): Promise<Engine> {
  shared ??= Engine.create();
  return shared;
}

/** `explain` output for a source text. */
export async function explain(text: string): Promise<ExplainBinding[]> {
  return explainBindings((await engine()).analyzeSource(text, { allBindings: true }));
}

/** The repository root (tests run from compiled files in test/out/...). */
export const REPO_ROOT = path.resolve(__dirname, "..", "..", "..");
