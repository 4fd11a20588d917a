// @ts-check
// Polling with a deadline: the end-to-end tests wait for a condition, never for a fixed time.

/**
 * Calls `probe` until it returns a value other than undefined/null/false, and returns that value.
 * Throws after `timeout` ms with `what` and the last value or error seen, so a failure says what was expected.
 * @template T
 * @param {string} what what is awaited, for the error message
 * @param {() => T | Promise<T>} probe
 * @param {{ timeout?: number, interval?: number, describe?: () => unknown }} [options]
 * @returns {Promise<Exclude<T, undefined | null | false>>}
 */
export async function waitFor(what, probe, options = {}) {
  const { timeout = 20_000, interval = 100, describe } = options;
  const deadline = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== null && value !== false) {
        return /** @type {Exclude<T, undefined | null | false>} */ (value);
      }
      last = value;
    } catch (error) {
      last = error;
    }
    if (Date.now() >= deadline) {
      let detail = last instanceof Error ? last.message : JSON.stringify(last);
      if (describe) {
        try {
          detail += `\n${String(await describe())}`;
        } catch (error) {
          detail += `\n(describe failed: ${error})`;
        }
      }
      throw new Error(`timed out after ${timeout} ms waiting for ${what}; last: ${detail}`);
    }
    await new Promise((resolve) => setTimeout(resolve, interval));
  }
}
