// `[tool.numpy-views]` for the server: the nearest pyproject.toml above a document, cached until the file changes.
// NOTE: the parsing itself belongs to the CLI (server/src/cli/config.ts, being written on branch `check`); this
// module keeps a small stand-in behind `ProjectConfigParser` until then, and is to be pointed at the CLI's parser.
import { readFileSync, statSync } from "node:fs";
import path from "node:path";
import type * as SmolToml from "smol-toml" with { "resolution-mode": "import" };
import { parseSize } from "../rules/size";
import { RULE_CODES, type RuleCode, type SeveritySetting } from "../rules/types";
import type { ProjectOptions } from "./settings";

/** What the nearest `pyproject.toml` says for one Python file. */
export interface ProjectConfig {
  /** The pyproject.toml that was read, or null when there is none (or it has no `[tool.numpy-views]`). */
  readonly file: string | null;
  readonly options: ProjectOptions;
  /** Problems to log (unreadable file, bad TOML, unknown keys). */
  readonly problems: readonly string[];
}

/** Parses the text of one pyproject.toml into the options its `[tool.numpy-views]` table sets. */
export type ProjectConfigParser = (text: string, file: string) => { options: ProjectOptions; problems: string[] };

// NOTE: smol-toml ships a CommonJS build, but its type declarations are ESM-only; so require it and borrow the types.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { parse: parseToml } = require("smol-toml") as typeof SmolToml;

const NO_CONFIG: ProjectConfig = { file: null, options: {}, problems: [] };
const SEVERITIES: readonly SeveritySetting[] = ["off", "hint", "information", "warning", "error"];

/** Stand-in parser for `[tool.numpy-views]`: select, ignore, threshold, ratio and a severity table. */
export const parseProjectConfig: ProjectConfigParser = (text, file) => {
  const problems: string[] = [];
  let doc: Record<string, unknown>;
  try {
    doc = parseToml(text) as Record<string, unknown>;
  } catch (error) {
    return { options: {}, problems: [`${file}: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`] };
  }
  const tool = doc.tool as Record<string, unknown> | undefined;
  const table = tool?.["numpy-views"];
  if (typeof table !== "object" || table === null) return { options: {}, problems };
  const options: { -readonly [K in keyof ProjectOptions]: ProjectOptions[K] } = {};
  const codes = (key: string, value: unknown): string[] | undefined => {
    if (Array.isArray(value) && value.every((v) => typeof v === "string")) return value as string[];
    problems.push(`${file}: [tool.numpy-views] ${key} must be a list of rule codes`);
    return undefined;
  };
  for (const [key, value] of Object.entries(table as Record<string, unknown>)) {
    if (key === "select") options.select = codes(key, value) ?? null;
    else if (key === "ignore") options.ignore = codes(key, value) ?? [];
    else if (key === "threshold") {
      const bytes = typeof value === "number" ? value : typeof value === "string" ? parseSize(value) : null;
      if (bytes === null || bytes < 0) problems.push(`${file}: [tool.numpy-views] threshold must be a size such as "1MB"`);
      else options.thresholdBytes = bytes;
    } else if (key === "ratio") {
      if (typeof value === "number" && value > 0) options.ratio = value;
      else problems.push(`${file}: [tool.numpy-views] ratio must be a positive number`);
    } else if (key === "severity" && typeof value === "object" && value !== null) {
      const severity: Partial<Record<RuleCode, SeveritySetting>> = {};
      for (const [code, s] of Object.entries(value as Record<string, unknown>)) {
        if (RULE_CODES.includes(code.toUpperCase() as RuleCode) && SEVERITIES.includes(s as SeveritySetting)) {
          severity[code.toUpperCase() as RuleCode] = s as SeveritySetting;
        } else problems.push(`${file}: [tool.numpy-views.severity] ${code} = ${JSON.stringify(s)} is not understood`);
      }
      options.severity = severity;
    } else problems.push(`${file}: [tool.numpy-views] unknown key "${key}"`);
  }
  return { options, problems };
};

/**
 * Finds and caches the `[tool.numpy-views]` configuration for files. A cached entry is reused while the
 * pyproject.toml's modification time and size are unchanged; {@link ProjectConfigs.invalidate} drops everything
 * (called when the client reports that a pyproject.toml changed).
 */
export class ProjectConfigs {
  /** Directory → the pyproject.toml found from it (or null). */
  private readonly found = new Map<string, string | null>();
  /** pyproject.toml path → parsed config and the stat it was parsed at. */
  private readonly parsed = new Map<string, { stamp: string; config: ProjectConfig }>();

  constructor(private readonly parser: ProjectConfigParser = parseProjectConfig) {}

  /** The configuration that applies to the Python file at `filePath` (an absolute path). */
  forFile(filePath: string): ProjectConfig {
    const file = this.find(path.dirname(filePath));
    if (file === null) return NO_CONFIG;
    let stamp: string;
    try {
      const st = statSync(file);
      stamp = `${st.mtimeMs}:${st.size}`;
    } catch {
      this.found.clear();
      return NO_CONFIG;
    }
    const cached = this.parsed.get(file);
    if (cached !== undefined && cached.stamp === stamp) return cached.config;
    const config = this.read(file);
    this.parsed.set(file, { stamp, config });
    return config;
  }

  /** Forgets every lookup and parse (a pyproject.toml was created, changed or deleted). */
  invalidate(): void {
    this.found.clear();
    this.parsed.clear();
  }

  private read(file: string): ProjectConfig {
    let text: string;
    try {
      const bytes = readFileSync(file);
      text = new TextDecoder("utf-8", { fatal: true }).decode(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    } catch (error) {
      const reason = error instanceof TypeError ? "not valid UTF-8" : error instanceof Error ? error.message : String(error);
      return { file, options: {}, problems: [`cannot read ${file}: ${reason}`] };
    }
    const { options, problems } = this.parser(text, file);
    return { file, options, problems };
  }

  private find(dir: string): string | null {
    const cached = this.found.get(dir);
    if (cached !== undefined) return cached;
    let result: string | null = null;
    const candidate = path.join(dir, "pyproject.toml");
    try {
      if (statSync(candidate).isFile()) result = candidate;
    } catch {
      result = null;
    }
    if (result === null) {
      const parent = path.dirname(dir);
      result = parent === dir ? null : this.find(parent);
    }
    this.found.set(dir, result);
    return result;
  }
}
