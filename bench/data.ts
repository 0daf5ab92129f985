/**
 * `npm run bench` (part 4): data, measured side by side in one run.
 *
 *  1. Discovery over a large synthetic catalogue (1,000,000 datasets on PostgreSQL, set
 *     BENCH_DATABASE_URL or TEST_DATABASE_URL; 100,000 on the embedded PGlite, which holds
 *     everything in one process's memory): p50/p95 of one request asking a filtered page with
 *     full text and the facets for the same filter, and the SQL statements it costs. Goal: p95
 *     under 100 ms on PostgreSQL.
 *  2. Transfer throughput between two embedded storage endpoints (folders, as under `npm start`):
 *     one 2 GB file and 1,000 small files, as a gridgraph transfer request (submit -> FINISHED,
 *     ADLER32 verified, replicas registered) next to `cp` of the same data, and `gfal-copy` of
 *     the large file where it is installed. Goal: >= 0.8 of the direct copy for the large file.
 *     BENCH_LARGE_MB changes the large file's size.
 */
import "reflect-metadata";
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { adler32File } from "@gridgraph/kit";
import { seedsByService } from "../seeds/load";
import { startStack, type Stack } from "../scripts/in-process-stack";
import { Dataset, Replica } from "../subgraphs/datasets/src/entities";
import { quantiles, runBenchmark } from "./stats";

const fmt = (ms: number) => `${ms.toFixed(1)} ms`;
const mbps = (bytes: number, ms: number) => `${(bytes / 1e6 / (ms / 1000)).toFixed(0)} MB/s`;

const TARGETS = [
  "ELAIS-N1",
  "Bootes",
  "Lockman Hole",
  "3C196",
  "Cyg A",
  "M51",
  "NCP",
  "P205+55",
  "Crab",
  "Sun",
];
const SITES = ["SARA-MATRIX", "FZJ-JSC", "PSNC", "CYFRONET-LCG2", "IN2P3-CC", "NDGF-T1"];

/**
 * The synthetic catalogue, generated inside the database (generate_series): communities,
 * levels, formats, fields (5,000, each observed n/5,000 times), observation times, sizes and one
 * or two replicas per dataset vary with the row number, so filters and facets have real work.
 */
async function insertLargeCatalogue(stack: Stack, n: number) {
  const conn = stack.em("datasets").getConnection();
  // 5,000 fields, each observed 200 times in a million datasets; ten of them have real names.
  const targets = `(array[${TARGETS.map((t) => `'${t}'`).join(",")}])`;
  const targetOf = `(case when i % 5000 < 10 then ${targets}[1 + i % 5000] else 'P' || (i % 5000) || '+' || (i % 90) end)`;
  const sites = `(array[${SITES.map((s) => `'${s}'`).join(",")}])`;
  for (let from = 0; from < n; from += 100_000) {
    const to = Math.min(n, from + 100_000) - 1;
    await conn.execute(`
      insert into dataset (id, lfn, title, description, community, instrument, level, product_type, format,
        size_bytes, file_count, observation_observation_id, observation_target, observation_start_time,
        observation_end_time, access, owner, vo, derived_from_ids, created_at)
      select 'big-' || i, '/lofar/bench/big/' || i,
        'LoTSS ' || ${targetOf} || ' L' || (600000 + i) || ' calibrated visibilities',
        'Synthetic observation ' || i || ' of field ' || ${targetOf},
        (array['LOFAR','NENUFAR','EISCAT','PROCESS'])[1 + i % 4], 'LOFAR HBA', 'L' || (i % 5),
        'visibilities', (array['MeasurementSet','FITS','HDF5'])[1 + i % 3],
        (1 + i % 1000) * 1000000000::bigint, 1 + i % 24, 'L' || (600000 + i), ${targetOf},
        timestamptz '2015-01-01' + (i % 3650) * interval '1 day',
        timestamptz '2015-01-01' + (i % 3650) * interval '1 day' + interval '8 hours',
        (array['PUBLIC','VO','PUBLIC','PRIVATE'])[1 + i % 4], 'bench@egi.eu', 'vo.lofar.eu', '{}', now()
      from generate_series(${from}, ${to}) as i`);
    await conn.execute(`
      insert into replica (id, dataset_id, site_id, storage_url, path, state, created_at, updated_at)
      select gen_random_uuid(), 'big-' || i, ${sites}[1 + i % 6], 'davs://se.example.org:443', '/b/' || i,
        (array['ONLINE','ONLINE','NEARLINE'])[1 + i % 3], now(), now()
      from generate_series(${from}, ${to}) as i
      union all
      select gen_random_uuid(), 'big-' || i, ${sites}[1 + (i + 3) % 6], 'davs://se.example.org:443', '/c/' || i, 'ONLINE', now(), now()
      from generate_series(${from}, ${to}) as i where i % 2 = 0`);
  }
  await conn.execute("analyze dataset");
  await conn.execute("analyze replica");
}

