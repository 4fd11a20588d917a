// The extension manifest (package.json) agrees with the server: activation, entry point, commands, capabilities,
// settings defaults equal to the server's, and the per-rule severity schema generated from the rule registry.
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { severitySettingSchema } from "numpy-views-server/out/lsp/manifest";
import { DEFAULT_SETTINGS } from "numpy-views-server/out/lsp/settings";
import { RULES } from "numpy-views-server/out/rules/registry";
import { REPO_ROOT } from "../support/engine";

interface Manifest {
  main: string;
  activationEvents: string[];
  repository: { url: string };
  capabilities: { untrustedWorkspaces: { supported: boolean }; virtualWorkspaces: boolean };
  contributes: {
    commands: { command: string; title: string; category: string }[];
    configuration: { properties: Record<string, { default: unknown; enum?: string[]; scope?: string; markdownDescription?: string }> };
  };
  scripts: Record<string, string>;
}

const manifest = JSON.parse(readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as Manifest;
const properties = manifest.contributes.configuration.properties;

test("the extension activates on Python files and notebooks and runs the client bundle", () => {
  assert.deepEqual(manifest.activationEvents, ["onLanguage:python", "onNotebook:jupyter-notebook"]);
  assert.equal(manifest.main, "./client/dist/extension.js");
  assert.deepEqual(manifest.capabilities, { untrustedWorkspaces: { supported: true }, virtualWorkspaces: true });
  assert.ok(manifest.repository.url.startsWith("https://github.com/"));
  assert.ok(existsSync(path.join(REPO_ROOT, "LICENSE")));
  assert.match(manifest.scripts["package"] ?? "", /vsce package --no-dependencies/);
});

test("the restart command is contributed (the client registers it)", () => {
  const client = readFileSync(path.join(REPO_ROOT, "client", "src", "extension.ts"), "utf8");
  for (const { command } of manifest.contributes.commands) assert.ok(client.includes(`\`\${ID}.${command.slice("numpy-views.".length)}\``), command);
  assert.ok(manifest.contributes.commands.some((c) => c.command === "numpy-views.restart" && c.title === "Restart Server"));
});

test("settings defaults in package.json are the server's defaults; every setting is documented and scoped", () => {
  assert.equal(properties["numpy-views.enable"]?.default, DEFAULT_SETTINGS.enable);
  assert.equal(properties["numpy-views.inlayHints"]?.default, DEFAULT_SETTINGS.inlayHints);
  assert.deepEqual(properties["numpy-views.inlayHints"]?.enum, ["useful", "all", "off"]);
  assert.equal(properties["numpy-views.threshold"]?.default, "", "empty threshold: pyproject.toml or the built-in default");
  assert.equal(DEFAULT_SETTINGS.threshold, null);
  assert.deepEqual(properties["numpy-views.severity"]?.default, DEFAULT_SETTINGS.severity);
  assert.deepEqual(properties["numpy-views.trace.server"]?.enum, ["off", "messages", "verbose"]);
  for (const [name, schema] of Object.entries(properties)) {
    assert.ok((schema.markdownDescription ?? "").length > 20, `${name} has a markdownDescription`);
    assert.ok(schema.scope === "resource" || schema.scope === "window", `${name} has a scope`);
  }
});

test("the per-rule severity schema is generated from the registry (run `npm run manifest` when this fails)", () => {
  assert.deepEqual(properties["numpy-views.severity"], severitySettingSchema(RULES));
  assert.deepEqual(
    Object.keys((properties["numpy-views.severity"] as unknown as { properties: object }).properties),
    RULES.map((r) => r.code),
  );
});

test(".vscodeignore is a whitelist", () => {
  const lines = readFileSync(path.join(REPO_ROOT, ".vscodeignore"), "utf8")
    .split("\n")
    .filter((l) => l.trim() !== "" && !l.startsWith("#"));
  assert.equal(lines[0], "**");
  assert.ok(lines.slice(1).every((l) => l.startsWith("!")));
});
