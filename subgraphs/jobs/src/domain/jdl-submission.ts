import { badInput, type Viewer } from "@gridgraph/kit";
import type { GatewayClient } from "@gridgraph/kit";
import type { JobSpec } from "./job-spec";
import { datasetIdsForLfns } from "./placement";

const READ_JDL = `query ReadJdl($jdl: String!, $vo: String) {
  placementForJdl(jdl: $jdl, vo: $vo, first: 1) {
    requirements { vo cores memoryMb gpus cpuTimeSeconds platform tags allowedSites bannedSites computeEndpoints }
    executable arguments jobGroup inputData parameters warnings
  }
}`;

interface ReadJdl {
  placementForJdl: {
    requirements: {
      vo: string;
      cores: number | null;
      memoryMb: number | null;
      gpus: number;
      cpuTimeSeconds: number | null;
      platform: string | null;
      tags: string[];
      allowedSites: string[] | null;
      bannedSites: string[];
      computeEndpoints: string[];
    };
    executable: string | null;
    arguments: string | null;
    jobGroup: string | null;
    inputData: string[];
    parameters: string[];
    warnings: string[];
  };
}

/** DIRAC's Arguments: words, with '...' and "..." kept together. */
function words(text: string): string[] {
  return [...text.matchAll(/'([^']*)'|"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3]);
}

/**
 * A DIRAC JDL as job specs: read by the sites service's JDL reader (placementForJdl, one
 * reader for placement and submission), InputData turned into dataset ids as the submitter
 * sees them, and a parametric JDL expanded into one spec per parameter, with `%s` in
 * Arguments replaced by the parameter and `%n` by its index (as DIRAC does).
 */
export async function specsFromJdl(
  graph: GatewayClient,
  viewer: Viewer,
  input: { jdl: string; vo?: string | null; outputs?: string[] | null; idempotencyKey?: string | null },
): Promise<{ specs: JobSpec[]; warnings: string[]; name: string; parametric: boolean }> {
  const read = (await graph.request<ReadJdl>(viewer, READ_JDL, { jdl: input.jdl, vo: input.vo ?? null }))
    .placementForJdl;
  if (!read.executable) throw badInput("The JDL has no Executable.", "jdl");
  const r = read.requirements;
  const inputDatasetIds = await datasetIdsForLfns(graph, viewer, read.inputData);
  const name = read.jobGroup ?? read.executable.split("/").pop()!;
  const base: JobSpec = {
    name,
    vo: r.vo,
    executable: read.executable,
    cores: r.cores,
    memoryMb: r.memoryMb,
    gpus: r.gpus,
    // DIRAC's CPUTime is the job's budget; gridgraph runs it with that much wall time.
    wallTimeSeconds: r.cpuTimeSeconds ?? null,
    platform: r.platform,
    tags: r.tags,
    allowedSites: r.allowedSites,
    bannedSites: r.bannedSites,
    computeEndpoints: r.computeEndpoints,
    inputDatasetIds,
    outputs: input.outputs ?? [],
  };
  const args = read.arguments ?? "";
  if (!read.parameters.length)
    return {
      specs: [{ ...base, arguments: words(args), idempotencyKey: input.idempotencyKey ?? null }],
      warnings: read.warnings,
      name,
      parametric: false,
    };
  const specs = read.parameters.map((parameter, i) => ({
    ...base,
    // The collection is recognised by its first job's key (see JobService.submitMany).
    idempotencyKey: i === 0 ? (input.idempotencyKey ?? null) : null,
    name: `${name} [${parameter}]`,
    arguments: words(args.replace(/%s/g, parameter).replace(/%n/g, String(i))),
  }));
  return { specs, warnings: read.warnings, name, parametric: true };
}
