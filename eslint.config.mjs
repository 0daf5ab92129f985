import path from "node:path";
import { fileURLToPath } from "node:url";
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import importX from "eslint-plugin-import-x";
import { createTypeScriptImportResolver } from "eslint-import-resolver-typescript";

const root = path.dirname(fileURLToPath(import.meta.url));

/** A top-level part of the tree; each subgraph (and the kit) is a part of its own. */
function partOf(file) {
  const [top, second] = path.relative(root, file).split(path.sep);
  return top === "subgraphs" && second ? `subgraphs/${second}` : top;
}

// Tooling at the top of the tree reaches the parts it works on with one `../`.
const TOOLING = new Set(["scripts", "test", "bench", "seeds"]);

/**
 * Relative imports stay inside their own part: a subgraph never reaches into another, the
 * gateway and the registry into no subgraph, and everyone reaches the kit as @gridgraph/kit
 * (it is a package, not a neighbour's folder). Deep `../../../` paths cannot cross parts.
 */
const partBoundaries = {
  meta: { type: "problem", schema: [] },
  create(context) {
    const check = (node) => {
      const source = node.source?.value;
      if (typeof source !== "string" || !source.startsWith(".")) return;
      const from = partOf(context.filename);
      const to = partOf(path.resolve(path.dirname(context.filename), source));
      if (from === to) return;
      // Tests of a part may start its neighbours (a real registry for the gateway's tests).
      const isTest = path.relative(root, context.filename).split(path.sep).includes("test");
      if (to === "subgraphs/kit")
        context.report({
          node: node.source,
          message: `Import the kit as "@gridgraph/kit", not "${source}".`,
        });
      else if (!TOOLING.has(from) && !isTest)
        context.report({
          node: node.source,
          message: `${from} must not reach into ${to} by a relative path ("${source}"); use an alias from tsconfig.json.`,
        });
    };
    return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check };
  },
};

export default tseslint.config(
  {
    ignores: [
      "node_modules/",
      "dist/",
      ".data/",
      "coverage/",
      "test-results/",
      "portal/src/gql/",
      "**/migrations/Migration*.ts",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        process: "readonly",
        console: "readonly",
        require: "readonly",
        module: "writable",
        __dirname: "readonly",
        Buffer: "readonly",
        setTimeout: "readonly",
        clearTimeout: "readonly",
      },
    },
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" },
      ],
      // GraphQL results in tests are untyped JSON; `any` there is honest.
      "@typescript-eslint/no-explicit-any": "off",
      "@typescript-eslint/no-require-imports": "off",
    },
  },
  {
    files: ["**/*.ts"],
    plugins: { "import-x": importX, gridgraph: { rules: { "part-boundaries": partBoundaries } } },
    settings: {
      ...importX.flatConfigs.typescript.settings,
      "import-x/resolver-next": [createTypeScriptImportResolver({ project: "tsconfig.json" })],
    },
    rules: {
      // An import cycle makes load order matter (type-graphql decorators then see undefined
      // classes) and hides which module owns a rule.
      "import-x/no-cycle": ["error", { ignoreExternal: true }],
      "gridgraph/part-boundaries": "error",
    },
  },
);
