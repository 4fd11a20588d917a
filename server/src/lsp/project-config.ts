// `[tool.numpy-views]` for the server: the CLI's finder and parser (cli/config.ts), plus what an editor session
// needs on top: reloading when a pyproject.toml changes, and problems reported instead of thrown.
import { statSync } from "node:fs";
import path from "node:path";
import { ConfigError, ConfigFinder, isExcludedBy, type ProjectConfig as CliProjectConfig } from "../cli/config";
import type { ProjectOptions } from "./settings";

/** What the pyproject.toml in force says for one Python file. */
export interface ProjectConfig {
  /** The pyproject.toml in force, or null when none above the file has a `[tool.numpy-views]` table. */
  readonly file: string | null;
  readonly options: ProjectOptions;
  /** The file matches the table's `exclude` patterns: the server leaves it alone, as `numpy-views check` does. */
  readonly excluded: boolean;
  /** A configuration that cannot be used (bad TOML, unknown key): reported to the user, defaults apply. */
  readonly problem: string | null;
}

/** No configuration: the defaults apply. */
export const NO_PROJECT_CONFIG: ProjectConfig = { file: null, options: {}, excluded: false, problem: null };

/** The keys a `[tool.numpy-views]` table set, as rule options. */
export function projectOptions(config: CliProjectConfig): ProjectOptions {
  return {
    ...(config.select === null ? {} : { select: config.select }),
    ...(config.ignore === null ? {} : { ignore: config.ignore }),
    severity: config.severity,
    ...(config.thresholdBytes === null ? {} : { thresholdBytes: config.thresholdBytes }),
    ...(config.ratio === null ? {} : { ratio: config.ratio }),
  };
}

/**
 * Finds and caches the configuration for files. Results are reused while every pyproject.toml that was read keeps
 * its modification time and size (so edits are seen even by clients that do not report file changes), and
 * {@link ProjectConfigs.invalidate} forgets everything (a pyproject.toml was created, changed or deleted).
 */
export class ProjectConfigs {
  private finder = new ConfigFinder();
  /** Each config file found → the stat stamp it was read at, and the result handed out per config. */
  private readonly stamps = new Map<string, string>();
  private readonly results = new Map<string, ProjectConfig>();

  /** The configuration in force for the Python file at `filePath` (absolute). Never throws. */
  forFile(filePath: string): ProjectConfig {
    this.dropIfChanged();
    let config: CliProjectConfig | null;
    try {
      config = this.finder.forDirectory(path.dirname(filePath));
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      // The same object for the same problem, so analyses cached against it stay valid.
      const key = `problem\0${error.message}`;
      let result = this.results.get(key);
      if (result === undefined) {
        result = { ...NO_PROJECT_CONFIG, problem: error.message };
        this.results.set(key, result);
      }
      return result;
    }
    if (config === null) return NO_PROJECT_CONFIG;
    if (!this.stamps.has(config.file)) this.stamps.set(config.file, stamp(config.file));
    const excluded = isExcludedBy(config, { path: filePath, isDir: false });
    const key = `${config.file}\0${excluded}`;
    let result = this.results.get(key);
    if (result === undefined) {
      result = { file: config.file, options: projectOptions(config), excluded, problem: null };
      this.results.set(key, result);
    }
    return result;
  }

  /** Forgets every lookup and parse. */
  invalidate(): void {
    this.finder = new ConfigFinder();
    this.stamps.clear();
    this.results.clear();
  }

  private dropIfChanged(): void {
    for (const [file, seen] of this.stamps) {
      if (stamp(file) !== seen) {
        this.invalidate();
        return;
      }
    }
  }
}

function stamp(file: string): string {
  try {
    const st = statSync(file);
    return `${st.mtimeMs}:${st.size}`;
  } catch {
    return "missing";
  }
}
