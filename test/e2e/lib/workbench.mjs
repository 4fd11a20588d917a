// @ts-check
// Drives the VS Code workbench that code-server serves, through Chromium and the DOM: open files, read squiggles,
// hovers, inlay hints, quick fixes, the Problems panel and notebook cells. Every wait polls with a deadline.
import { copyFileSync, mkdirSync } from "node:fs";
import path from "node:path";
import { chromium } from "playwright-core";
import { CHROMIUM, README_IMAGES, RESULTS, requireFile } from "./env.mjs";
import { waitFor } from "./poll.mjs";

/** @typedef {import("playwright-core").Page} Page */
/** @typedef {import("playwright-core").Locator} Locator */

const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];

/** Squiggle classes by diagnostic severity. */
export const SQUIGGLE = {
  error: ".squiggly-error",
  warning: ".squiggly-warning",
  information: ".squiggly-info",
  hint: ".squiggly-hint",
};
const ANY_SQUIGGLE = Object.values(SQUIGGLE).join(", ");

/** Text as the DOM renders it: non-breaking spaces back to spaces. */
const clean = (/** @type {string} */ text) => text.replace(/\u00a0/g, " ");

/**
 * Launches Debian's Chromium headless (never a downloaded browser) and opens one page.
 * @param {{ env: NodeJS.ProcessEnv, viewport?: { width: number, height: number } }} options
 */
export async function launchBrowser({ env, viewport = { width: 1280, height: 800 } }) {
  requireFile(CHROMIUM, "Chromium (apt-get install chromium)");
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, env });
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  return { browser, page };
}

export class Workbench {
  /** @param {Page} page */
  constructor(page) {
    this.page = page;
  }

  /** Opens `url` (code-server's `/?folder=...`) and waits until the explorer lists the workspace's files. */
  async open(/** @type {string} */ url) {
    await this.page.goto(url);
    await waitFor("the workbench", () => this.page.locator(".monaco-workbench").isVisible(), { timeout: 60_000 });
    await waitFor("the explorer's rows", () => this.page.locator(".explorer-folders-view .monaco-list-row").count(), {
      timeout: 60_000,
    });
  }

  /** Opens a workspace file by name through Quick Open (Ctrl+P) and waits for its tab to be active. */
  async openFile(/** @type {string} */ name) {
    await this.page.keyboard.press("Control+P");
    const input = this.page.locator(".quick-input-widget input");
    await input.waitFor({ state: "visible" });
    await input.fill(name);
    await this.page.locator(".quick-input-widget .monaco-list-row", { hasText: name }).first().waitFor({ state: "visible" });
    await this.page.keyboard.press("Enter");
    await waitFor(`the tab of ${name} to be active`, () =>
      this.page.locator(`.tabs-container .tab.active[data-resource-name=${JSON.stringify(name)}]`).isVisible(),
    );
  }

  /** The active editor group's text editor (not for notebooks: see {@link Workbench.notebookCell}). */
  editor() {
    return this.page.locator(".editor-group-container.active .monaco-editor").first();
  }

  /**
   * The rendered lines of an editor, top to bottom, as a person sees them (inlay hints included).
   * @param {Locator} [editor]
   */
  async lines(editor = this.editor()) {
    const rows = await editor.locator(".view-lines .view-line").evaluateAll((nodes) =>
      nodes.map((node) => ({
        top: parseFloat(/** @type {HTMLElement} */ (node).style.top) || 0,
        text: node.textContent ?? "",
      })),
    );
    return rows.sort((a, b) => a.top - b.top).map((row) => clean(row.text));
  }

  /** The language shown in the status bar for the active editor (e.g. "Python"). */
  async languageMode() {
    return (await this.page.locator("#status\\.editor\\.mode").innerText()).trim();
  }

  /**
   * Squiggles in an editor: their severity class and the source text they underline.
   * @param {Locator} [editor]
   */
  async squiggles(editor = this.editor()) {
    return editor.locator(ANY_SQUIGGLE).evaluateAll((nodes) =>
      nodes.map((node) => {
        const box = node.getBoundingClientRect();
        const kind = /squiggly-(\w+)/.exec(node.className)?.[1] ?? "?";
        // The underlined text: the rendered characters whose boxes overlap the squiggle horizontally on its line.
        const editor = node.closest(".monaco-editor");
        let text = "";
        for (const line of editor?.querySelectorAll(".view-line") ?? []) {
          const lineBox = line.getBoundingClientRect();
          if (lineBox.bottom <= box.top || lineBox.top >= box.bottom) continue;
          const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
          for (let t = walker.nextNode(); t; t = walker.nextNode()) {
            if (t.parentElement?.className.includes("dyn-rule")) continue; // injected text (inlay hints)
            const range = document.createRange();
            for (let i = 0; i < (t.textContent ?? "").length; i++) {
              range.setStart(t, i);
              range.setEnd(t, i + 1);
              const r = range.getBoundingClientRect();
              const mid = (r.left + r.right) / 2;
              if (mid > box.left && mid < box.right) text += t.textContent?.[i] ?? "";
            }
          }
        }
        return { kind, text: text.replace(/\u00a0/g, " "), x: box.left + box.width / 2, y: box.top + box.height / 2 };
      }),
    );
  }

