/**
 * `npm run bench` (part 5): publishing, measured side by side in one run.
 *
 *  1. The RO-Crate of a research object with 1,000 datasets (two replicas each, at two sites)
 *     and 200 jobs (each read 5 of them and made 5): GET /ro/<id>/ro-crate-metadata.json through
 *     the gateway as its owner, time to the first byte and to the last (the graph read through
 *     the gateway as the caller, the crate built and streamed). Next to it, what one would
 *     otherwise do: build the same entities with the `ro-crate` library and serialise them
 *     (given the same data already in memory). Goal: under 1 s and streamed.
 *  2. The landing page of its snapshot: p50/p95 of GET /ro/<id> through the gateway (the crate
 *     cached per version), next to a static file server answering the same HTML from disk.
 *     Goal: p95 under 50 ms.
 */
import "reflect-metadata";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import type { AddressInfo } from "node:net";
import { ROCrate } from "ro-crate";
import { startStack, type Stack } from "../scripts/in-process-stack";
import { Job } from "../subgraphs/jobs/src/entities";
import { ItemKind, ResearchObject, ResearchObjectItem } from "../subgraphs/research-objects/src/entities";
import { quantiles, runBenchmark } from "./stats";

const DATASETS = 1000;
const JOBS = 200;
const fmt = (ms: number) => `${ms.toFixed(1)} ms`;
const ms = (t: bigint) => Number(process.hrtime.bigint() - t) / 1e6;

async function load(stack: Stack): Promise<string> {
  await stack.em("datasets").getConnection().execute(`
    insert into dataset (id, lfn, title, description, community, instrument, level, product_type, format,
      size_bytes, file_count, checksum, access, owner, vo, derived_from_ids, created_at, updated_at)
    select 'pub-' || i, '/lofar/bench/publish/' || i, 'Bench image cube ' || i, 'Synthetic product ' || i,
      'LOFAR', 'LOFAR HBA', 'L3', 'image-cube', 'FITS', (1 + i % 50) * 1000000000::bigint, 1,
      'adler32:0000' || lpad(to_hex(i), 4, '0'), 'PUBLIC', 'demo-alice-lofar@egi.eu', 'vo.lofar.eu', '{}', now(), now()
    from generate_series(0, ${DATASETS - 1}) as i;
    insert into replica (id, dataset_id, site_id, storage_url, path, state, size_bytes, created_at, updated_at)
    select gen_random_uuid(), 'pub-' || i, s.site, s.url, '/bench/publish/' || i, 'ONLINE', (1 + i % 50) * 1000000000::bigint, now(), now()
    from generate_series(0, ${DATASETS - 1}) as i,
      (values ('SARA-MATRIX', 'https://webdav.grid.surfsara.nl:2880'), ('FZJ-JSC', 'https://dav.fz-juelich.de:443')) as s(site, url);`);
  const jobs = stack.em("jobs").fork();
  const ds = (i: number) => `pub-${i % DATASETS}`;
  for (let j = 0; j < JOBS; j++)
    jobs.create(Job, {
      id: `pub-job-${j}`,
      name: `imaging ${j}`,
      owner: "demo-alice-lofar@egi.eu",
      vo: "vo.lofar.eu",
      executable: "/opt/wsclean/bin/wsclean",
      arguments: ["-size", "4096", "4096"],
      containerImage: "docker://astronrd/linc:5.0",
      inputDatasetIds: [0, 1, 2, 3, 4].map((k) => ds(j * 5 + k + 500)),
      outputDatasetIds: [0, 1, 2, 3, 4].map((k) => ds(j * 5 + k)),
      status: "COMPLETED" as never,
      siteId: "SARA-MATRIX",
      exitCode: 0,
      startedAt: new Date(Date.now() - 3_600_000),
      finishedAt: new Date(),
    });
  await jobs.flush();
  const em = stack.em("research-objects").fork();
  const ro = em.create(ResearchObject, {
    title: "Bench: 1,000 image cubes and the 200 imaging jobs",
    description: "A large research object for the publishing benchmark.",
    creators: [{ name: "Anna Kowalska", orcid: "0000-0002-1825-0097", affiliation: "ASTRON" }],
    keywords: ["LOFAR", "bench"],
    licence: "CC-BY-4.0",
    owner: "demo-alice-lofar@egi.eu",
    vo: "vo.lofar.eu",
  });
  const start = Date.now();
  for (let i = 0; i < DATASETS; i++)
    em.create(ResearchObjectItem, {
      researchObject: ro,
      kind: ItemKind.DATASET,
      targetId: ds(i),
      addedAt: new Date(start + i),
    });
  for (let j = 0; j < JOBS; j++)
    em.create(ResearchObjectItem, {
      researchObject: ro,
      kind: ItemKind.JOB,
      targetId: `pub-job-${j}`,
      addedAt: new Date(start + DATASETS + j),
    });
  await em.flush();
  return ro.id;
}