async function discovery(stack: Stack, n: number, engine: string) {
  console.log(`\n1. Discovery over ${n.toLocaleString("en")} synthetic datasets (${engine})`);
  const t0 = Date.now();
  await insertLargeCatalogue(stack, n);
  console.log(`   generated in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  const cases = [
    { name: "text 'ELAIS-N1' + facets", filter: { text: "ELAIS-N1" } },
    {
      name: "text 'Bootes' + observed 2016 + > 100 GB + facets",
      filter: {
        text: "Bootes",
        observedFrom: "2016-01-01T00:00:00Z",
        observedTo: "2016-12-31T00:00:00Z",
        minSizeBytes: 1e11,
      },
    },
    {
      name: "L2 ONLINE at SARA, observed 2020 + facets",
      filter: {
        level: "L2",
        siteIds: ["SARA-MATRIX"],
        replicaStates: ["ONLINE"],
        observedFrom: "2020-01-01T00:00:00Z",
        observedTo: "2020-12-31T00:00:00Z",
      },
    },
    { name: "broad: LOFAR L2 (5% of all) + facets", filter: { community: "LOFAR", level: "L2" } },
  ];

  const query = `query($f: DatasetFilter) { datasets(filter: $f, first: 25) { totalCount edges { node { id title } } }
    datasetFacets(filter: $f) { community { value count } level { value count } instrument { value count } format { value count } access { value count } site { value count } replicaState { value count } } }`;
  const runs = Number(process.env.BENCH_RUNS ?? 30);
  console.log("   request (as alice, a LOFAR member)              |   p50    |   p95    | SQL statements");
  for (const c of cases) {
    const samples: number[] = [];
    let statements = 0;
    for (let i = 0; i < runs + 3; i++) {
      stack.subgraphs.datasets.db.queries.reset();
      const t = process.hrtime.bigint();
      const { errors } = await stack.query(query, { f: c.filter }, { as: "alice" });
      if (errors) throw new Error(JSON.stringify(errors));
      if (i >= 3) samples.push(Number(process.hrtime.bigint() - t) / 1e6);
      statements = stack.subgraphs.datasets.db.queries.count;
    }
    const q = quantiles(samples);
    console.log(
      `   ${c.name.padEnd(48)} | ${fmt(q.median).padStart(8)} | ${fmt(q.p95).padStart(8)} | ${statements}`,
    );
  }
}

function timeCommand(argv: string[], env: NodeJS.ProcessEnv = process.env): number {
  const t = process.hrtime.bigint();
  const result = spawnSync(argv[0], argv.slice(1), { stdio: "ignore", env });
  if (result.status !== 0) throw new Error(`${argv.join(" ")} failed`);
  return Number(process.hrtime.bigint() - t) / 1e6;
}

async function transfers(stack: Stack) {
  const root = stack.datasetsSettings.storageRoot;
  const saraDisk = "https://webdav.grid.surfsara.nl:2880";
  const saraDir = path.join(root, "SARA-MATRIX", "webdav.grid.surfsara.nl_2880");
  const largeMb = Number(process.env.BENCH_LARGE_MB ?? 2048);
  console.log(`\n2. Transfers SARA-MATRIX -> CYFRONET-LCG2 between embedded storage endpoints (${root})`);
  const em = stack.em("datasets").fork();
  const writeFile = async (rel: string, bytes: number) => {
    const file = path.join(saraDir, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const out = fs.openSync(file, "w");
    const block = randomBytes(Math.min(bytes, 1 << 22));
    for (let done = 0; done < bytes; done += block.length)
      fs.writeSync(out, block, 0, Math.min(block.length, bytes - done));
    fs.closeSync(out);
    return { file, checksum: await adler32File(file) };
  };
  const register = async (id: string, rel: string, bytes: number) => {
    const { checksum } = await writeFile(rel, bytes);
    const dataset = em.create(Dataset, {
      id,
      lfn: `/lofar/bench/transfer/${id}`,
      title: `bench ${id}`,
      community: "LOFAR" as never,
      instrument: "LOFAR HBA",
      level: "L2" as never,
      productType: "visibilities",
      format: "MeasurementSet",
      sizeBytes: bytes,
      fileCount: 1,
      checksum,
      access: "PUBLIC" as never,
      owner: "demo-alice-lofar@egi.eu",
      vo: "vo.lofar.eu",
    });
    em.create(Replica, {
      dataset,
      siteId: "SARA-MATRIX",
      storageUrl: saraDisk,
      path: `/${rel}`,
      sizeBytes: bytes,
      checksum,
    });
  };
  await register("bench-large", "bench/large.bin", largeMb * 1e6);
  const small = Array.from({ length: 1000 }, (_, i) => `bench-small-${i}`);
  for (const id of small) await register(id, `bench/small/${id}`, 64 * 1024);
  await em.flush();

  const transfer = async (ids: string[]) => {
    const t = process.hrtime.bigint();
    const { data, errors } = await stack.query(
      `mutation($input: DataRequestInput!) { transferDatasets(input: $input) { request { id } } }`,
      { input: { datasetIds: ids, siteId: "CYFRONET-LCG2" } },
      { as: "alice" },
    );
    if (errors) throw new Error(JSON.stringify(errors));
    for (;;) {
      const answer = await stack.query(
        `query($id: ID!) { dataRequest(id: $id) { state bytesDone } }`,
        { id: data.transferDatasets.request.id },
        { as: "alice" },
      );
      const r = answer.data.dataRequest;
      if (r.state !== "SUBMITTED" && r.state !== "ACTIVE") {
        if (r.state !== "FINISHED") throw new Error(`the bench transfer ended ${r.state}`);
        return { ms: Number(process.hrtime.bigint() - t) / 1e6, bytes: r.bytesDone as number };
      }
      await new Promise((res) => setTimeout(res, 100));
    }
  };
  const scratch = fs.mkdtempSync(path.join(root, "cp-"));
  const large = await transfer(["bench-large"]);
  const cpLarge = timeCommand(["cp", path.join(saraDir, "bench/large.bin"), path.join(scratch, "large.bin")]);
  const gfal =
    spawnSync("gfal-copy", ["--version"], {
      stdio: "ignore",
      env: { ...process.env, GFAL_PYTHONBIN: "/usr/bin/python3" },
    }).status === 0;
  const gfalLarge = gfal
    ? timeCommand(
        [
          "gfal-copy",
          "-f",
          `file://${path.join(saraDir, "bench/large.bin")}`,
          `file://${path.join(scratch, "large-gfal.bin")}`,
        ],
        {
          ...process.env,
          GFAL_PYTHONBIN: "/usr/bin/python3",
        },
      )
    : null;
  const many = await transfer(small);
  const cpMany = timeCommand(["cp", "-r", path.join(saraDir, "bench/small"), path.join(scratch, "small")]);
  fs.rmSync(scratch, { recursive: true, force: true });

  console.log(
    "   what                      | gridgraph request (verified)    | direct copy                  | ratio (direct time / ours)",
  );
  console.log(
    `   one ${String(largeMb).padStart(4)} MB file          | ${fmt(large.ms).padStart(10)} ${mbps(large.bytes, large.ms).padStart(10)}        | cp ${fmt(cpLarge).padStart(10)} ${mbps(large.bytes, cpLarge).padStart(9)} | ${(cpLarge / large.ms).toFixed(2)}`,
  );
  if (gfalLarge !== null)
    console.log(
      `                             |                                 | gfal-copy ${fmt(gfalLarge).padStart(9)} ${mbps(large.bytes, gfalLarge).padStart(9)} | ${(gfalLarge / large.ms).toFixed(2)}`,
    );
  console.log(
    `   1,000 files of 64 KiB     | ${fmt(many.ms).padStart(10)} ${(1000 / (many.ms / 1000)).toFixed(0).padStart(6)} files/s | cp -r ${fmt(cpMany).padStart(8)}           | ${(cpMany / many.ms).toFixed(2)}`,
  );
}

async function main() {
  const url = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (url) process.env.TEST_DATABASE_URL = url;
  const n = Number(process.env.BENCH_DATASETS ?? (url ? 1_000_000 : 100_000));
  // The mover waits while statements are counted; a submit or a finished file wakes it.
  const stack = await startStack({ datasets: { tickMs: 3_600_000, concurrency: 8 } });
  try {
    await seedsByService.sites(stack.em("sites") as never);
    await discovery(stack, n, url ? "PostgreSQL" : "embedded PGlite");
    await transfers(stack);
  } finally {
    await stack.stop();
  }
}

runBenchmark(main);
