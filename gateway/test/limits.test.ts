import { readFileSync } from "node:fs";
import path from "node:path";
import { Supergraph } from "@apollo/federation-internals";
import { parse } from "graphql";
import { braceDepth, queryCost } from "../src/limits";

/** The cost model of schema/cost-model.md, on the committed supergraph's API schema. */
const schema = Supergraph.build(
  readFileSync(path.join(__dirname, "..", "..", "schema", "supergraph.graphql"), "utf8"),
)
  .apiSchema()
  .toGraphQLJSSchema();
const cost = (query: string, variables: Record<string, unknown> = {}) =>
  queryCost(schema, parse(query), variables);

describe("the cost model", () => {
  it("counts objects, not scalars", () => {
    expect(cost(`{ site(id: "X") { id officialName country } }`)).toBe(1);
    expect(cost(`{ site(id: "X") { id computeShares { name } } }`)).toBe(1 + 5);
  });

  it("multiplies a connection's nodes by first (default 50), from literals and variables", () => {
    expect(cost(`{ sites(first: 10) { totalCount edges { node { id } } } }`)).toBe(1 + 10);
    expect(cost(`{ sites { edges { node { id } } } }`)).toBe(1 + 50);
    expect(cost(`query($n: Int) { sites(first: $n) { edges { node { id } } } }`, { n: 200 })).toBe(1 + 200);
    // Only a total: the page's nodes are never fetched.
    expect(cost(`{ sites(first: 250) { totalCount } }`)).toBe(1);
  });

  it("prices whole-registry work by what it is worth", () => {
    expect(cost(`{ exportCapabilities }`)).toBe(30_000);
    expect(cost(`{ placement(requirements: { vo: "v", cores: 1 }) { evaluatedSites } }`)).toBe(5000);
  });

  it("grows with nesting: each level of a cycle multiplies", () => {
    const two = cost(
      `{ sites(first: 250) { edges { node { replicas(first: 250) { edges { node { site { id } } } } } } } }`,
    );
    const three = cost(`{ sites(first: 250) { edges { node { replicas(first: 250) { edges { node { site {
      replicas(first: 250) { edges { node { site { id } } } } } } } } } } } }`);
    expect(three).toBeGreaterThan(two * 100);
  });
});

describe("brace depth before parsing", () => {
  it("counts selection and input nesting, not braces in strings or comments", () => {
    expect(braceDepth(`{ a { b { c } } }`)).toBe(3);
    expect(braceDepth(`{ a(s: "{{{{", t: """ {{{{ """) { b } } # {{{{`)).toBe(2);
    expect(braceDepth(`{ a(s: "\\" {{{{") }`)).toBe(1);
    expect(braceDepth("{".repeat(5000))).toBe(5000);
  });
});
