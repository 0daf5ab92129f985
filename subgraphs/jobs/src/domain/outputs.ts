import fs from "node:fs";
import path from "node:path";
import type { EntityManager } from "@mikro-orm/postgresql";
import { glob } from "tinyglobby";
import { adler32File, ApiError } from "@gridgraph/kit";
import type { Job } from "../entities";
import type { ExecutionBackend } from "../execution/backend";
import { defaultAccountForVo } from "../execution/accounts";
import { localReplicaPath } from "../execution/storage";
import type { JobsRuntime } from "../runtime";
import { ownerOf } from "./job.service";
import { record } from "./lifecycle";

/**
 * The files a job's output patterns match, inside its working directory only: a pattern
 * cannot name a path outside it (refused at submit), and a match that resolves outside it
 * through a link is skipped, as are the linked inputs themselves.
 */
export async function matchOutputs(
  dir: string,
  patterns: string[],
): Promise<{ relative: string; file: string }[]> {
  const root = fs.realpathSync(dir);
  const found = await glob(patterns, {
    cwd: root,
    onlyFiles: true,
    dot: false,
    followSymbolicLinks: false,
    expandDirectories: false,
  });
  const result: { relative: string; file: string }[] = [];
  for (const relative of [...new Set(found)].sort()) {
    const file = path.join(root, relative);
    const stat = fs.lstatSync(file);
    if (stat.isSymbolicLink() || !stat.isFile()) continue;
    const real = fs.realpathSync(file);
    if (!real.startsWith(root + path.sep)) continue;
    result.push({ relative, file: real });
  }
  return result;
}

const INPUTS_META = `query OutputMeta($ids: [ID!]!, $site: ID!) {
  datasets(filter: { ids: $ids }, first: 250) { edges { node { id community instrument level } } }
  site(id: $site) { storageEndpoints { url } }
}`;

const REGISTER = `mutation RegisterOutput($d: RegisterDatasetInput!) { registerDataset(input: $d) { dataset { id } } }`;
const FIND_LFN = `query OutputByLfn($lfns: [String!]!) { datasets(filter: { lfns: $lfns }, first: 1) { edges { node { id } } } }`;
const ADD_REPLICA = `mutation AddOutputReplica($r: AddReplicaInput!) { addReplica(input: $r) { replica { id } } }`;

const LEVELS = ["L0", "L1", "L2", "L3", "L4"];

/**
 * Registers a completed job's declared outputs as datasets, as the job's owner: derived from
 * the inputs, produced by the job, each with its size, Adler-32 checksum and a replica at the
 * site's storage (copied into this machine's view of that storage, so a later job there reads
 * it). Runs under the job's row lock; a registration cut short is completed, not doubled (a
 * dataset already registered under the output's name is reused).
 */
export async function registerOutputs(
  em: EntityManager,
  job: Job,
  backend: ExecutionBackend | null,
  runtime: JobsRuntime,
) {
  try {
    if (!backend || !job.workDir) throw new Error("the job's working directory is unknown");
    const files = await matchOutputs(backend.outputDir(job.workDir), job.outputPatterns);
    if (!files.length) {
      job.outputsState = "DONE";
      record(em, job, {
        message: `No file matched the declared outputs (${job.outputPatterns.join(", ")}).`,
      });
      return;
    }
    const owner = ownerOf(job);
    const meta = await runtime.graph.request<{
      datasets: { edges: { node: { id: string; community: string; instrument: string; level: string } }[] };
      site: { storageEndpoints: { url: string }[] } | null;
    }>(owner, INPUTS_META, { ids: job.inputDatasetIds.slice(0, 250), site: job.siteId });
    const inputs = meta.datasets.edges.map((e) => e.node);
    const first = inputs[0];
    if (!first)
      throw new Error(
        "outputs are registered with their inputs' community and instrument, and this job's inputs are not visible to its owner any more (or it has none)",
      );
    const storageUrl = meta.site?.storageEndpoints[0]?.url;
    if (!storageUrl) throw new Error(`site ${job.siteId} publishes no storage endpoint to hold the outputs`);
    const level = LEVELS[Math.min(4, Math.max(...inputs.map((d) => LEVELS.indexOf(d.level))) + 1)];
    const ids: string[] = [];
    for (const { relative, file } of files) {
      const lfn = `/${defaultAccountForVo(job.vo)}/jobs/${job.id}/${relative}`;
      const replicaPath = `/gridgraph/jobs/${job.id}/${relative}`;
      const size = fs.statSync(file).size;
      let id: string;
      try {
        const answer = await runtime.graph.request<{ registerDataset: { dataset: { id: string } } }>(
          owner,
          REGISTER,
          {
            d: {
              lfn,
              title: `${relative} from job ${job.name}`,
              description: `Output of job ${job.id} (${job.executable}) at ${job.siteId}.`,
              community: first.community,
              instrument: first.instrument,
              level,
              productType: "job-output",
              format: (path.extname(relative).slice(1) || "binary").toUpperCase(),
              sizeBytes: size,
              fileCount: 1,
              checksum: await adler32File(file),
              vo: job.vo,
              derivedFrom: job.inputDatasetIds,
            },
          },
        );
        id = answer.registerDataset.dataset.id;
      } catch (error) {
        if (!(error instanceof ApiError) || error.extensions.code !== "CONFLICT") throw error;
        const found = await runtime.graph.request<{ datasets: { edges: { node: { id: string } }[] } }>(
          owner,
          FIND_LFN,
          {
            lfns: [lfn],
          },
        );
        if (!found.datasets.edges[0]) throw error;
        id = found.datasets.edges[0].node.id;
        if (job.outputDatasetIds.includes(id)) continue;
      }
      const local = localReplicaPath(runtime.settings.storageRoot, job.siteId!, storageUrl, replicaPath);
      if (local) {
        fs.mkdirSync(path.dirname(local), { recursive: true });
        fs.copyFileSync(file, local);
      }
      await runtime.graph.request(owner, ADD_REPLICA, {
        r: { datasetId: id, siteId: job.siteId, storageUrl, path: replicaPath, state: "ONLINE" },
      });
      ids.push(id);
      job.outputDatasetIds = [...job.outputDatasetIds, id];
    }
    job.outputsState = "DONE";
    record(em, job, {
      message: `Registered ${ids.length} output${ids.length === 1 ? "" : "s"} as datasets: ${files.map((f) => f.relative).join(", ")}.`,
    });
  } catch (error) {
    job.outputsState = "FAILED";
    record(em, job, { message: `Outputs could not be registered: ${(error as Error).message}` });
  }
}
