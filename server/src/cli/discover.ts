// Which files `check` reads: walks the named folders for `.py` and `.ipynb` files, skipping version control,
// virtual environments, dependency and build folders, what `.gitignore` files ignore and what configuration excludes.
import { existsSync, readdirSync, readFileSync, statSync, type Dirent } from "node:fs";
import path from "node:path";
import ignore, { type Ignore } from "ignore";

/** File extensions `check` reads when it walks a folder. */
export const CHECKED_EXTENSIONS = [".py", ".ipynb"] as const;

/**
 * Folder names never walked into (Ruff's default `exclude`, plus `env` and `__pycache__`). A folder that holds a
 * `pyvenv.cfg` is a virtual environment whatever its name, and is skipped too.
 */
export const SKIPPED_FOLDERS: ReadonlySet<string> = new Set([
  ".bzr",
  ".direnv",
  ".eggs",
  ".git",
  ".git-rewrite",
  ".hg",
  ".ipynb_checkpoints",
  ".mypy_cache",
  ".nox",
  ".pants.d",
  ".pyenv",
  ".pytest_cache",
  ".pytype",
  ".ruff_cache",
  ".svn",
  ".tox",
  ".venv",
  ".vscode",
  "__pycache__",
  "__pypackages__",
  "_build",
  "buck-out",
  "build",
  "dist",
  "env",
  "node_modules",
  "site-packages",
  "venv",
]);

/** A file to check, and whether the user named it (named files are checked even when excluded). */
export interface DiscoveredFile {
  readonly path: string;
  readonly explicit: boolean;
}

export interface DiscoverRequest {
  /** Absolute paths of the files and folders named on the command line. */
  readonly roots: readonly string[];
  /** Configuration's `exclude`: true when this absolute path (a folder when `isDir`) must be skipped. */
  readonly isExcluded?: (absolutePath: string, isDir: boolean) => boolean;
}

export interface DiscoverResult {
  /** Files in walk order (folders sorted by name), without duplicates. */
  readonly files: readonly DiscoveredFile[];
  /** Named paths that do not exist, and folders that could not be listed. */
  readonly errors: readonly { readonly path: string; readonly message: string }[];
}

/** Walks `roots` and returns the files to check. Never throws for file-system problems: they land in `errors`. */
export function discoverFiles(request: DiscoverRequest): DiscoverResult {
  const files: DiscoveredFile[] = [];
  const errors: { path: string; message: string }[] = [];
  const seen = new Set<string>();
  const isExcluded = request.isExcluded ?? (() => false);
  const add = (file: string, explicit: boolean) => {
    if (seen.has(file)) return;
    seen.add(file);
    files.push({ path: file, explicit });
  };

  const walk = (dir: string, ignores: GitIgnores) => {
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (error) {
      errors.push({ path: dir, message: describeError(error) });
      return;
    }
    const here = ignores.enter(dir);
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      let isDir = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        // NOTE: symlinked folders are not followed (cycles); symlinked files are read.
        try {
          isFile = statSync(full).isFile();
        } catch {
          isFile = false;
        }
        isDir = false;
      }
      if (isDir) {
        if (SKIPPED_FOLDERS.has(entry.name) || entry.name.endsWith(".egg-info") || isVirtualEnv(full)) continue;
        if (here.ignores(full, true) || isExcluded(full, true)) continue;
        walk(full, here);
      } else if (isFile && CHECKED_EXTENSIONS.some((ext) => entry.name.endsWith(ext))) {
        if (here.ignores(full, false) || isExcluded(full, false)) continue;
        add(full, false);
      }
    }
  };

  for (const root of request.roots) {
    let stats;
    try {
      stats = statSync(root);
    } catch (error) {
      errors.push({ path: root, message: describeError(error) });
      continue;
    }
    if (stats.isDirectory()) walk(root, GitIgnores.above(root));
    else add(root, true);
  }
  return { files, errors };
}

/** True for a virtual environment: a folder holding `pyvenv.cfg`. */
export function isVirtualEnv(dir: string): boolean {
  return existsSync(path.join(dir, "pyvenv.cfg"));
}

/** The `.gitignore` files in force for a folder, outermost first, each matching paths relative to its own folder. */
class GitIgnores {
  private constructor(private readonly levels: readonly { readonly dir: string; readonly rules: Ignore }[]) {}

  /**
   * The `.gitignore` files of the folders above `root`, up to the repository's top (the nearest folder with a
   * `.git`); none when `root` is not inside a repository.
   */
  static above(root: string): GitIgnores {
    const chain: string[] = [];
    let dir = path.dirname(root);
    let top: string | null = null;
    for (let probe = root; ;) {
      if (existsSync(path.join(probe, ".git"))) {
        top = probe;
        break;
      }
      const parent = path.dirname(probe);
      if (parent === probe) break;
      probe = parent;
    }
    if (top !== null && top !== root) {
      for (;;) {
        chain.unshift(dir);
        if (dir === top) break;
        const parent = path.dirname(dir);
        if (parent === dir) break;
        dir = parent;
      }
    }
    let ignores = new GitIgnores([]);
    for (const d of chain) ignores = ignores.enter(d);
    // NOTE: a folder the user names is checked even when a .gitignore above it ignores it (as with Ruff, which
    // never tests a named root against its parents' rules): a level that ignores the root itself is dropped.
    return new GitIgnores(ignores.levels.filter((level) => !new GitIgnores([level]).ignores(root, true)));
  }

  /** The rules in force inside `dir`: these plus `dir/.gitignore`, when there is one. */
  enter(dir: string): GitIgnores {
    let text: string;
    try {
      text = readFileSync(path.join(dir, ".gitignore"), "utf8");
    } catch {
      return this;
    }
    return new GitIgnores([...this.levels, { dir, rules: ignore().add(text) }]);
  }

  /** Git's answer: the deepest `.gitignore` with a matching pattern decides (a `!pattern` re-includes). */
  ignores(absolutePath: string, isDir: boolean): boolean {
    let ignored = false;
    for (const level of this.levels) {
      const relative = path.relative(level.dir, absolutePath).split(path.sep).join("/");
      if (relative === "" || relative.startsWith("..")) continue;
      const result = level.rules.test(isDir ? `${relative}/` : relative);
      if (result.ignored) ignored = true;
      else if (result.unignored) ignored = false;
    }
    return ignored;
  }
}

/** A short reason for a file-system error, for messages. */
export function describeError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "ENOENT") return "no such file or directory";
  if (code === "EACCES" || code === "EPERM") return "permission denied";
  if (code === "ENOTDIR") return "not a directory";
  return error instanceof Error ? error.message : String(error);
}
