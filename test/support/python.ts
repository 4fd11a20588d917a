// Runs python3 (with NumPy) from tests, so real NumPy can serve as the oracle.

import { spawnSync } from "node:child_process";

/** python3 or NumPy is not installed: tests that need them should skip, loudly. */
export class PythonUnavailableError extends Error {
  override name = "PythonUnavailableError";
}

/** The python3 executable used; override with the NUMPY_VIEWS_PYTHON environment variable. */
export const PYTHON = process.env["NUMPY_VIEWS_PYTHON"] ?? "python3";

/**
 * Runs `code` with python3 (`python3 -c code`), feeding `stdin`, and returns its stdout.
 * Throws a {@link PythonUnavailableError} when python3 cannot be started or NumPy cannot
 * be imported, and a plain Error with the exit status and stderr for any other failure.
 */
export function runPython(code: string, stdin?: string): string {
  const result = spawnSync(PYTHON, ["-c", code], {
    input: stdin ?? "",
    encoding: "utf8",
    maxBuffer: 512 * 1024 * 1024,
    env: { ...process.env, PYTHONHASHSEED: "0", PYTHONDONTWRITEBYTECODE: "1" },
  });
  if (result.error) {
    if ((result.error as NodeJS.ErrnoException).code === "ENOENT") {
      throw new PythonUnavailableError(`${PYTHON} was not found; install Python 3 (or set NUMPY_VIEWS_PYTHON).`);
    }
    throw new Error(`could not run ${PYTHON}: ${result.error.message}`);
  }
  if (result.status !== 0) {
    const stderr = result.stderr.trim();
    if (/ModuleNotFoundError: No module named 'numpy'/.test(stderr)) {
      throw new PythonUnavailableError(`NumPy is not installed for ${PYTHON}; install it (pip install numpy).`);
    }
    throw new Error(`${PYTHON} exited with ${result.status ?? result.signal}:\n${stderr.slice(-4000)}`);
  }
  return result.stdout;
}
