// Unit tests of the server's pure parts: settings validation and precedence, pyproject.toml lookup and reload,
// name lookup by scope, `# noqa` edits and the safe fix selection.
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { test } from "node:test";
import { LineIndex } from "numpy-views-server/out/engine/line-index";
import { noqaEdit, safeFixes } from "numpy-views-server/out/lsp/fixes";
import { inComment } from "numpy-views-server/out/lsp/hover";
import { ProjectConfigs } from "numpy-views-server/out/lsp/project-config";
import { DEFAULT_SETTINGS, parseSettings, ruleOptionsFor } from "numpy-views-server/out/lsp/settings";
import { notebookMap } from "numpy-views-server/out/lsp/text-map";
import { DEFAULT_OPTIONS, type Finding } from "numpy-views-server/out/rules/types";

test("parseSettings: defaults for nothing, values kept, invalid values reported and replaced by defaults", () => {
  assert.deepEqual(parseSettings(undefined), { settings: DEFAULT_SETTINGS, problems: [] });
  const ok = parseSettings({ enable: false, threshold: "2 MiB", severity: { nv003: "off" }, inlayHints: "all" });
  assert.deepEqual(ok.settings, { enable: false, threshold: "2 MiB", severity: { NV003: "off" }, inlayHints: "all" });
  assert.deepEqual(ok.problems, []);
  const bad = parseSettings({ enable: "yes", threshold: "big", severity: { NV003: "loud", NV123: "off" }, inlayHints: "some" });
  assert.deepEqual(bad.settings, DEFAULT_SETTINGS);
  assert.equal(bad.problems.length, 5);
  assert.deepEqual(parseSettings({ threshold: "" }).settings.threshold, null);
});

test("ruleOptionsFor: defaults < pyproject.toml < settings, per key and per rule", () => {
  const project = { thresholdBytes: 10, ignore: ["NV002"], severity: { NV001: "error" as const, NV003: "hint" as const } };
  assert.deepEqual(ruleOptionsFor(DEFAULT_SETTINGS, {}), DEFAULT_OPTIONS);
  const merged = ruleOptionsFor({ ...DEFAULT_SETTINGS, threshold: "1kB", severity: { NV003: "off" } }, project);
  assert.equal(merged.thresholdBytes, 1000);
  assert.deepEqual(merged.ignore, ["NV002"]);
  assert.deepEqual(merged.severity, { NV001: "error", NV003: "off" });
  assert.equal(ruleOptionsFor(DEFAULT_SETTINGS, project).thresholdBytes, 10);
});

test("ProjectConfigs: the closest pyproject.toml with the table; edits seen through mtime; problems and exclude", () => {
  const root = mkdtempSync(path.join(tmpdir(), "nv-projcfg-"));
  try {
    const configs = new ProjectConfigs();
    const file = path.join(root, "a", "b", "mod.py");
    mkdirSync(path.dirname(file), { recursive: true });
    assert.equal(configs.forFile(file).file, null);
    writeFileSync(path.join(root, "pyproject.toml"), '[tool.numpy-views]\nthreshold = "2MB"\nselect = ["NV001"]\nexclude = ["a/b/gen_*.py"]\n');
    writeFileSync(path.join(root, "a", "pyproject.toml"), '[project]\nname = "no-table-here"\n');
    assert.equal(configs.forFile(file).file, null, "the lookup is cached until invalidated");
    configs.invalidate();
    const found = configs.forFile(file);
    assert.equal(found.file, path.join(root, "pyproject.toml"), "a pyproject.toml without the table is skipped");
    assert.deepEqual(found.options, { select: ["NV001"], severity: {}, thresholdBytes: 2_000_000 });
    assert.equal(found.excluded, false);
    assert.equal(configs.forFile(path.join(root, "a", "b", "gen_1.py")).excluded, true);
    assert.equal(configs.forFile(file), found, "the same object while nothing changed");

    writeFileSync(path.join(root, "pyproject.toml"), '[tool.numpy-views]\nthreshold = "3MB"\nbogus = 1\n');
    utimesSync(path.join(root, "pyproject.toml"), new Date(), new Date(Date.now() + 5000));
    const broken = configs.forFile(file);
    assert.equal(broken.file, null);
    assert.deepEqual(broken.options, {});
    assert.match(broken.problem ?? "", /unknown key 'bogus'/);
    assert.equal(configs.forFile(file), broken, "the same object for the same problem");

    writeFileSync(path.join(root, "pyproject.toml"), '[tool.numpy-views]\nseverity = { NV003 = "off" }\n');
    const fixed = configs.forFile(file);
    assert.equal(fixed.problem, null);
    assert.deepEqual(fixed.options, { severity: { NV003: "off" } });
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test("inComment tracks quotes on the line", () => {
  const text = "tiny = huge[:, 100].T  # noqa: NV001\n";
  assert.equal(inComment(text, 25), true);
  assert.equal(inComment(text, 5), false);
  assert.equal(inComment('s = "# not a comment" + x', 22), false);
  assert.equal(inComment("a = 1  # c\nb = 2", 14), false);
});

test("noqaEdit adds a comment, appends to a list, or does nothing when already suppressed", () => {
  const text = "x = a[[0]][0] = 1\ny = 2  # noqa: NV003\nz = 3  # noqa\nw = 4  # comment   \n";
  const lines = new LineIndex(text);
  const apply = (offset: number, code: string) => {
    const edit = noqaEdit({ text, lines, offset, code });
    return edit === null ? null : text.slice(0, edit.span.start) + edit.newText + text.slice(edit.span.end);
  };
  assert.equal(apply(0, "NV004")?.split("\n")[0], "x = a[[0]][0] = 1  # noqa: NV004");
  assert.equal(apply(lines.offset({ line: 1, character: 0 }), "NV001")?.split("\n")[1], "y = 2  # noqa: NV003, NV001");
  assert.equal(apply(lines.offset({ line: 1, character: 0 }), "NV003"), null);
  assert.equal(apply(lines.offset({ line: 2, character: 0 }), "NV001"), null);
  assert.equal(apply(lines.offset({ line: 3, character: 0 }), "NV001")?.split("\n")[3], "w = 4  # comment  # noqa: NV001");
});

test("safeFixes never takes unsafe fixes and skips overlapping ones", () => {
  const finding = (start: number, end: number, safety: "safe" | "unsafe"): Finding => ({
    code: "NV005",
    rule: "redundant-copy",
    severity: "information",
    message: "m",
    span: { start, end },
    related: [],
    fix: { message: "f", safety, edits: [{ span: { start, end }, newText: "" }] },
    unnecessary: false,
  });
  const chosen = safeFixes([finding(0, 5, "safe"), finding(3, 8, "safe"), finding(10, 12, "unsafe"), finding(20, 22, "safe")]);
  assert.deepEqual(
    chosen.map((f) => f.edits[0]?.span.start),
    [0, 20],
  );
});

test("notebookMap: offsets of the joined program map back to cells and labels", () => {
  const map = notebookMap([
    { uri: "c1", version: 1, text: "a = 1\n", label: "cell 1" },
    { uri: "c3", version: 4, text: "%time b = 2", label: "cell 3" },
  ]);
  const b = map.text.indexOf("b = 2");
  assert.deepEqual([map.locate(b).doc.uri, map.locate(b).offset], ["c3", 6]);
  assert.equal(map.offsetOf("c3", 6), b);
  assert.equal(map.offsetOf("elsewhere", 0), undefined);
});
