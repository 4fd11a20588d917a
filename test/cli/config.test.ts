// `[tool.numpy-views]`: validation with messages naming the file and key, discovery by walking up, and precedence
// (defaults < closest pyproject.toml < command line).
import assert from "node:assert/strict";
import path from "node:path";
import { test } from "node:test";
import { ConfigError, ConfigFinder, effectiveOptions, parseProjectConfig } from "numpy-views-server/out/cli/config";
import { DEFAULT_OPTIONS } from "numpy-views-server/out/rules/types";
import { checkJson, FLAGGED, runCli, withTree } from "./helpers";

const NO_CLI = { select: null, ignore: [], thresholdBytes: null };

test("a full [tool.numpy-views] table is read", () => {
  const config = parseProjectConfig(
    `[project]\nname = "x"\n\n[tool.numpy-views]\nselect = ["NV00", "nv001"]\nignore = ["NV003"]\nseverity = { NV001 = "error", NV007 = "off" }\nthreshold = "10MB"\nratio = 0.25\nexclude = ["data/", "*_generated.py"]\n`,
    { file: "/p/pyproject.toml" },
  );
  assert.deepEqual(config, {
    file: "/p/pyproject.toml",
    select: ["NV00", "NV001"],
    ignore: ["NV003"],
    severity: { NV001: "error", NV007: "off" },
    thresholdBytes: 10_000_000,
    ratio: 0.25,
    exclude: ["data/", "*_generated.py"],
  });
  assert.equal(parseProjectConfig(`[tool.numpy-views]\nthreshold = 4096\n`, { file: "p" })?.thresholdBytes, 4096);
  assert.equal(parseProjectConfig(`[tool.ruff]\nline-length = 100\n`, { file: "p" }), null);
  assert.equal(parseProjectConfig(``, { file: "p" }), null);
});

test("malformed configuration: the message names the file and the key", () => {
  const cases: [string, RegExp][] = [
    [
      `[tool.numpy-views]\nselct = ["NV001"]\n`,
      /^conf\/pyproject\.toml: \[tool\.numpy-views\]: unknown key 'selct' \(known keys: select, ignore, severity, threshold, ratio, exclude\)$/,
    ],
    [`[tool.numpy-views]\nselect = ["NV009"]\n`, /^conf\/pyproject\.toml: \[tool\.numpy-views\] select: unknown rule code or prefix 'NV009'/],
    [`[tool.numpy-views]\nignore = "NV001"\n`, /\[tool\.numpy-views\] ignore: expected a list of strings$/],
    [
      `[tool.numpy-views]\nseverity = { NV001 = "fatal" }\n`,
      /\[tool\.numpy-views\] severity\.NV001: unknown severity "fatal" \(use one of error, warning, information, hint, off\)$/,
    ],
    [`[tool.numpy-views]\nseverity = { NV010 = "error" }\n`, /\[tool\.numpy-views\] severity\.NV010: unknown rule code 'NV010'/],
    [`[tool.numpy-views]\nthreshold = "huge"\n`, /\[tool\.numpy-views\] threshold: expected a size such as "10MB"/],
    [`[tool.numpy-views]\nthreshold = -1\n`, /\[tool\.numpy-views\] threshold: /],
    [`[tool.numpy-views]\nratio = 2\n`, /\[tool\.numpy-views\] ratio: expected a number greater than 0 and at most 1$/],
    [`[tool.numpy-views]\nexclude = [1]\n`, /\[tool\.numpy-views\] exclude: expected a list of strings$/],
    [`[tool]\nnumpy-views = 3\n`, /\[tool\.numpy-views\] must be a table$/],
    [`[tool.numpy-views]\nselect = ["NV001"\n`, /^conf\/pyproject\.toml: invalid TOML at line \d+, column \d+: /],
  ];
  for (const [text, message] of cases) {
    assert.throws(
      () => parseProjectConfig(text, { file: "/abs/conf/pyproject.toml", shownAs: "conf/pyproject.toml" }),
      (e: unknown) => e instanceof ConfigError && message.test(e.message),
      text,
    );
  }
});

