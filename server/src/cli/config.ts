// `[tool.numpy-views]` in pyproject.toml: found by walking up from each checked file (the closest pyproject.toml
// that has the table, as Ruff does), validated strictly, and merged with command-line options (which win).
import { readFileSync } from "node:fs";
import path from "node:path";
import ignore, { type Ignore } from "ignore";
import type * as SmolToml from "smol-toml" with { "resolution-mode": "import" };
import { parseSize } from "../rules/size";
import { DEFAULT_OPTIONS, RULE_CODES, type RuleCode, type RuleOptions, type SeveritySetting } from "../rules/types";

// NOTE: smol-toml's type declarations are ES-module only, so TypeScript refuses a static import from this CommonJS
// module; its CommonJS build (dist/index.cjs, the package's `require` export) is what this loads.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { parse: parseToml, TomlError } = require("smol-toml") as typeof SmolToml;

/** A configuration file that cannot be used: exit status 2, with a message naming the file and the key. */
export class ConfigError extends Error {}

/** The keys `[tool.numpy-views]` accepts. */
export const CONFIG_KEYS = ["select", "ignore", "severity", "threshold", "ratio", "exclude"] as const;

const SEVERITY_SETTINGS: readonly SeveritySetting[] = ["error", "warning", "information", "hint", "off"];

/**
 * One pyproject.toml's `[tool.numpy-views]` table, validated.
 *
 * ```toml
 * [tool.numpy-views]
 * select = ["NV001", "NV004"]
 * severity = { NV001 = "error" }
 * threshold = "10MB"
 * exclude = ["notebooks/scratch/"]
 * ```
 */
export interface ProjectConfig {
  /** Absolute path of the pyproject.toml. */
  readonly file: string;
  readonly select: readonly string[] | null;
  readonly ignore: readonly string[] | null;
  readonly severity: Readonly<Partial<Record<RuleCode, SeveritySetting>>>;
  readonly thresholdBytes: number | null;
  readonly ratio: number | null;
  /** gitignore-style patterns, relative to the pyproject.toml's folder. */
  readonly exclude: readonly string[];
}

/** Rule options given on the command line; null or empty where not given. */
export interface CommandLineOptions {
  readonly select: readonly string[] | null;
  readonly ignore: readonly string[];
  readonly thresholdBytes: number | null;
}

/**
 * Reads `[tool.numpy-views]` from the text of a pyproject.toml; null when the file has no such table.
 * `source.shownAs` is how messages name the file (default: `source.file`). Throws {@link ConfigError} for malformed TOML or an unknown or
 * ill-typed key, code or severity.
 */
export function parseProjectConfig(text: string, source: { readonly file: string; readonly shownAs?: string }): ProjectConfig | null {
  const file = source.file;
  const shownAs = source.shownAs ?? file;
  let document: Record<string, unknown>;
  try {
    document = parseToml(text) as Record<string, unknown>;
  } catch (error) {
    if (error instanceof TomlError) {
      const reason = (error.message.split("\n")[0] ?? "").replace(/^Invalid TOML document: /, "");
      throw new ConfigError(`${shownAs}: invalid TOML at line ${error.line}, column ${error.column}: ${reason}`);
    }
    throw new ConfigError(`${shownAs}: invalid TOML: ${String(error)}`);
  }
  const tool = document["tool"];
  if (!isTable(tool) || !("numpy-views" in tool)) return null;
  const table = tool["numpy-views"];
  const where = (key?: string) => `${shownAs}: [tool.numpy-views]${key === undefined ? "" : ` ${key}`}`;
  if (!isTable(table)) throw new ConfigError(`${where()} must be a table`);

  for (const key of Object.keys(table)) {
    if (!(CONFIG_KEYS as readonly string[]).includes(key)) {
      throw new ConfigError(`${where()}: unknown key '${key}' (known keys: ${CONFIG_KEYS.join(", ")})`);
    }
  }
  const stringList = (key: string): string[] | null => {
    const value = table[key];
    if (value === undefined) return null;
    if (!Array.isArray(value) || !value.every((v) => typeof v === "string")) throw new ConfigError(`${where(key)}: expected a list of strings`);
    return value as string[];
  };
  const codes = (key: string): string[] | null => {
    const list = stringList(key);
    return list === null ? null : list.map((pattern) => checkCodePattern(pattern, (reason) => new ConfigError(`${where(key)}: ${reason}`)));
  };

  const severity: Partial<Record<RuleCode, SeveritySetting>> = {};
  const rawSeverity = table["severity"];
  if (rawSeverity !== undefined) {
    if (!isTable(rawSeverity)) throw new ConfigError(`${where("severity")}: expected a table such as { NV001 = "error" }`);
    for (const [code, value] of Object.entries(rawSeverity)) {
      if (!(RULE_CODES as readonly string[]).includes(code)) {
        throw new ConfigError(`${where(`severity.${code}`)}: unknown rule code '${code}' (codes: ${RULE_CODES.join(", ")})`);
      }
      if (typeof value !== "string" || !(SEVERITY_SETTINGS as readonly string[]).includes(value)) {
        throw new ConfigError(`${where(`severity.${code}`)}: unknown severity ${JSON.stringify(value)} (use one of ${SEVERITY_SETTINGS.join(", ")})`);
      }
      severity[code as RuleCode] = value as SeveritySetting;
    }
  }

  let thresholdBytes: number | null = null;
  const threshold = table["threshold"];
  if (threshold !== undefined) {
    const bytes =
      typeof threshold === "string" ? parseSize(threshold) : typeof threshold === "number" || typeof threshold === "bigint" ? Number(threshold) : null;
    if (bytes === null || !Number.isSafeInteger(bytes) || bytes < 0) {
      throw new ConfigError(`${where("threshold")}: expected a size such as "10MB" or a number of bytes, not ${JSON.stringify(String(threshold))}`);
    }
    thresholdBytes = bytes;
  }

  let ratio: number | null = null;
  const rawRatio = table["ratio"];
  if (rawRatio !== undefined) {
    const value = typeof rawRatio === "number" || typeof rawRatio === "bigint" ? Number(rawRatio) : NaN;
    if (!(value > 0 && value <= 1)) throw new ConfigError(`${where("ratio")}: expected a number greater than 0 and at most 1`);
    ratio = value;
  }

  return {
    file,
    select: codes("select"),
    ignore: codes("ignore"),
    severity,
    thresholdBytes,
    ratio,
    exclude: stringList("exclude") ?? [],
  };
}

