// ESLint flat config: typescript-eslint's recommended rules over the TypeScript sources, the tests and the scripts.
import { defineConfig } from "eslint/config";
import tseslint from "typescript-eslint";

export default defineConfig(
  { ignores: ["**/node_modules/", "**/out/", "**/dist/", "grammars/", "test/corpus/", ".tools/", "test-results/"] },
  { files: ["**/*.ts", "**/*.mjs"], extends: [tseslint.configs.recommended] },
  { linterOptions: { reportUnusedDisableDirectives: "error" } },
);
