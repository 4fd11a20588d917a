// Which files `check` reads: .py and .ipynb under the named folders, minus version control, virtual environments,
// dependency and build folders and what .gitignore files ignore (nested ones relative to their folder).
import assert from "node:assert/strict";
import path from "node:path";
import { test } from "node:test";
import { discoverFiles } from "numpy-views-server/out/cli/discover";
import { checkJson, FLAGGED, notebookJson, runCli, withTree } from "./helpers";

const found = (dir: string, roots: string[] = ["."]) =>
  discoverFiles({ roots: roots.map((r) => path.resolve(dir, r)) }).files.map((f) => path.relative(dir, f.path).split(path.sep).join("/"));

test("walks folders for .py and .ipynb files only, in sorted order", () =>
  withTree({ "b.py": "", "a.ipynb": "{}", "notes.txt": "", "pkg/z.py": "", "pkg/sub/y.py": "", "pkg/data.pyc": "", "pyproject.toml": "" }, (dir) => {
    assert.deepEqual(found(dir), ["a.ipynb", "b.py", "pkg/sub/y.py", "pkg/z.py"]);
  }));

test("skips version control, dependency, cache and build folders", () =>
  withTree(
    {
      "ok.py": "",
      ".git/hooks/h.py": "",
      "node_modules/pkg/x.py": "",
      "build/lib/x.py": "",
      "dist/x.py": "",
      "__pycache__/x.py": "",
      ".tox/py311/x.py": "",
      ".mypy_cache/x.py": "",
      "venv/lib/x.py": "",
      ".venv/lib/x.py": "",
      "env/lib/x.py": "",
      "thing.egg-info/x.py": "",
      "src/build_tools.py": "",
    },
    (dir) => {
      assert.deepEqual(found(dir), ["ok.py", "src/build_tools.py"]);
    },
  ));

test("skips any folder holding pyvenv.cfg (a virtual environment, whatever its name)", () =>
  withTree({ "ok.py": "", "my-python/pyvenv.cfg": "home = /usr/bin\n", "my-python/lib/python3.11/site.py": "", "my-python-notes/x.py": "" }, (dir) => {
    assert.deepEqual(found(dir), ["my-python-notes/x.py", "ok.py"]);
  }));

test(".gitignore files apply, nested ones relative to their own folder, with negation", () =>
  withTree(
    {
      ".git/HEAD": "ref: refs/heads/main\n",
      ".gitignore": "*_gen.py\nscratch/\n",
      "a.py": "",
      "a_gen.py": "",
      "scratch/s.py": "",
      "pkg/.gitignore": "/local.py\n!keep_gen.py\nnotebooks/*.ipynb\n",
      "pkg/local.py": "",
      "pkg/deep/local.py": "",
      "pkg/keep_gen.py": "",
      "pkg/other_gen.py": "",
      "pkg/notebooks/n.ipynb": "{}",
      "other/local.py": "",
    },
    (dir) => {
      assert.deepEqual(found(dir), ["a.py", "other/local.py", "pkg/deep/local.py", "pkg/keep_gen.py"]);
    },
  ));

test(".gitignore files above a named folder apply up to the repository's top", () =>
  withTree(
    {
      "repo/.git/HEAD": "",
      "repo/.gitignore": "*_gen.py\n",
      "repo/src/a.py": "",
      "repo/src/b_gen.py": "",
      ".gitignore": "*.py\n", // outside the repository: not in force
    },
    (dir) => {
      assert.deepEqual(found(dir, ["repo/src"]), ["repo/src/a.py"]);
    },
  ));

test("a named folder is checked even when a .gitignore above it ignores it; named files always are", () =>
  withTree(
    {
      ".git/HEAD": "",
      ".gitignore": "versions/\nignored.py\n",
      "versions/3.11/lib/mod.py": "",
      "ignored.py": "",
      "venv/pyvenv.cfg": "",
      "venv/x.py": "",
    },
    (dir) => {
      assert.deepEqual(found(dir), []);
      assert.deepEqual(found(dir, ["versions/3.11"]), ["versions/3.11/lib/mod.py"]);
      assert.deepEqual(found(dir, ["ignored.py", "venv/x.py"]), ["ignored.py", "venv/x.py"]);
    },
  ));

test("a path that does not exist is reported; the others are still found", () =>
  withTree({ "a.py": "" }, (dir) => {
    const result = discoverFiles({ roots: [path.join(dir, "missing.py"), path.join(dir, "a.py")] });
    assert.deepEqual(
      result.files.map((f) => path.basename(f.path)),
      ["a.py"],
    );
    assert.deepEqual(
      result.errors.map((e) => [path.basename(e.path), e.message]),
      [["missing.py", "no such file or directory"]],
    );
  }));

test("end to end: ignored and virtual-environment files are not checked; the rest are", () =>
  withTree(
    {
      ".git/HEAD": "",
      ".gitignore": "ignored/\n",
      "src/m.py": FLAGGED.NV004,
      "ignored/m.py": FLAGGED.NV004,
      ".venv/pyvenv.cfg": "",
      ".venv/lib/m.py": FLAGGED.NV004,
      "tools/pyvenv.cfg": "",
      "tools/m.py": FLAGGED.NV004,
      "nb/n.ipynb": notebookJson([{ type: "code", source: FLAGGED.NV004 }]),
    },
    async (dir) => {
      const { run, findings } = await checkJson([], { cwd: dir });
      assert.equal(run.status, 1);
      assert.deepEqual(
        findings.map((f) => f["file"]),
        ["nb/n.ipynb", "src/m.py"],
      );
      const verbose = await runCli(["check", "--verbose"], { cwd: dir });
      assert.match(verbose.out, /\nChecked 2 files \(1 notebook\) in \d+\.\d\ds\.\n$/);
    },
  ));