test("precedence: the command line wins over the configuration, which wins over the defaults", () => {
  const config = parseProjectConfig(
    `[tool.numpy-views]\nselect = ["NV001", "NV002"]\nignore = ["NV002"]\nseverity = { NV001 = "off", NV004 = "error" }\nthreshold = "5MB"\nratio = 0.1\n`,
    { file: "p" },
  );
  assert.deepEqual(effectiveOptions(null, NO_CLI), DEFAULT_OPTIONS);
  const fromConfig = effectiveOptions(config, NO_CLI);
  assert.deepEqual(fromConfig, {
    select: ["NV001", "NV002"],
    ignore: ["NV002"],
    severity: { NV001: "off", NV004: "error" },
    thresholdBytes: 5_000_000,
    ratio: 0.1,
  });
  // --ignore adds to the configuration's ignore list; --threshold replaces the configured one.
  assert.deepEqual(effectiveOptions(config, { select: null, ignore: ["NV001"], thresholdBytes: 100 }), {
    ...fromConfig,
    ignore: ["NV002", "NV001"],
    thresholdBytes: 100,
  });
  // --select starts afresh (as in Ruff): the configured ignore list and `off` for the selected codes no longer apply.
  const selected = effectiveOptions(config, { select: ["NV001", "NV002"], ignore: [], thresholdBytes: null });
  assert.deepEqual(selected.select, ["NV001", "NV002"]);
  assert.deepEqual(selected.ignore, []);
  assert.deepEqual(selected.severity, { NV004: "error" });
});

test("discovery: the closest pyproject.toml that has [tool.numpy-views], walking up from the file's folder", () =>
  withTree(
    {
      "pyproject.toml": `[tool.numpy-views]\nselect = ["NV001"]\n`,
      "a/pyproject.toml": `[project]\nname = "a"\n`,
      "a/b/mod.py": "",
      "c/pyproject.toml": `[tool.numpy-views]\nselect = ["NV004"]\n`,
      "c/d/mod.py": "",
    },
    (dir) => {
      const finder = new ConfigFinder();
      assert.equal(finder.forDirectory(path.join(dir, "a", "b"))?.file, path.join(dir, "pyproject.toml"));
      assert.deepEqual(finder.forDirectory(path.join(dir, "c", "d"))?.select, ["NV004"]);
      assert.equal(finder.forDirectory(path.join(dir, "c"))?.file, path.join(dir, "c", "pyproject.toml"));
    },
  ));

test("end to end: each file gets its own closest configuration", () =>
  withTree(
    {
      "pyproject.toml": `[tool.numpy-views]\nignore = ["NV004"]\n`,
      "top.py": FLAGGED.NV004 + FLAGGED.NV006.replace("import numpy as np\n", ""),
      "sub/pyproject.toml": `[tool.numpy-views]\nignore = ["NV006"]\n`,
      "sub/inner.py": FLAGGED.NV004 + FLAGGED.NV006.replace("import numpy as np\n", ""),
    },
    async (dir) => {
      const { run, findings } = await checkJson([], { cwd: dir });
      assert.equal(run.status, 1, run.err);
      assert.deepEqual(
        findings.map((f) => `${String(f["file"])} ${String(f["code"])}`),
        ["sub/inner.py NV004", "top.py NV006"],
      );
      // Command-line options win: --select names NV004 again, which the configurations' ignore lists no longer hide.
      const selected = await checkJson(["--select", "NV004"], { cwd: dir });
      assert.deepEqual(
        selected.findings.map((f) => `${String(f["file"])} ${String(f["code"])}`),
        ["sub/inner.py NV004", "top.py NV004"],
      );
      // --isolated ignores every configuration file; --config uses one for all files.
      const isolated = await checkJson(["--isolated"], { cwd: dir });
      assert.equal(isolated.findings.length, 4);
      const forced = await checkJson(["--config", "sub/pyproject.toml"], { cwd: dir });
      assert.deepEqual(
        forced.findings.map((f) => `${String(f["file"])} ${String(f["code"])}`),
        ["sub/inner.py NV004", "top.py NV004"],
      );
    },
  ));

