import { execFileSync } from "node:child_process";
import path from "node:path";

/**
 * The typed operations in src/gql are what graphql-codegen makes from the supergraph and the
 * portal's documents now: a schema change or a new query without `npm run build:portal` fails
 * here (and so does a query the schema does not have).
 */
describe("the portal's typed operations", () => {
  it("are up to date with schema/supergraph.graphql and the portal's documents", () => {
    const root = path.resolve(__dirname, "..", "..", "..");
    expect(() =>
      execFileSync(process.execPath, [path.join(root, "scripts", "build-portal.js"), "--check"], {
        cwd: root,
        stdio: "pipe",
      }),
    ).not.toThrow();
  }, 120_000);
});
