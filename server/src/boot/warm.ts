// How a bundle run by `runWithCodeCache` (code-cache.ts) says that the code a start needs has run. The boot entry and
// the bundle are separate bundles, so they meet through a global symbol.

export const WARM_HOOK = Symbol.for("numpy-views.code-cache.warm");

/**
 * Called once the code a start needs has run (the server after its first diagnostics of NumPy code, the CLI after an
 * analysis of NumPy code): a code cache made now holds it. Does nothing unless the boot entry is waiting for it.
 */
export function markWarm(): void {
  const hook = (globalThis as Record<symbol, unknown>)[WARM_HOOK];
  if (typeof hook === "function") (hook as () => void)();
}
