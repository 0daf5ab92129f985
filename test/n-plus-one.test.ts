import {
  insertSyntheticDatasets,
  insertSyntheticJobs,
  insertSyntheticResearchObjects,
  insertSyntheticSites,
  type SyntheticOptions,
} from "../seeds/synthetic";
import { countStatements } from "./support/counting";
import { startStack, type Stack } from "../scripts/in-process-stack";

/**
 * No N+1: the SQL statements a query costs must not grow with the size of its result.
 * The same queries run over a set of 10 and a set of 200 entities (every dataset with a
 * replica at a site, a job that read it, a research object aggregating both), and every
 * subgraph's statement count must be the same for both. The caller is a platform
 * administrator, who sees everything, so the results really are 10 and 200 deep.
 */
const SMALL: SyntheticOptions = { tag: "small", sites: 10, datasets: 10, vo: "vo.small.example.org" };
const LARGE: SyntheticOptions = { tag: "large", sites: 200, datasets: 200, vo: "vo.large.example.org" };

const DATASETS_QUERY = `query($vo: String!, $n: Int!) {
  datasets(first: $n, filter: { vo: $vo }) {
    totalCount
    edges { node {
      id derivedFrom { id }
      replicas { path site { id officialName computeShares { name maxWallTime } downtimes { severity } } }
      consumedBy(first: 5) { totalCount edges { node { id status events { status } site { id country } researchObjects { totalCount } } } }
      researchObjects { totalCount edges { node { id title datasets { id title } jobs { id name } } } }
    } }
  }
}`;

const SITES_QUERY = `query($ngi: String!, $n: Int!) {
  sites(first: $n, filter: { ngi: $ngi }) {
    totalCount
    edges { node {
      id computeEndpoints { url } executionEnvironments { platform } inDowntime
      replicas(first: 3) { totalCount edges { node { path dataset { id lfn consumedBy { totalCount } } } } }
      jobs(first: 3) { totalCount edges { node { id inputs { id title } } } }
    } }
  }
}`;

describe("SQL statements per query do not grow with the result (no N+1)", () => {
  let stack: Stack;
  beforeAll(async () => {
    // The jobs dispatcher's own passes would be counted with the queries: one at start only.
    // No background work while statements are counted: the dispatcher and the data mover wait.
    stack = await startStack({ jobs: { tickMs: 3_600_000 }, datasets: { tickMs: 3_600_000 } });
    for (const set of [SMALL, LARGE]) {
      await insertSyntheticSites(stack.em("sites"), set);
      await insertSyntheticDatasets(stack.em("datasets"), set);
      await insertSyntheticJobs(stack.em("jobs"), set);
      await insertSyntheticResearchObjects(stack.em("research-objects"), set);
    }
  });
  afterAll(() => stack?.stop());

  it("costs the same statements for 10 and for 200 datasets, across references and list fields", async () => {
    let small: any;
    let large: any;
    const smallCounts = await countStatements(stack, async () => {
      small = await stack.query(DATASETS_QUERY, { vo: SMALL.vo, n: 10 }, { as: "pat" });
    });
    const largeCounts = await countStatements(stack, async () => {
      large = await stack.query(DATASETS_QUERY, { vo: LARGE.vo, n: 200 }, { as: "pat" });
    });
    expect(small.errors).toBeUndefined();
    expect(large.errors).toBeUndefined();
    // The answers really are 10 and 200 datasets deep in every subgraph.
    expect(small.data.datasets.edges).toHaveLength(10);
    expect(large.data.datasets.edges).toHaveLength(200);
    const last = large.data.datasets.edges[199].node;
    expect(last.replicas[0].site.computeShares.length).toBeGreaterThan(0);
    expect(last.consumedBy.edges[0].node.researchObjects.totalCount).toBe(1);
    expect(last.researchObjects.edges[0].node.jobs[0].name).toBe("Synthetic job 199");
    expect(last.researchObjects.edges[0].node.datasets[0].title).toBe("Synthetic large dataset 199");

    expect(largeCounts).toEqual(smallCounts);
    // and the counts are small constants, not zero (the counter does see the statements)
    for (const count of Object.values(largeCounts)) expect(count).toBeGreaterThan(0);
    expect(largeCounts.sites).toBeLessThanOrEqual(4);
  });

  it("costs the same statements for 10 and for 200 sites with their replicas and jobs", async () => {
    let small: any;
    let large: any;
    const smallCounts = await countStatements(stack, async () => {
      small = await stack.query(SITES_QUERY, { ngi: "NGI_SMALL", n: 10 }, { as: "pat" });
    });
    const largeCounts = await countStatements(stack, async () => {
      large = await stack.query(SITES_QUERY, { ngi: "NGI_LARGE", n: 200 }, { as: "pat" });
    });
    expect(small.errors).toBeUndefined();
    expect(large.errors).toBeUndefined();
    expect(small.data.sites.totalCount).toBe(10);
    expect(large.data.sites.edges).toHaveLength(200);
    const site = large.data.sites.edges[5].node;
    expect(site.replicas.totalCount).toBe(1);
    expect(site.replicas.edges[0].node.dataset.consumedBy.totalCount).toBe(1);
    expect(site.jobs.edges[0].node.inputs[0].title).toMatch(/Synthetic large dataset/);
    expect(largeCounts).toEqual(smallCounts);
  });
});
