// @ts-check
// Starts code-server (VS Code in a browser) in its own process group with its own user data, installs a .vsix, stops it.
import { spawn, spawnSync } from "node:child_process";
import { closeSync, mkdirSync, openSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { CODE_SERVER_ENTRY, NODE24, requireFile } from "./env.mjs";
import { waitFor } from "./poll.mjs";

/** User settings that keep the workbench quiet and deterministic (no welcome page, no updates, no AI panels). */
export const USER_SETTINGS = {
  "workbench.startupEditor": "none",
  "workbench.tips.enabled": false,
  "workbench.enableExperiments": false,
  "workbench.secondarySideBar.defaultVisibility": "hidden",
  "telemetry.telemetryLevel": "off",
  "extensions.autoUpdate": false,
  "extensions.autoCheckUpdates": false,
  "extensions.ignoreRecommendations": true,
  "update.mode": "none",
  "security.workspace.trust.enabled": false,
  "chat.disableAIFeatures": true,
  "git.enabled": false,
  "git.openRepositoryInParentFolders": "never",
  "files.autoSave": "off",
  "editor.inlayHints.enabled": "on",
  "editor.hover.delay": 200,
  "editor.minimap.enabled": false,
  "window.commandCenter": false,
  "notebook.output.textLineLimit": 5,
};

async function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

/**
 * Runs code-server's CLI once (e.g. `--install-extension`) with the run's data folders; throws with its output on failure.
 * @param {{ dirs: { userData: string, extensions: string }, env: NodeJS.ProcessEnv, args: string[] }} options
 */
export function codeServerCli({ dirs, env, args }) {
  const result = spawnSync(NODE24, [CODE_SERVER_ENTRY, "--user-data-dir", dirs.userData, "--extensions-dir", dirs.extensions, ...args], {
    env,
    encoding: "utf8",
    timeout: 120_000,
  });
  if (result.status !== 0) {
    throw new Error(`code-server ${args.join(" ")} failed (${result.status ?? result.signal}):\n${result.stdout}\n${result.stderr}`);
  }
  return result.stdout;
}

/**
 * Starts code-server on a free loopback port, in a new session (setsid) so that stop() can kill its whole
 * process group, including the file watcher that outlives the main process otherwise.
 * @param {{ runDir: string, env: NodeJS.ProcessEnv, vsix?: string, settings?: Record<string, unknown> }} options
 */
export async function startCodeServer({ runDir, env, vsix, settings = {} }) {
  requireFile(NODE24, "Node 24");
  requireFile(CODE_SERVER_ENTRY, "code-server");
  const dirs = { userData: path.join(runDir, "user-data"), extensions: path.join(runDir, "extensions") };
  mkdirSync(path.join(dirs.userData, "User"), { recursive: true });
  mkdirSync(dirs.extensions, { recursive: true });
  writeFileSync(path.join(dirs.userData, "User", "settings.json"), JSON.stringify({ ...USER_SETTINGS, ...settings }, null, 2));
  const cliEnv = {
    ...env,
    PATH: `${path.dirname(NODE24)}:${env.PATH ?? ""}`,
    // NOTE: keeps code-server from querying the public extension gallery (there is no network): a closed local port.
    EXTENSIONS_GALLERY: JSON.stringify({
      serviceUrl: "http://127.0.0.1:9/gallery",
      itemUrl: "http://127.0.0.1:9/item",
    }),
  };
  if (vsix) codeServerCli({ dirs, env: cliEnv, args: ["--install-extension", vsix, "--force"] });

  const port = await freePort();
  const logFile = path.join(runDir, "code-server.log");
  const log = openSync(logFile, "a");
  const child = spawn(
    NODE24,
    [
      CODE_SERVER_ENTRY,
      "--auth",
      "none",
      "--bind-addr",
      `127.0.0.1:${port}`,
      "--disable-telemetry",
      "--disable-update-check",
      "--disable-workspace-trust",
      "--disable-getting-started-override",
      "--user-data-dir",
      dirs.userData,
      "--extensions-dir",
      dirs.extensions,
      "--config",
      path.join(runDir, "code-server.yaml"),
    ],
    // NOTE: detached makes the child call setsid(): it leads a new process group that stop() kills as a whole.
    { env: cliEnv, detached: true, stdio: ["ignore", log, log] },
  );
  closeSync(log);
  const pid = /** @type {number} */ (child.pid);
  let exited = false;
  child.once("exit", () => (exited = true));
  const killGroup = (/** @type {NodeJS.Signals} */ signal) => {
    try {
      process.kill(-pid, signal);
    } catch {
      // the group is already gone
    }
  };
  // If the test process ends early (an uncaught error, a timeout's SIGTERM, Ctrl+C), do not leave code-server running.
  const onExit = () => killGroup("SIGKILL");
  const onSignal = (/** @type {NodeJS.Signals} */ signal) => {
    killGroup("SIGKILL");
    process.exit(signal === "SIGINT" ? 130 : 143);
  };
  process.once("exit", onExit);
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  const logTail = () => readFileSync(logFile, "utf8").split("\n").slice(-40).join("\n");
  const url = `http://127.0.0.1:${port}`;

  const server = {
    url,
    port,
    dirs,
    logFile,
    logTail,
    /**
     * Log lines of the extension host that concern `extensionId` (its output channels and the host's own log),
     * e.g. to check that the language client logged no error.
     * @param {string} extensionId publisher.name
     */
    extensionLog(extensionId) {
      /** @type {string[]} */
      const lines = [];
      const walk = (/** @type {string} */ dir) => {
        for (const entry of readdirSync(dir, { withFileTypes: true })) {
          const file = path.join(dir, entry.name);
          if (entry.isDirectory()) walk(file);
          else if (entry.name.endsWith(".log")) {
            const text = readFileSync(file, "utf8");
            if (file.includes(`${path.sep}${extensionId}${path.sep}`)) lines.push(...text.split("\n"));
            else if (/exthost/.test(entry.name)) lines.push(...text.split("\n").filter((l) => l.includes(extensionId)));
          }
        }
      };
      walk(path.join(dirs.userData, "logs"));
      return lines.filter((l) => l.trim() !== "");
    },
    /** The URL that opens `folder` (an absolute path) as the workspace. */
    folderUrl: (/** @type {string} */ folder) => `${url}/?folder=${encodeURIComponent(folder)}`,
    async stop() {
      process.removeListener("exit", onExit);
      process.removeListener("SIGINT", onSignal);
      process.removeListener("SIGTERM", onSignal);
      killGroup("SIGTERM");
      try {
        await waitFor("code-server's process group to exit", () => !groupAlive(pid), { timeout: 5_000 });
      } catch {
        killGroup("SIGKILL");
        await waitFor("code-server's process group to die", () => !groupAlive(pid), { timeout: 5_000 });
      }
    },
  };
  try {
    await waitFor(
      `code-server at ${url}/healthz`,
      async () => {
        if (exited) throw new Error(`code-server exited early:\n${logTail()}`);
        const response = await fetch(`${url}/healthz`).catch(() => null);
        return response?.ok ?? false;
      },
      { timeout: 30_000, describe: logTail },
    );
  } catch (error) {
    await server.stop();
    throw error;
  }
  return server;
}

/** True while any process of the group `pgid` exists. */
function groupAlive(/** @type {number} */ pgid) {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}
