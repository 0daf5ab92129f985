// Tests run TypeScript through swc (same compiler as `npm run build`). ESM-only packages
// (jose, openid-client, graphql-request...) are transformed too: jest on Node 20 cannot
// require() them.
const { swcOptions } = require("./scripts/swc-options");

module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test", "<rootDir>/subgraphs", "<rootDir>/registry", "<rootDir>/gateway"],
  testMatch: ["**/*.test.ts"],
  transform: { "^.+\\.(t|j|mj)s$": ["@swc/jest", swcOptions()] },
  transformIgnorePatterns: [
    "/node_modules/(?!(jose|openid-client|oauth4webapi|oidc-provider|graphql-request|@graphql-typed-document-node)/)",
  ],
  moduleFileExtensions: ["ts", "js", "mjs", "cjs", "json"],
  setupFiles: ["reflect-metadata", "<rootDir>/test/support/quiet-known-warnings.ts"],
  testTimeout: 120000,
  // Each test file starts its own databases and servers; two at a time suits a 2-core machine.
  maxWorkers: 2,
};
