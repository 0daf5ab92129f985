/**
 * `npm run bench`: performance, reported as ratios measured side by side in one run on one
 * machine (never as timed assertions in the test suite).
 *
 *  1. Result-size scaling: the same nested cross-subgraph query for 10 and for 200 datasets;
 *     with no N+1 the time per dataset should fall, not stay flat or grow.
 *  2. Federation batching: 200 Site references resolved in one `_entities` request (what the
 *     gateway sends) next to 200 one-reference requests (what a per-item join would cost).
 *  3. Placement over a synthetic registry of 10,000 sites (~30,000 queues): server-side time
 *     with the in-memory registry snapshot, next to a naive broker that reads the registry from
 *     the database on every query. Target: p95 under 50 ms. Also through the gateway, with and
 *     without every rejected site's reasons.
 *  4. `sites` filtered by VO, platform, GPU and software before and after the registry grows
 *     to 10,000 sites: indexed filters should grow far less than the registry.
 */
import "reflect-metadata";
import {
  insertSyntheticDatasets,
  insertSyntheticJobs,
  insertSyntheticResearchObjects,
  insertSyntheticSites,
} from "../seeds/synthetic";
import { startStack } from "../scripts/in-process-stack";
import { ComputeShare, Site } from "../subgraphs/sites/src/entities";
import { PlacementService } from "../subgraphs/sites/src/placement/domain/placement.service";

const QUERY = `query($vo: String!, $n: Int!) {
  datasets(first: $n, filter: { vo: $vo }) { edges { node {
    id replicas { site { id officialName computeShares { name } } }
    consumedBy { totalCount edges { node { id status researchObjects { totalCount } } } }
    researchObjects { edges { node { id } } }
  } } }
}`;

async function time(runs: number, fn: () => Promise<unknown>) {
  for (let i = 0; i < 3; i++) await fn(); // warm-up
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    await fn();
    samples.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  samples.sort((a, b) => a - b);
  const at = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))];
  return { median: at(0.5), p95: at(0.95) };
}

const fmt = (ms: number) => `${ms.toFixed(1)} ms`;

async function main() {
  const set = { tag: "bench", sites: 200, datasets: 1000, vo: "vo.bench.example.org" };
  console.log(`starting the graph in-process and loading ${set.sites} sites, ${set.datasets} datasets...`);
  const stack = await startStack();
  try {
    await insertSyntheticSites(stack.em("sites"), set);
    await insertSyntheticDatasets(stack.em("datasets"), set);
    await insertSyntheticJobs(stack.em("jobs"), set);
    await insertSyntheticResearchObjects(stack.em("research-objects"), set);

    const runs = Number(process.env.BENCH_RUNS ?? 30);
    const small = await time(runs, () => stack.query(QUERY, { vo: set.vo, n: 10 }));
    const large = await time(runs, () => stack.query(QUERY, { vo: set.vo, n: 200 }));
    console.log("\n1. nested cross-subgraph query through the gateway (median / p95)");
    console.log(
      `   10 datasets:  ${fmt(small.median)} / ${fmt(small.p95)}   (${fmt(small.median / 10)} per dataset)`,
    );
    console.log(
      `   200 datasets: ${fmt(large.median)} / ${fmt(large.p95)}   (${fmt(large.median / 200)} per dataset)`,
    );
    console.log(`   time ratio 200:10 = ${(large.median / small.median).toFixed(1)}x for 20x the result`);

    const url = stack.subgraphs.sites.url;
    const ids = Array.from({ length: 200 }, (_, i) => `BENCH-SITE-${String(i).padStart(5, "0")}`);
    const entities = (reps: { __typename: string; id: string }[]) =>
      fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          query: "query($r: [_Any!]!) { _entities(representations: $r) { ... on Site { id officialName } } }",
          variables: { r: reps },
        }),
      }).then((r) => r.json());
    const batched = await time(runs, () => entities(ids.map((id) => ({ __typename: "Site", id }))));
    const oneByOne = await time(Math.max(5, Math.floor(runs / 3)), async () => {
      for (const id of ids) await entities([{ __typename: "Site", id }]);
    });
    console.log("\n2. resolving 200 Site references in the sites subgraph (median / p95)");
    console.log(`   one _entities request (batched loader): ${fmt(batched.median)} / ${fmt(batched.p95)}`);
    console.log(`   200 single-reference requests:          ${fmt(oneByOne.median)} / ${fmt(oneByOne.p95)}`);
    console.log(`   ratio = ${(oneByOne.median / batched.median).toFixed(1)}x faster batched`);

    await placementBenchmark(stack, runs);
  } finally {
    await stack.stop();
  }
}

