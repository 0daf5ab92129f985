import { badInput, type Viewer } from "@gridgraph/kit";
import type { GatewayClient } from "@gridgraph/kit";
import type { JobSpec } from "./job-spec";
import { datasetIdsForLfns } from "./placement";

const READ_JDL = `query ReadJdl($jdl: String!, $vo: String) {
  placementForJdl(jdl: $jdl, vo: $vo, first: 1) {
    requirements { vo cores memoryMb gpus cpuWorkHs06Seconds platform tags allowedSites bannedSites computeEndpoints }
    executable arguments jobGroup jobName inputData parameters warnings
    jobs { parameter name executable arguments inputData }
  }
}`;

interface ReadJdl {
  placementForJdl: {
    requirements: {
      vo: string;
      cores: number | null;
      memoryMb: number | null;
      gpus: number;
      cpuWorkHs06Seconds: number | null;
      platform: string | null;
      tags: string[];
      allowedSites: string[] | null;
      bannedSites: string[];
      computeEndpoints: string[];
    };
    executable: string | null;
    arguments: string | null;
    jobGroup: string | null;
    jobName: string | null;
    inputData: string[];
    parameters: string[];
    jobs: {
      parameter: string | null;
      name: string | null;
      executable: string | null;
      arguments: string | null;
      inputData: string[];
    }[];
    warnings: string[];
  };
}

/** DIRAC's Arguments: words, with '...' and "..." kept together. */
function words(text: string): string[] {
  return [...text.matchAll(/'([^']*)'|"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3]);
}

/**
 * A DIRAC JDL as job specs: read by the sites service's JDL reader (placementForJdl, one
 * reader for placement and submission, which also expands a parametric JDL into its jobs as
 * DIRAC does: %s, %(name)s, %n), InputData turned into dataset ids as the submitter sees them,
 * one spec per job with that job's arguments and inputs.
 */
export async function specsFromJdl(
  graph: GatewayClient,
  viewer: Viewer,
  input: { jdl: string; vo?: string | null; outputs?: string[] | null; idempotencyKey?: string | null },
): Promise<{ specs: JobSpec[]; warnings: string[]; name: string; parametric: boolean }> {
  const read = (await graph.request<ReadJdl>(viewer, READ_JDL, { jdl: input.jdl, vo: input.vo ?? null }))
    .placementForJdl;
  if (read.jobs.some((job) => !job.executable)) throw badInput("The JDL has no Executable.", "jdl");
  const r = read.requirements;
  // Every job's files in one pass over the catalogue, then each job's own.
  const allIds = await datasetIdsForLfns(graph, viewer, read.inputData);
  const idOf = new Map(read.inputData.map((lfn, i) => [lfn, allIds[i]]));
  const name = read.jobName ?? read.jobGroup ?? read.executable!.split("/").pop()!;
  const base: Omit<JobSpec, "name" | "executable" | "inputDatasetIds"> = {
    vo: r.vo,
    cores: r.cores,
    memoryMb: r.memoryMb,
    gpus: r.gpus,
    // DIRAC's CPUTime is CPU work in HS06-seconds: placement compares it per site, and the job
    // gets the wall time it comes to on the chosen site's cores (JobService applyPlacement).
    cpuWorkHs06Seconds: r.cpuWorkHs06Seconds ?? null,
    platform: r.platform,
    tags: r.tags,
    allowedSites: r.allowedSites,
    bannedSites: r.bannedSites,
    computeEndpoints: r.computeEndpoints,
    outputs: input.outputs ?? [],
  };
  const parametric = read.parameters.length > 0;
  // Jobs whose JobName does not tell them apart (no %n or parameter in it) are told apart here:
  // by their parameter, or by their number when the parameters repeat (`Parameters = 3;` alone).
  const sameName = new Set(read.jobs.map((job) => job.name)).size === 1;
  const distinct = new Set(read.parameters).size === read.parameters.length;
  const specs = read.jobs.map((job, i): JobSpec => ({
    ...base,
    // The collection is recognised by its first job's key (see JobService.submitMany).
    idempotencyKey: i === 0 ? (input.idempotencyKey ?? null) : null,
    name: parametric && sameName ? `${name} [${distinct ? job.parameter : i}]` : (job.name ?? name),
    executable: job.executable!,
    arguments: words(job.arguments ?? ""),
    inputDatasetIds: job.inputData.map((lfn) => idOf.get(lfn)!),
  }));
  return { specs, warnings: read.warnings, name, parametric };
}