/** Time to the first byte and to the last of a GET. */
async function timedGet(url: string, headers: Record<string, string> = {}) {
  const t = process.hrtime.bigint();
  const response = await fetch(url, { headers });
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status} ${await response.text()}`);
  const reader = response.body!.getReader();
  let first = 0;
  let bytes = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (!first) first = ms(t);
    bytes += value.length;
  }
  return { first, total: ms(t), bytes };
}

/** The same crate built with the ro-crate library from the same entities (already in memory). */
function withLibrary(graph: Record<string, unknown>[]) {
  const t = process.hrtime.bigint();
  const crate = new ROCrate({}, { array: false, link: false });
  for (const entity of graph) {
    if (entity["@id"] === "./") {
      for (const [key, value] of Object.entries(entity)) if (key !== "@id") crate.rootDataset[key] = value;
    } else if (entity["@id"] !== "ro-crate-metadata.json") crate.addEntity(entity as never);
  }
  const text = JSON.stringify(crate.toJSON());
  return { ms: ms(t), bytes: text.length };
}

async function staticServer(html: string) {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "gg-landing-")), "index.html");
  fs.writeFileSync(file, html);
  const server = http.createServer((_req, res) =>
    fs.readFile(file, (error, body) => {
      res.writeHead(error ? 500 : 200, { "content-type": "text/html; charset=utf-8" });
      res.end(body);
    }),
  );
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, stop: () => server.close() };
}

async function main() {
  console.log(`starting the graph in-process with the seeds, ${DATASETS} datasets and ${JOBS} jobs...`);
  const stack = await startStack({ seed: true });
  try {
    const id = await load(stack);
    const base = stack.gatewayUrl.replace(/\/graphql$/, "");
    const token = await stack.tokenFor("alice");
    const auth = { authorization: `Bearer ${token}` };
    const runs = Number(process.env.BENCH_RUNS ?? 5);

    console.log(
      `\n1. RO-Crate of a research object with ${DATASETS} datasets and ${JOBS} jobs (LIVE, as its owner)`,
    );
    const samples: { first: number; total: number; bytes: number }[] = [];
    for (let i = 0; i < runs + 1; i++) {
      const r = await timedGet(`${base}/ro/${id}/ro-crate-metadata.json`, auth);
      if (i > 0) samples.push(r);
    }
    const crate = (await (
      await fetch(`${base}/ro/${id}/ro-crate-metadata.json`, { headers: auth })
    ).json()) as {
      "@graph": Record<string, unknown>[];
    };
    const first = quantiles(samples.map((s) => s.first));
    const total = quantiles(samples.map((s) => s.total));
    const library = quantiles(Array.from({ length: runs }, () => withLibrary(crate["@graph"]).ms));
    console.log(
      `   entities in the crate: ${crate["@graph"].length}, ${(samples[0].bytes / 1e6).toFixed(2)} MB`,
    );
    console.log(
      `   gridgraph, graph read + built + streamed: first byte ${fmt(first.median)}, last byte ${fmt(total.median)} (p95 ${fmt(total.p95)})`,
    );
    console.log(
      `   ro-crate library, same entities already in memory, built + serialised: ${fmt(library.median)}`,
    );
    console.log(`   goal: under 1 s -> ${total.median < 1000 ? "met" : "NOT met"}`);

    const t = process.hrtime.bigint();
    const { data, errors } = await stack.query(
      `mutation($id: ID!) { snapshotResearchObject(id: $id) { researchObject { id doi doiState } } }`,
      { id },
      { as: "alice" },
    );
    if (errors) throw new Error(JSON.stringify(errors));
    const snap = data.snapshotResearchObject.researchObject;
    console.log(
      `   snapshot with a DOI from the embedded minter (${snap.doi}, ${snap.doiState}): ${fmt(ms(t))}`,
    );

    console.log(
      `\n2. Landing page of the snapshot (GET /ro/<id> through the gateway, crate cached per version)`,
    );
    const first200 = await timedGet(`${base}/ro/${snap.id}`);
    console.log(`   first request (renders and caches the version): ${fmt(first200.total)}`);
    const pageRuns = Number(process.env.BENCH_PAGE_RUNS ?? 200);
    const page: number[] = [];
    for (let i = 0; i < pageRuns; i++) page.push((await timedGet(`${base}/ro/${snap.id}`)).total);
    const html = await (await fetch(`${base}/ro/${snap.id}`)).text();
    const plain = await staticServer(html);
    const file: number[] = [];
    for (let i = 0; i < pageRuns; i++) file.push((await timedGet(plain.url)).total);
    plain.stop();
    const cached: number[] = [];
    for (let i = 0; i < Math.min(pageRuns, 50); i++)
      cached.push((await timedGet(`${base}/ro/${snap.id}/ro-crate-metadata.json`)).total);
    const p = quantiles(page);
    const f = quantiles(file);
    const c = quantiles(cached);
    console.log(
      `   landing page (${(html.length / 1e3).toFixed(0)} kB): p50 ${fmt(p.median)}, p95 ${fmt(p.p95)}`,
    );
    console.log(
      `   the same HTML from a static file server: p50 ${fmt(f.median)}, p95 ${fmt(f.p95)} (ratio p95 ${(p.p95 / f.p95).toFixed(1)}x)`,
    );
    console.log(`   the snapshot's crate, cached: p50 ${fmt(c.median)}, p95 ${fmt(c.p95)}`);
    console.log(`   goal: landing page p95 under 50 ms -> ${p.p95 < 50 ? "met" : "NOT met"}`);
  } finally {
    await stack.stop();
  }
}

runBenchmark(main);
