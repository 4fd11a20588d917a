// Loaded into the benchmarked server with `--require` (by `npm run bench:lsp`, on systems with signals): the first
// SIGUSR2 starts counting the server's garbage collections, the second writes what they did to the JSON file named by
// NUMPY_VIEWS_GC_REPORT. What the young collections move to the old generation is what a keystroke leaves for a full
// collection to clean up (test/unit/retention.test.ts explains how that happens).
import { writeFileSync } from "node:fs";
import v8 from "node:v8";

/** What the server's collections did between the two signals. */
export interface GcReport {
  readonly young: number;
  readonly full: number;
  /** Bytes young collections moved to the old generation (large objects included). */
  readonly promotedBytes: number;
  /** Milliseconds spent in collections. */
  readonly pauseMs: number;
}

/** Bytes the young collections of `profile` moved to the old generation (large objects included). */
export function promotedBytes(profile: v8.GCProfilerResult): number {
  // NOTE: the profiler's space entries are camelCase, whatever @types/node says.
  type Space = { spaceName: string; spaceUsedSize: number };
  const old = (spaces: unknown): number =>
    (spaces as Space[]).filter((s) => s.spaceName === "old_space" || s.spaceName === "large_object_space").reduce((sum, s) => sum + s.spaceUsedSize, 0);
  return profile.statistics
    .filter((s) => s.gcType === "Scavenge")
    .reduce((sum, s) => sum + old(s.afterGC.heapSpaceStatistics) - old(s.beforeGC.heapSpaceStatistics), 0);
}

const out = process.env.NUMPY_VIEWS_GC_REPORT;
if (out !== undefined && process.platform !== "win32") {
  let profiler: v8.GCProfiler | null = null;
  process.on("SIGUSR2", () => {
    if (profiler === null) {
      profiler = new v8.GCProfiler();
      profiler.start();
      return;
    }
    const profile = profiler.stop();
    const { statistics } = profile;
    profiler = null;
    const report: GcReport = {
      young: statistics.filter((s) => s.gcType === "Scavenge").length,
      full: statistics.filter((s) => s.gcType === "MarkSweepCompact").length,
      promotedBytes: promotedBytes(profile),
      pauseMs: statistics.reduce((sum, s) => sum + s.cost / 1000, 0),
    };
    writeFileSync(out, JSON.stringify(report));
  });
}
