// ESLint flat config for our browser modules, the search worker, the node tests and this file.
// The recommended rules, plus a few that catch the mistakes this codebase is prone to.
import js from "@eslint/js";
import globals from "globals";

export default [
  { ignores: ["node_modules/", "output/", ".venv/", "benchmarks/out/", "**/.output.building-*"] },
  js.configs.recommended,
  {
    rules: {
      eqeqeq: ["error", "always", { null: "ignore" }],
      "no-var": "error",
      "prefer-const": "error",
      "no-implicit-globals": "error",
      "no-unused-vars": ["error", { args: "after-used", argsIgnorePattern: "^_" }],
    },
  },
  {
    files: ["theme/static/js/**/*.js"],
    languageOptions: { ecmaVersion: 2022, sourceType: "module", globals: { ...globals.browser } },
  },
  {
    // A classic worker: importScripts() loads lunr.js into its global scope.
    files: ["theme/static/js/search-worker.js"],
    languageOptions: { sourceType: "script", globals: { ...globals.worker, lunr: "readonly" } },
    // A worker's global scope is its own, so top-level functions there leak nowhere.
    rules: { "no-implicit-globals": "off" },
  },
  {
    files: ["tests/js/**/*.mjs", "eslint.config.js"],
    languageOptions: { ecmaVersion: 2022, sourceType: "module", globals: { ...globals.node } },
  },
];