test("configured severity shows in the output; `off` turns a rule off", () =>
  withTree({ "pyproject.toml": `[tool.numpy-views]\nseverity = { NV004 = "error", NV006 = "off" }\n`, "m.py": FLAGGED.NV004 + FLAGGED.NV006 }, async (dir) => {
    const { findings } = await checkJson([], { cwd: dir });
    assert.deepEqual(
      findings.map((f) => [f["code"], f["severity"]]),
      [["NV004", "error"]],
    );
  }));

test("a malformed configuration stops the run with exit 2 and a message naming the file and key", () =>
  withTree({ "proj/pyproject.toml": `[tool.numpy-views]\nthreshhold = "10MB"\n`, "proj/m.py": FLAGGED.NV004 }, async (dir) => {
    const run = await runCli(["check", "proj"], { cwd: dir });
    assert.equal(run.status, 2);
    assert.equal(run.out, "");
    assert.equal(
      run.err,
      `numpy-views: ${path.join("proj", "pyproject.toml")}: [tool.numpy-views]: unknown key 'threshhold' (known keys: select, ignore, severity, threshold, ratio, exclude)\n`,
    );
    const broken = await runCli(["check"], { cwd: path.join(dir, "proj") });
    assert.equal(broken.status, 2);
    assert.match(broken.err, /^numpy-views: pyproject\.toml: \[tool\.numpy-views\]: unknown key 'threshhold'/);
  }));

test("invalid TOML stops the run with exit 2, naming the file and the line", () =>
  withTree({ "pyproject.toml": `[tool.numpy-views]\nselect = ["NV001",\n\n[oops\n`, "m.py": FLAGGED.NV004 }, async (dir) => {
    const run = await runCli(["check"], { cwd: dir });
    assert.equal(run.status, 2);
    assert.match(run.err, /^numpy-views: pyproject\.toml: invalid TOML at line \d+, column \d+: /);
  }));

test("--config with a file that has no [tool.numpy-views] table is an error", () =>
  withTree({ "other.toml": `[tool.ruff]\n`, "m.py": "" }, async (dir) => {
    const run = await runCli(["check", "--config", "other.toml"], { cwd: dir });
    assert.equal(run.status, 2);
    assert.equal(run.err, "numpy-views: other.toml: no [tool.numpy-views] table\n");
  }));

test("exclude: gitignore-style patterns relative to the pyproject.toml; named files are still checked", () =>
  withTree(
    {
      "pyproject.toml": `[tool.numpy-views]\nexclude = ["generated/", "*_old.py", "/top_only.py"]\n`,
      "keep.py": FLAGGED.NV004,
      "generated/g.py": FLAGGED.NV004,
      "pkg/thing_old.py": FLAGGED.NV004,
      "top_only.py": FLAGGED.NV004,
      "pkg/top_only.py": FLAGGED.NV004,
    },
    async (dir) => {
      const { findings } = await checkJson([], { cwd: dir });
      assert.deepEqual(findings.map((f) => f["file"]).sort(), ["keep.py", "pkg/top_only.py"]);
      const named = await checkJson(["generated/g.py"], { cwd: dir });
      assert.deepEqual(
        named.findings.map((f) => f["file"]),
        ["generated/g.py"],
      );
    },
  ));

test("--threshold changes what counts as large (NV001 on a 1,000-byte base)", () =>
  withTree({ "m.py": "import numpy as np\ndef f():\n    big = np.zeros(125)\n    return big[:2]\n" }, async (dir) => {
    const small = await checkJson(["--select", "NV001"], { cwd: dir });
    assert.equal(small.findings.length, 0);
    const flagged = await checkJson(["--select", "NV001", "--threshold", "1kB"], { cwd: dir });
    assert.deepEqual(
      flagged.findings.map((f) => f["code"]),
      ["NV001"],
    );
  }));
