// Tests run TypeScript through swc (same compiler as `npm run build`). ESM-only packages
// (jose, openid-client, graphql-request...) are transformed too: jest on Node 20 cannot
// require() them.
//
// Two layers: `unit` (next to each package: parsers, rules, placement, config, the registry
// and its client; no database, no whole stack) and `e2e` (test/: the graph through the real
// gateway on real databases). `npm test` runs both; `npm run test:unit` / `test:e2e` one.
const { swcOptions } = require("./scripts/swc-options");

const shared = {
  testEnvironment: "node",
  testMatch: ["**/*.test.ts"],
  transform: { "^.+\\.(t|j|mj)s$": ["@swc/jest", swcOptions()] },
  transformIgnorePatterns: [
    "/node_modules/(?!(jose|openid-client|oauth4webapi|oidc-provider|graphql-request|@graphql-typed-document-node)/)",
  ],
  moduleFileExtensions: ["ts", "js", "mjs", "cjs", "json"],
  setupFiles: ["reflect-metadata", "<rootDir>/test/support/quiet-known-warnings.ts"],
};

/**
 * The portal's own tests (portal/src): its widgets and helpers, rendered to markup with React's
 * server renderer under Node (the browser test, test/portal.test.ts, drives the real thing).
 * TSX with React's automatic runtime; `@gridgraph/job-requirements` as the portal resolves it.
 */
const portalSwc = swcOptions();
portalSwc.jsc.parser = { syntax: "typescript", tsx: true };
portalSwc.jsc.transform = { react: { runtime: "automatic" } };

module.exports = {
  projects: [
    {
      ...shared,
      displayName: "unit",
      roots: ["<rootDir>/subgraphs", "<rootDir>/registry", "<rootDir>/gateway"],
    },
    {
      ...shared,
      displayName: "portal",
      roots: ["<rootDir>/portal/src"],
      testMatch: ["**/*.test.ts", "**/*.test.tsx"],
      transform: { "^.+\\.(t|j|mj)sx?$": ["@swc/jest", portalSwc] },
      moduleFileExtensions: ["tsx", "ts", "js", "mjs", "cjs", "json"],
      // The browser libraries the portal uses ship ES modules only.
      transformIgnorePatterns: [
        "/node_modules/(?!(wouter|regexparam|mitt|urql|@urql|wonka|d3-geo|d3-array|internmap|topojson-client|oidc-client-ts|jwt-decode|eventsource-parser|@0no-co)/)",
      ],
      moduleNameMapper: {
        "^@gridgraph/job-requirements$": "<rootDir>/subgraphs/jobs/src/domain/placement-requirements.ts",
        "\\.css$": "<rootDir>/portal/src/test-support/empty.js",
      },
    },
    {
      ...shared,
      displayName: "e2e",
      roots: ["<rootDir>/test"],
    },
  ],
  // A whole stack (registry, identity provider, four databases, gateway) takes 5 s to start on
  // an idle 2-core machine and far longer on a busy one: the limit is generous on purpose.
  testTimeout: 300_000,
  // Each end-to-end file starts its own databases and servers; two at a time suits 2 cores.
  maxWorkers: 2,
};
