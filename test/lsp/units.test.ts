// Unit tests of the server's pure parts: settings validation and precedence, pyproject.toml lookup and reload,
// name lookup by scope, `# noqa` edits and the safe fix selection.
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { test } from "node:test";
import { LineIndex } from "numpy-views-server/out/engine/line-index";
import { noqaEdit, safeFixes } from "numpy-views-server/out/lsp/fixes";
import { BlockIndex, bindingForRead, identifierAt, inComment } from "numpy-views-server/out/lsp/name-lookup";
import { ProjectConfigs } from "numpy-views-server/out/lsp/project-config";
import { DEFAULT_SETTINGS, parseSettings, ruleOptionsFor } from "numpy-views-server/out/lsp/settings";
import { notebookMap } from "numpy-views-server/out/lsp/text-map";
import { DEFAULT_OPTIONS, type Finding } from "numpy-views-server/out/rules/types";
import { engine } from "../support/engine";

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

test("ProjectConfigs: nearest pyproject.toml above the file; edits are seen through mtime; invalidate finds new files", () => {
  const root = mkdtempSync(path.join(tmpdir(), "nv-projcfg-"));
  try {
    const configs = new ProjectConfigs();
    const file = path.join(root, "a", "b", "mod.py");
    mkdirSync(path.dirname(file), { recursive: true });
    assert.equal(configs.forFile(file).file, null);
    writeFileSync(path.join(root, "pyproject.toml"), '[tool.numpy-views]\nthreshold = "2MB"\nselect = ["NV001"]\n');
    assert.equal(configs.forFile(file).file, null, "the lookup is cached until invalidated");
    configs.invalidate();
    const found = configs.forFile(file);
    assert.equal(found.file, path.join(root, "pyproject.toml"));
    assert.deepEqual(found.options, { thresholdBytes: 2_000_000, select: ["NV001"] });
    writeFileSync(path.join(root, "pyproject.toml"), '[tool.numpy-views]\nthreshold = "3MB"\nbogus = 1\n');
    utimesSync(path.join(root, "pyproject.toml"), new Date(), new Date(Date.now() + 5000));
    const edited = configs.forFile(file);
    assert.deepEqual(edited.options, { thresholdBytes: 3_000_000 });
    assert.deepEqual(edited.problems.map((p) => p.includes('unknown key "bogus"')), [true]);
    writeFileSync(path.join(root, "a", "pyproject.toml"), new Uint8Array([0x5b, 0xff, 0xfe]));
    configs.invalidate();
    const broken = configs.forFile(file);
    assert.equal(broken.file, path.join(root, "a", "pyproject.toml"));
    assert.match(broken.problems[0] ?? "", /not valid UTF-8/);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test("identifierAt and inComment", () => {
  const text = "tiny = huge[:, 100].T  # noqa: NV001\n";
  assert.deepEqual(identifierAt(text, 2), { name: "tiny", span: { start: 0, end: 4 }, attribute: false });
  assert.deepEqual(identifierAt(text, 4), { name: "tiny", span: { start: 0, end: 4 }, attribute: false });
  assert.equal(identifierAt(text, 11), null, "`huge|[` is the subscript, not the name");
  assert.equal(identifierAt(text, 20)?.attribute, true);
  assert.equal(identifierAt(text, 15), null, "digits are not names");
  assert.equal(inComment(text, 25), true);
  assert.equal(inComment('s = "# not a comment" + x', 22), false);
});

test("bindingForRead follows function scopes, parameters and globals", async () => {
  const text = [
    "import numpy as np",
    "a = np.zeros(10)",
    "class C:",
    "    a = np.ones(3)",
    "    def m(self):",
    "        return a",
    "def f(a, *, b=np.zeros(2)):",
    "    return a",
    "def g():",
    "    c = a[:2]",
    "    a2 = 1",
    "    return c",
    "",
  ].join("\n");
  const analysis = (await engine()).analyzeSource(text);
  const blocks = new BlockIndex(text);
  const lines = new LineIndex(text);
  const read = (line: number, name: string) => {
    const offset = lines.offset({ line, character: (lines.lineText(line).lastIndexOf(name) ?? 0) + 1 });
    const b = bindingForRead({ bindings: analysis.bindings, blocks, name, offset });
    return b === null ? null : lines.position(b.span.start).line;
  };
  assert.equal(read(5, "a"), 1, "a method does not see the class body's `a`");
  assert.equal(read(7, "a"), null, "the parameter `a` hides the module's");
  assert.equal(read(9, "a"), 1, "a function sees the module's `a`");
  assert.equal(read(11, "c"), 9, "a function's own binding");
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
  assert.deepEqual(chosen.map((f) => f.edits[0]?.span.start), [0, 20]);
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
