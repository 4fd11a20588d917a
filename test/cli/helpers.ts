// Helpers for the CLI tests: run main() in-process with captured streams, and build folder trees in temp folders.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Ajv2020 from "ajv/dist/2020";
import { main } from "numpy-views-server/out/cli/main";
import { REPO_ROOT } from "../support/engine";

export interface CliRun {
  readonly status: number;
  readonly out: string;
  readonly err: string;
}

/** Runs `numpy-views ARGS` in-process, in folder `cwd`, with `stdin` as standard input. */
export async function runCli(args: readonly string[], options: { cwd?: string; stdin?: string } = {}): Promise<CliRun> {
  let out = "";
  let err = "";
  const status = await main(args, {
    out: (t) => (out += t),
    err: (t) => (err += t),
    cwd: options.cwd ?? REPO_ROOT,
    readStdin: async () => options.stdin ?? "",
  });
  return { status, out, err };
}

/** Runs `numpy-views check --format json ...` and parses the findings. */
export async function checkJson(
  args: readonly string[],
  options: { cwd?: string; stdin?: string } = {},
): Promise<{ run: CliRun; findings: Record<string, unknown>[] }> {
  const run = await runCli(["check", "--format", "json", ...args], options);
  return { run, findings: JSON.parse(run.out) as Record<string, unknown>[] };
}

/** A temporary folder holding `files` (path → text or bytes); removed by the returned `dispose`. */
export function makeTree(files: Readonly<Record<string, string | Uint8Array>>): { dir: string; dispose: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), "numpy-views-cli-"));
  for (const [name, content] of Object.entries(files)) {
    const full = path.join(dir, name);
    mkdirSync(path.dirname(full), { recursive: true });
    writeFileSync(full, content);
  }
  return { dir, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A folder tree for the duration of `body`. */
export async function withTree<T>(files: Readonly<Record<string, string | Uint8Array>>, body: (dir: string) => Promise<T> | T): Promise<T> {
  const tree = makeTree(files);
  try {
    return await body(tree.dir);
  } finally {
    tree.dispose();
  }
}

/** Python the rules are specified to flag, one snippet per rule (from the issue). */
export const FLAGGED = {
  NV004: "import numpy as np\na = np.arange(10)\na[[0, 1]][0] = 5\n",
  NV004_FIXABLE: "import numpy as np\na = np.arange(10)\na[[0, 1]][:] = 5\n",
  NV006: "import numpy as np\nb = np.broadcast_to(np.arange(3), (2, 3))\nb[0, 0] = 1\n",
  NV005: "import numpy as np\na = np.arange(10)\nc = (a + 1).copy()\n",
  NV001: "import numpy as np\ndef f(path):\n    x = np.load(path)\n    return x[:, 100]\n",
} as const;

/** A nbformat 4 notebook, written the way Jupyter writes it (indent 1, sources as lists of lines). */
export function notebookJson(cells: readonly { type: "code" | "markdown"; source: string }[], options: { indent?: number; language?: string } = {}): string {
  const lines = (s: string) => s.match(/[^\n]*\n|[^\n]+$/g) ?? [];
  const nb = {
    cells: cells.map((c, i) =>
      c.type === "code"
        ? {
            cell_type: "code",
            execution_count: i + 1,
            id: `cell-${i}`,
            metadata: {},
            outputs: [{ name: "stdout", output_type: "stream", text: ["ok\n"] }],
            source: lines(c.source),
          }
        : { cell_type: "markdown", id: `cell-${i}`, metadata: {}, source: lines(c.source) },
    ),
    metadata: {
      kernelspec: { display_name: "Python 3", language: options.language ?? "python", name: "python3" },
      language_info: { name: options.language ?? "python", version: "3.11.7" },
    },
    nbformat: 4,
    nbformat_minor: 5,
  };
  return JSON.stringify(nb, null, options.indent ?? 1) + "\n";
}

/** The official SARIF 2.1.0 schema (see test/fixtures/cli/README.md), compiled with real format checks. */
export function sarifValidator() {
  const schema = JSON.parse(readFileSync(path.join(REPO_ROOT, "test", "fixtures", "cli", "sarif-schema-2.1.0.json"), "utf8")) as object;
  const ajv = new Ajv2020({ allErrors: true });
  ajv.addFormat("uri", (s: string) => URL.canParse(s));
  ajv.addFormat("uri-reference", (s: string) => URL.canParse(s, "file:///") && !/\s/.test(s));
  ajv.addFormat("date-time", (s: string) => !Number.isNaN(Date.parse(s)));
  ajv.addFormat("uuid", /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
  return ajv.compile(schema);
}