/**
 * Checks one `select`/`ignore` entry: `ALL`, a rule code, or a prefix of one (`NV00`). Returns it upper-cased;
 * throws the error `fail` makes otherwise.
 */
export function checkCodePattern(pattern: string, fail: (reason: string) => Error): string {
  const upper = pattern.trim().toUpperCase();
  if (upper === "ALL" || (upper !== "" && RULE_CODES.some((code) => code.startsWith(upper)))) return upper;
  throw fail(`unknown rule code or prefix '${pattern}' (codes: ${RULE_CODES.join(", ")}, or ALL)`);
}

/** The rule options for a file: defaults, then its project configuration, then the command line. */
export function effectiveOptions(config: ProjectConfig | null, cli: CommandLineOptions): RuleOptions {
  const severity: Partial<Record<RuleCode, SeveritySetting>> = { ...(config?.severity ?? {}) };
  let select = config?.select ?? DEFAULT_OPTIONS.select;
  let ignoreCodes = [...(config?.ignore ?? DEFAULT_OPTIONS.ignore)];
  if (cli.select !== null) {
    // As in Ruff, a `--select` on the command line starts the selection afresh: the configuration's ignore list
    // and its `off` severities for the codes named no longer apply.
    select = cli.select;
    ignoreCodes = [];
    for (const code of RULE_CODES) {
      if (severity[code] === "off" && cli.select.some((p) => p === "ALL" || code.startsWith(p))) delete severity[code];
    }
  }
  ignoreCodes.push(...cli.ignore);
  return {
    select,
    ignore: ignoreCodes,
    severity,
    thresholdBytes: cli.thresholdBytes ?? config?.thresholdBytes ?? DEFAULT_OPTIONS.thresholdBytes,
    ratio: config?.ratio ?? DEFAULT_OPTIONS.ratio,
  };
}

/**
 * Finds the configuration of each folder by walking up to the closest pyproject.toml with a
 * `[tool.numpy-views]` table, reading each pyproject.toml once.
 */
export class ConfigFinder {
  private readonly byDir = new Map<string, ProjectConfig | null>();

  /** `shownAs` turns an absolute path into how messages name it. */
  constructor(private readonly shownAs: (file: string) => string = (f) => f) {}

  /** The configuration in force for files in `dir` (absolute), or null. Throws {@link ConfigError}. */
  forDirectory(dir: string): ProjectConfig | null {
    const cached = this.byDir.get(dir);
    if (cached !== undefined) return cached;
    const file = path.join(dir, "pyproject.toml");
    let config: ProjectConfig | null = null;
    let text: string | null = null;
    try {
      text = readFileSync(file, "utf8");
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== "ENOENT" && code !== "ENOTDIR" && code !== "EISDIR") throw new ConfigError(`cannot read ${this.shownAs(file)}: ${String(error)}`);
    }
    if (text !== null) config = parseProjectConfig(text, { file, shownAs: this.shownAs(file) });
    if (config === null) {
      const parent = path.dirname(dir);
      config = parent === dir ? null : this.forDirectory(parent);
    }
    this.byDir.set(dir, config);
    return config;
  }

  /** True when the configuration in force for `absolutePath`'s folder excludes it. */
  isExcluded(absolutePath: string, isDir: boolean): boolean {
    const config = this.forDirectory(path.dirname(absolutePath));
    return config !== null && isExcludedBy(config, { path: absolutePath, isDir });
  }
}

/** Loads one named configuration file (`--config`); it must have a `[tool.numpy-views]` table. */
export function loadConfigFile(file: string, shownAs: string): ProjectConfig {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ConfigError(`cannot read ${shownAs}: ${code === "ENOENT" ? "no such file" : String(error)}`);
  }
  const config = parseProjectConfig(text, { file, shownAs });
  if (config === null) throw new ConfigError(`${shownAs}: no [tool.numpy-views] table`);
  return config;
}

const EXCLUDE_RULES = new WeakMap<ProjectConfig, Ignore>();

/** True when one of `config.exclude`'s patterns (relative to the config's folder) matches the path. */
export function isExcludedBy(config: ProjectConfig, target: { readonly path: string; readonly isDir: boolean }): boolean {
  if (config.exclude.length === 0) return false;
  const relative = path.relative(path.dirname(config.file), target.path).split(path.sep).join("/");
  if (relative === "" || relative.startsWith("..") || path.isAbsolute(relative)) return false;
  let rules = EXCLUDE_RULES.get(config);
  if (rules === undefined) {
    rules = ignore().add([...config.exclude]);
    EXCLUDE_RULES.set(config, rules);
  }
  return rules.ignores(target.isDir ? `${relative}/` : relative);
}

function isTable(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof Date);
}