async function placementBenchmark(stack: Awaited<ReturnType<typeof startStack>>, runs: number) {
  const sites = Number(process.env.BENCH_SITES ?? 10_000);
  process.stdout.write(`\n3. placement over ${sites} sites: loading the synthetic registry`);
  // `sites` filtering is timed before and after the registry grows, side by side in this run.
  const filter = () =>
    stack.query(
      `{ sites(first: 50, filter: { vo: "vo.lofar.eu", platform: "x86_64", gpu: true, software: "apptainer" }) {
        totalCount edges { node { id } } } }`,
    );
  const sitesBefore = await stack.em("sites").count(Site, {});
  const filterSmall = await time(runs, filter);
  const started = Date.now();
  const tick = setInterval(() => process.stdout.write("."), 2000);
  await insertSyntheticSites(stack.em("sites"), { tag: "place", sites, datasets: 0, vo: "vo.lofar.eu" });
  clearInterval(tick);
  const shares = await stack.em("sites").count(ComputeShare, {});
  console.log(` ${((Date.now() - started) / 1000).toFixed(0)} s (${shares} queues in all)`);
  const req = {
    vo: "vo.lofar.eu",
    cores: 16,
    memoryMb: 64 * 1024,
    wallTimeSeconds: 36 * 3600,
    software: [{ name: "apptainer", version: ">=1.3" }],
  };
  const service = () => new PlacementService(stack.em("sites"));
  const first = await service().place(req, 10);
  const cached = await time(runs, () => service().place(req, 10));
  const naive = await time(Math.max(5, Math.floor(runs / 3)), () =>
    service().place(req, 10, { cached: false }),
  );
  const gateway = await time(runs, () =>
    stack.query(
      `query($r: JobRequirementsInput!) { placement(requirements: $r, first: 10) { evaluatedSites candidates { rank score site { id } } } }`,
      { r: req },
    ),
  );
  const full = await time(Math.max(5, Math.floor(runs / 3)), () =>
    stack.query(
      `query($r: JobRequirementsInput!) { placement(requirements: $r, first: 10) { candidates { rank score site { id } }
        rejected { site { id } reasons { code message } } } }`,
      { r: req },
    ),
  );
  console.log(
    `   ${first.evaluatedSites} sites evaluated: ${first.candidates.length} best candidates, ${first.rejected.length} rejected with reasons`,
  );
  console.log(
    `   server-side, registry snapshot in memory:  ${fmt(cached.median)} / ${fmt(cached.p95)} (median / p95; target p95 < 50 ms)`,
  );
  console.log(`   server-side, naive (reads registry each time): ${fmt(naive.median)} / ${fmt(naive.p95)}`);
  console.log(`   ratio = ${(naive.median / cached.median).toFixed(1)}x faster with the snapshot`);
  console.log(
    `   end to end through the gateway (top 10 only): ${fmt(gateway.median)} / ${fmt(gateway.p95)}`,
  );
  console.log(
    `   end to end through the gateway, every rejected site with its reasons (${first.rejected.length}): ${fmt(full.median)} / ${fmt(full.p95)}`,
  );
  const filterLarge = await time(runs, filter);
  const sitesAfter = await stack.em("sites").count(Site, {});
  console.log(
    `\n4. sites(filter: VO + platform + GPU + software) through the gateway, first 50 (median / p95)`,
  );
  console.log(`   ${sitesBefore} sites:  ${fmt(filterSmall.median)} / ${fmt(filterSmall.p95)}`);
  console.log(`   ${sitesAfter} sites: ${fmt(filterLarge.median)} / ${fmt(filterLarge.p95)}`);
  console.log(
    `   time ratio = ${(filterLarge.median / filterSmall.median).toFixed(1)}x for ${(sitesAfter / sitesBefore).toFixed(0)}x the sites`,
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
