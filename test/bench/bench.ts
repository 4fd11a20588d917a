// `npm run bench`: engine throughput on SciPy's sources vs parse alone, linear scaling, and the no-NumPy guard. Reported, not asserted.
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { Engine } from "numpy-views-server/out/engine/engine";

function pythonFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = path.join(dir, name);
      const st = statSync(full);
      if (st.isDirectory()) walk(full);
      else if (name.endsWith(".py")) out.push(full);
    }
  };
  walk(root);
  return out.sort();
}

const time = (fn: () => void): number => {
  const start = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
};

/** A NumPy-heavy module of about `lines` lines: functions with slicing, reshapes, loops and branches. */
function generated(lines: number): string {
  const out = ["import numpy as np", ""];
  let i = 0;
  while (out.length < lines) {
    out.push(
      `def f${i}(path, n=${i % 7 + 2}):`,
      `    x = np.load(path)`,
      `    a = np.zeros((n, 1000))`,
      `    b = a[:, ${i % 50}]`,
      `    c = a.T.reshape(-1)`,
      `    for k in range(n):`,
      `        b = b + a[k]`,
      `        if k % 2:`,
      `            c = c[::2].copy()`,
      `    d = x[[0, 2]] if n > 3 else x[:2]`,
      `    return b, c, d`,
      ``,
    );
    i++;
  }
  return out.join("\n");
}

async function main(): Promise<void> {
  const engine = await Engine.create();
  const found = spawnSync("python3", ["-c", "import scipy, os; print(os.path.dirname(scipy.__file__))"], { encoding: "utf8" });
  const scipyDir = found.status === 0 ? found.stdout.trim() : null;
  if (scipyDir !== null) {
    const files = pythonFiles(scipyDir);
    const texts = files.map((f) => readFileSync(f, "utf8"));
    const lines = texts.reduce((n, t) => n + t.split("\n").length, 0);
    for (const t of texts.slice(0, 50)) engine.analyzeSource(t); // warm-up
    const parseMs = time(() => texts.forEach((t) => engine.parseOnly(t)));
    let failures = 0;
    const engineMs = time(() =>
      texts.forEach((t) => {
        try {
          engine.analyzeSource(t);
        } catch {
          failures++;
        }
      }),
    );
    console.log(`SciPy sources: ${files.length} files, ${lines} lines (${scipyDir})`);
    console.log(`  parse only:  ${parseMs.toFixed(0)} ms, ${((lines / parseMs) * 1000).toFixed(0)} lines/s`);
    console.log(`  full engine: ${engineMs.toFixed(0)} ms, ${((lines / engineMs) * 1000).toFixed(0)} lines/s, ${failures} files threw`);
    console.log(`  engine / parse = ${(engineMs / parseMs).toFixed(2)} (target <= 2.00)`);
  } else {
    console.log("SciPy is not installed: skipping the SciPy throughput run");
  }
  const small = generated(1_000);
  const large = generated(Number(process.env.BENCH_LINES ?? 100_000));
  for (let k = 0; k < 5; k++) engine.analyzeSource(small);
  const smallMs = Math.min(...Array.from({ length: 5 }, () => time(() => engine.analyzeSource(small))));
  const largeMs = Math.min(...Array.from({ length: 2 }, () => time(() => engine.analyzeSource(large))));
  const perSmall = smallMs / 1_000;
  const perLarge = largeMs / 100_000;
  console.log(`generated module: 1k lines ${smallMs.toFixed(1)} ms, 100k lines ${largeMs.toFixed(0)} ms; per-line ratio ${(perLarge / perSmall).toFixed(2)} (target <= 1.30)`);
  const plain = large.replace(/np\./g, "mx.").replace("import numpy as np", "import math as mx");
  const plainParse = time(() => engine.parseOnly(plain));
  const plainEngine = time(() => engine.analyzeSource(plain));
  console.log(`no-NumPy 100k-line file: parse ${plainParse.toFixed(0)} ms, engine ${plainEngine.toFixed(1)} ms (the guard skips files that never import NumPy)`);
  engine.dispose();
}

void main();
