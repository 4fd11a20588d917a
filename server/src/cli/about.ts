// What the tool calls itself and where its documentation lives: one place for the CLI, the renderers and the docs generator.

export const TOOL_NAME = "numpy-views";
export const VERSION = "0.1.0";

/**
 * The project's home page (SARIF `informationUri`).
 * NOTE: the repository has no published address yet; change this one constant when it has.
 */
export const PROJECT_URI = "https://github.com/numpy-views/numpy-views";

/** Where a rule's generated documentation (docs/rules/NV001.md) is published. */
export function ruleDocUri(code: string): string {
  return `${PROJECT_URI}/blob/main/docs/rules/${code}.md`;
}
