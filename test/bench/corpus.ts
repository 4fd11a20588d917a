// Inputs for the benchmarks: SciPy's Python files and a generated NumPy-heavy module of any length.
import { readdirSync, statSync } from "node:fs";
import path from "node:path";

/** Every `.py` file under `root`, sorted. */
export function pythonFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
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

/** A NumPy-heavy module of about `lines` lines: functions with slicing, reshapes, loops and branches. */
export function generatedModule(lines: number): string {
  const out = ["import numpy as np", ""];
  let i = 0;
  while (out.length < lines) {
    out.push(
      `def f${i}(path, n=${(i % 7) + 2}):`,
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
