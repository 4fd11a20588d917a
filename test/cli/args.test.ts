// Command-line parsing for `check`, and the `rule`, `rules`, `--version` and `explain` commands.
import assert from "node:assert/strict";
import { test } from "node:test";
import { parseCheckArgs } from "numpy-views-server/out/cli/check";
import { UsageError } from "numpy-views-server/out/cli/main";
import { RULES } from "numpy-views-server/out/rules/registry";
import { runCli } from "./helpers";

test("check arguments: defaults", () => {
  const args = parseCheckArgs([]);
  assert.deepEqual(args.paths, []);
  assert.equal(args.format, "text");
  assert.deepEqual(args.cli, { select: null, ignore: [], thresholdBytes: null });
  assert.equal(args.fix, false);
  assert.equal(args.unsafeFixes, false);
  assert.equal(args.stdinFilename, null);
});

test("check arguments: paths, values with = or a space, flags, and -- before paths", () => {
  const args = parseCheckArgs([
    "src",
    "--format=json",
    "--select",
    "NV001,nv00",
    "--ignore=NV003",
    "--fix",
    "--unsafe-fixes",
    "-q",
    "--exit-zero",
    "--",
    "--odd-name.py",
  ]);
  assert.deepEqual(args.paths, ["src", "--odd-name.py"]);
  assert.equal(args.format, "json");
  assert.deepEqual(args.cli.select, ["NV001", "NV00"]);
  assert.deepEqual(args.cli.ignore, ["NV003"]);
  assert.ok(args.fix && args.unsafeFixes && args.quiet && args.exitZero);
});

test("check arguments: repeated --select accumulates; --output-format is an alias; ALL is accepted", () => {
  const args = parseCheckArgs(["--select", "NV001", "--select", "NV004, NV005", "--output-format", "sarif", "--ignore", "all"]);
  assert.deepEqual(args.cli.select, ["NV001", "NV004", "NV005"]);
  assert.equal(args.format, "sarif");
  assert.deepEqual(args.cli.ignore, ["ALL"]);
});

test("check arguments: --threshold takes sizes with units", () => {
  assert.equal(parseCheckArgs(["--threshold", "10MB"]).cli.thresholdBytes, 10_000_000);
  assert.equal(parseCheckArgs(["--threshold=1MiB"]).cli.thresholdBytes, 1024 * 1024);
  assert.equal(parseCheckArgs(["--threshold", "4096"]).cli.thresholdBytes, 4096);
});

test("check arguments: mistakes are usage errors that say what is wrong", () => {
  const cases: [string[], RegExp][] = [
    [["--format", "xml"], /--format must be text, json or sarif, not 'xml'/],
    [["--select", "NV999"], /--select: unknown rule code or prefix 'NV999'/],
    [["--ignore", "E501"], /--ignore: unknown rule code or prefix 'E501'/],
    [["--threshold", "lots"], /--threshold: expected a size/],
    [["--frobnicate"], /unknown option '--frobnicate'/],
    [["--select"], /--select needs a value/],
  ];
  for (const [argv, message] of cases)
    assert.throws(
      () => parseCheckArgs(argv),
      (e: unknown) => e instanceof UsageError && message.test(e.message),
      argv.join(" "),
    );
});

test("usage errors exit 2 and print check's usage", async () => {
  const run = await runCli(["check", "--format", "xml"]);
  assert.equal(run.status, 2);
  assert.match(run.err, /--format must be text, json or sarif/);
  assert.match(run.err, /usage: numpy-views check/);
  assert.equal(run.out, "");
  const unknown = await runCli(["lint"]);
  assert.equal(unknown.status, 2);
  assert.match(unknown.err, /unknown command 'lint'/);
});

test("check --help prints the options and exits 0", async () => {
  const run = await runCli(["check", "--help"]);
  assert.equal(run.status, 0);
  for (const option of ["--format", "--select", "--ignore", "--threshold", "--fix", "--unsafe-fixes", "--stdin-filename", "--exit-zero"])
    assert.ok(run.out.includes(option), option);
});

test("--version prints the version", async () => {
  const run = await runCli(["--version"]);
  assert.equal(run.status, 0);
  assert.match(run.out, /^numpy-views \d+\.\d+\.\d+\n$/);
});

test("rules lists every rule with code, name, severity and summary", async () => {
  const run = await runCli(["rules"]);
  assert.equal(run.status, 0);
  const lines = run.out.trimEnd().split("\n");
  assert.equal(lines.length, RULES.length);
  RULES.forEach((rule, i) => {
    const line = lines[i] ?? "";
    assert.ok(line.startsWith(rule.code), line);
    for (const part of [rule.name, rule.defaultSeverity, rule.summary]) assert.ok(line.includes(part), `${rule.code}: ${part}`);
  });
});

test("rules --format json is the metadata, one object per rule", async () => {
  const run = await runCli(["rules", "--format", "json"]);
  const rules = JSON.parse(run.out) as Record<string, unknown>[];
  assert.deepEqual(
    rules.map((r) => r["code"]),
    RULES.map((r) => r.code),
  );
  for (const [i, r] of rules.entries()) {
    assert.deepEqual(Object.keys(r), ["code", "name", "severity", "summary", "rationale", "bad", "good", "fix", "url"]);
    assert.equal(r["severity"], RULES[i]?.defaultSeverity);
  }
});

test("rule CODE prints the rule's documentation (case-insensitive code); an unknown code exits 2", async () => {
  const run = await runCli(["rule", "nv004"]);
  assert.equal(run.status, 0);
  const meta = RULES.find((r) => r.code === "NV004");
  assert.ok(meta);
  assert.ok(run.out.startsWith(`# NV004: ${meta.name}\n`));
  for (const part of [meta.summary, meta.rationale, meta.bad.trimEnd(), meta.good.trimEnd(), `**${meta.defaultSeverity}**`])
    assert.ok(run.out.includes(part), part);
  const json = JSON.parse((await runCli(["rule", "NV006", "--format", "json"])).out) as Record<string, unknown>;
  assert.equal(json["code"], "NV006");
  assert.equal(json["fix"], null);
  const bad = await runCli(["rule", "NV999"]);
  assert.equal(bad.status, 2);
  assert.match(bad.err, /cannot find rule 'NV999'/);
});

test("explain still works", async () => {
  const run = await runCli(["explain", "examples/leak.py", "--format", "json"]);
  assert.equal(run.status, 0);
  const report = JSON.parse(run.out) as { bindings: { name: string; kind: string }[] };
  assert.ok(report.bindings.some((b) => b.name === "tiny" && b.kind === "view"));
});