  /**
   * The screen point over the middle of the first occurrence of `needle` in a rendered line of an editor
   * (`line` is 1-based and counts rendered lines, so the editor must not be scrolled: the test files are short).
   * Injected text (inlay hints) is skipped, so `needle` is document text.
   * @param {{ line: number, needle: string, editor?: Locator }} options
   */
  async textPoint({ line, needle, editor = this.editor() }) {
    const point = await editor.evaluate(
      (node, { line, needle }) => {
        const lines = [...node.querySelectorAll(".view-lines .view-line")].sort(
          (a, b) => (parseFloat(/** @type {HTMLElement} */ (a).style.top) || 0) - (parseFloat(/** @type {HTMLElement} */ (b).style.top) || 0),
        );
        const row = lines[line - 1];
        if (!row) return null;
        /** @type {{ node: Text, index: number }[]} */
        const chars = [];
        const walker = document.createTreeWalker(row, NodeFilter.SHOW_TEXT);
        for (let t = walker.nextNode(); t; t = walker.nextNode()) {
          if (t.parentElement?.className.includes("dyn-rule")) continue;
          for (let i = 0; i < (t.textContent ?? "").length; i++) chars.push({ node: /** @type {Text} */ (t), index: i });
        }
        const text = chars
          .map((c) => (c.node.textContent ?? "")[c.index])
          .join("")
          .replace(/\u00a0/g, " ");
        const at = text.indexOf(needle);
        if (at < 0) return null;
        const middle = chars[at + Math.floor(needle.length / 2)];
        if (!middle) return null;
        const range = document.createRange();
        range.setStart(middle.node, middle.index);
        range.setEnd(middle.node, middle.index + 1);
        const box = range.getBoundingClientRect();
        return { x: box.left + box.width / 2, y: box.top + box.height / 2 };
      },
      { line, needle },
    );
    if (!point) throw new Error(`"${needle}" not found on rendered line ${line}: ${JSON.stringify(await this.lines(editor))}`);
    return point;
  }

  /**
   * Inlay hints in an editor: injected text that is not in the document (VS Code renders it in `dyn-rule` spans).
   * @param {Locator} [editor]
   */
  async inlayHints(editor = this.editor()) {
    const texts = await editor.locator(".view-lines span[class*='dyn-rule']").allTextContents();
    return texts.map(clean).filter((text) => text.trim() !== "");
  }

  /** Moves the mouse over a point and waits for a hover whose text matches `expected`; returns the hover's text. */
  async hoverAt(/** @type {{ x: number, y: number }} */ point, /** @type {RegExp} */ expected) {
    // Move away first so that a hover already showing for another place is replaced.
    await this.page.mouse.move(1, 1);
    await this.page.mouse.move(point.x, point.y, { steps: 4 });
    return waitFor(
      `a hover matching ${expected}`,
      async () => {
        const hovers = await this.page.locator(".monaco-hover:not(.hidden)").allInnerTexts();
        const text = hovers.map(clean).join("\n");
        return expected.test(text) ? text : undefined;
      },
      {
        timeout: 10_000,
        describe: async () => (await this.page.locator(".monaco-hover").allInnerTexts()).join("\n---\n"),
      },
    );
  }

  /** Hides any hover or widget by pressing Escape and moving the mouse away. */
  async dismiss() {
    await this.page.keyboard.press("Escape");
    await this.page.mouse.move(1, 1);
  }

  /** Puts the cursor on a point, opens the quick-fix menu (Ctrl+.) and waits for an action matching `title`; returns all titles. */
  async openQuickFixes(/** @type {{ x: number, y: number }} */ point, /** @type {RegExp} */ title) {
    await this.page.mouse.click(point.x, point.y);
    await this.page.keyboard.press("Control+.");
    return waitFor(
      `a quick fix matching ${title}`,
      async () => {
        const all = (await this.page.locator(".action-widget .monaco-list-row.action").allInnerTexts()).map((t) => clean(t).trim());
        return all.some((t) => title.test(t)) ? all : undefined;
      },
      { timeout: 10_000, describe: async () => (await this.page.locator(".action-widget").allInnerTexts()).join("\n") },
    );
  }

  /** Clicks the action matching `title` in the open quick-fix menu and waits for the menu to close. */
  async chooseAction(/** @type {RegExp} */ title) {
    await this.page.locator(".action-widget .monaco-list-row.action").filter({ hasText: title }).first().click();
    await waitFor("the quick-fix menu to close", async () => (await this.page.locator(".action-widget:visible").count()) === 0);
  }

  /** Opens the Problems panel and returns its rows' texts (file rows and marker rows). */
  async problems() {
    const panel = this.page.locator(".markers-panel");
    if (!(await panel.isVisible())) await this.page.keyboard.press("Control+Shift+M");
    await panel.waitFor({ state: "visible" });
    return (await panel.locator(".monaco-list-row").allInnerTexts()).map(clean);
  }

  /** The first cell of the active notebook whose text contains `text`. */
  notebookCell(/** @type {string} */ text) {
    return this.page.locator(".notebook-editor .cell-list-container .monaco-list-row").filter({ hasText: text }).first();
  }

  /**
   * Saves a screenshot of the page to test-results/e2e/NAME.png and, with NV_E2E_UPDATE_IMAGES=1, to docs/images.
   * @param {string} name
   * @param {{ clip?: Locator }} [options] a locator to crop to (its bounding box, with a margin)
   */
  async screenshot(name, options = {}) {
    mkdirSync(RESULTS, { recursive: true });
    const file = path.join(RESULTS, `${name}.png`);
    if (options.clip) {
      const box = await options.clip.boundingBox();
      const margin = 8;
      const clip = box && {
        x: Math.max(0, box.x - margin),
        y: Math.max(0, box.y - margin),
        width: box.width + 2 * margin,
        height: box.height + 2 * margin,
      };
      await this.page.screenshot(clip ? { path: file, clip } : { path: file });
    } else {
      await this.page.screenshot({ path: file });
    }
    if (process.env.NV_E2E_UPDATE_IMAGES === "1") {
      mkdirSync(README_IMAGES, { recursive: true });
      copyFileSync(file, path.join(README_IMAGES, `${name}.png`));
    }
    return file;
  }
}
