import { ApiError, badInput, type Viewer } from "@gridgraph/kit";
import type { Backends, ChosenBackend } from "../execution/backends";
import type { GatewayClient } from "@gridgraph/kit";
import type { JobSpec } from "./job-spec";
import { placementRequirements } from "./placement-requirements";

export interface InputDataset {
  id: string;
  lfn: string;
  /** ONLINE replicas only: what a job can read now. */
  replicas: { siteId: string; storageUrl: string; path: string }[];
  /** Sites holding a tape (NEARLINE) copy, which a stage request can bring online. */
  nearlineSites: string[];
}

export interface Placed {
  siteId: string;
  queue: string;
  endpoint: { url: string; interfaceName: string };
  score: number;
  /** The job's CPU work in this site's seconds per core (a JDL's CPUTime); null when none. */
  cpuTimeSeconds: number | null;
  reasons: { code: string; points: number; message: string }[];
  chosen: ChosenBackend;
  /** The replica each input is read from at the chosen site. */
  inputReplicas: { datasetId: string; lfn: string; storageUrl: string; path: string }[];
  /** Better-scored candidates passed over, and why (for the job's events). */
  passedOver: string[];
  /** Inputs to bring to the site first (the job waits in STAGING); absent when all are there. */
  dataToMove?: { stage: string[]; transfer: string[] };
}

/** Placement's answers within one submission, by requirements (see placeJob). */
export type PlacementAnswers = Map<string, Promise<PlacementAnswer>>;

interface PlacementAnswer {
  placement: {
    candidates: {
      site: { id: string };
      share: { name: string };
      endpoint: { url: string; interfaceName: string };
      score: number;
      cpuTimeSeconds: number | null;
      reasons: { code: string; points: number; message: string }[];
    }[];
    rejected: { site: { id: string }; reasons: { code: string; message: string }[] }[];
  };
}

const PLACEMENT_QUERY = `query JobPlacement($r: JobRequirementsInput!) {
  placement(requirements: $r, first: 100) {
    candidates { site { id } share { name } endpoint { url interfaceName } score cpuTimeSeconds reasons { code points message } }
    rejected { site { id } reasons { code message } }
  }
}`;

/** The gateway's largest page. */
const PAGE = 250;

const INPUTS_QUERY = `query JobInputs($ids: [ID!]!) {
  byId: datasets(filter: { ids: $ids }, first: ${PAGE}) { edges { node { id lfn replicas { state storageUrl path site { id } } } } }
}`;

const LFNS_QUERY = `query JobInputLfns($lfns: [String!]!) {
  byLfn: datasets(filter: { lfns: $lfns }, first: ${PAGE}) { edges { node { id lfn } } }
}`;

/**
 * The inputs as the owner sees them: each must exist and be visible to the owner (a hidden
 * dataset is reported like a missing one, so its existence is not revealed).
 */
export async function resolveInputs(
  graph: GatewayClient,
  viewer: Viewer,
  ids: string[],
): Promise<InputDataset[]> {
  if (!ids.length) return [];
  const found = new Map<string, InputDataset>();
  for (let i = 0; i < ids.length; i += PAGE) {
    const chunk = ids.slice(i, i + PAGE);
    const answer = await graph.request<{
      byId: {
        edges: {
          node: {
            id: string;
            lfn: string;
            replicas: { state: string; storageUrl: string; path: string; site: { id: string } | null }[];
          };
        }[];
      };
    }>(viewer, INPUTS_QUERY, { ids: chunk });
    for (const { node } of answer.byId.edges)
      found.set(node.id, {
        id: node.id,
        lfn: node.lfn,
        replicas: node.replicas
          .filter((r) => r.state === "ONLINE" && r.site)
          .map((r) => ({ siteId: r.site!.id, storageUrl: r.storageUrl, path: r.path })),
        nearlineSites: node.replicas.filter((r) => r.state === "NEARLINE" && r.site).map((r) => r.site!.id),
      });
  }
  const missing = ids.filter((id) => !found.has(id));
  if (missing.length)
    throw badInput(
      `Input datasets do not exist or are not visible to you: ${missing.slice(0, 20).join(", ")}${missing.length > 20 ? ` and ${missing.length - 20} more` : ""}.`,
      "inputs",
    );
  return ids.map((id) => found.get(id)!);
}

/** Dataset ids for logical file names (a JDL's InputData), as the owner sees them. */
export async function datasetIdsForLfns(
  graph: GatewayClient,
  viewer: Viewer,
  lfns: string[],
): Promise<string[]> {
  if (!lfns.length) return [];
  const byLfn = new Map<string, string>();
  for (let i = 0; i < lfns.length; i += PAGE) {
    const answer = await graph.request<{ byLfn: { edges: { node: { id: string; lfn: string } }[] } }>(
      viewer,
      LFNS_QUERY,
      { lfns: lfns.slice(i, i + PAGE) },
    );
    for (const { node } of answer.byLfn.edges) byLfn.set(node.lfn, node.id);
  }
  const missing = lfns.filter((lfn) => !byLfn.has(lfn));
  if (missing.length)
    throw badInput(
      `InputData names files the catalogue does not have (or that are not visible to you): ${missing.slice(0, 20).join(", ")}.`,
      "jdl",
    );
  return lfns.map((lfn) => byLfn.get(lfn)!);
}

/**
 * Where the job goes: the registry's placement (asked as the owner), then the first candidate
 * that has a backend, is not excluded, holds every input ONLINE and has the queue asked for.
 * When none holds them all, the best candidate where the missing inputs can be brought (a
 * tape copy there to stage, or a copy elsewhere to transfer): the job then waits in STAGING.
 * Nothing fits: NO_PLACEMENT with every site's reasons, and why candidates were passed over.
 */
export async function placeJob(
  graph: GatewayClient,
  backends: Backends,
  viewer: Viewer,
  spec: JobSpec,
  inputs: InputDataset[],
  excludedEndpoints: string[] = [],
  answers?: PlacementAnswers,
): Promise<Placed> {
  const dataSites = [...new Set(inputs.flatMap((d) => d.replicas.map((r) => r.siteId)).sort())];
  const requirements = placementRequirements(spec, dataSites);
  // The jobs of one submission that ask the same (a parametric JDL's, mostly) ask placement once.
  const key = JSON.stringify(requirements);
  let asked = answers?.get(key);
  if (!asked) {
    asked = graph.request<PlacementAnswer>(viewer, PLACEMENT_QUERY, { r: requirements });
    answers?.set(key, asked);
  }
  const { placement } = await asked;
  const passedOver: string[] = [];
  const noData: string[] = [];
  let movable: {
    candidate: (typeof placement.candidates)[number];
    chosen: ChosenBackend;
    missing: InputDataset[];
  } | null = null;
  for (const candidate of placement.candidates) {
    const site = candidate.site.id;
    if (spec.queue && candidate.share.name !== spec.queue) {
      passedOver.push(`${site}: queue '${spec.queue}' does not fit; '${candidate.share.name}' does.`);
      continue;
    }
    if (excludedEndpoints.includes(candidate.endpoint.url)) {
      passedOver.push(`${site}: ${candidate.endpoint.url} failed this job before.`);
      continue;
    }
    const chosen = backends.forEndpoint(candidate.endpoint);
    if (!chosen) {
      passedOver.push(
        `${site}: no execution backend is configured for ${candidate.endpoint.url} (${candidate.endpoint.interfaceName}).`,
      );
      continue;
    }
    const unreadable = inputs.filter((d) => !d.replicas.some((r) => r.siteId === site));
    if (unreadable.length) {
      noData.push(
        `${site}: ${unreadable.length} input${unreadable.length > 1 ? "s have" : " has"} no ONLINE replica there (${unreadable
          .slice(0, 3)
          .map((d) => d.lfn)
          .join(", ")}).`,
      );
      if (!movable && unreadable.every((d) => d.replicas.length || d.nearlineSites.length))
        movable = { candidate, chosen, missing: unreadable };
      continue;
    }
    return placedAt(candidate, chosen, inputs, [...passedOver, ...noData]);
  }
  // Every site that fits lacks some inputs: the best one they can be brought to (saying so
  // once, in the STAGING event, rather than once per site).
  if (movable) {
    const site = movable.candidate.site.id;
    const stage = movable.missing.filter((d) => d.nearlineSites.includes(site)).map((d) => d.id);
    const transfer = movable.missing.filter((d) => !d.nearlineSites.includes(site)).map((d) => d.id);
    return {
      ...placedAt(movable.candidate, movable.chosen, inputs, passedOver),
      dataToMove: { stage, transfer },
    };
  }
  const rejected = placement.rejected.map((r) => ({
    siteId: r.site.id,
    reasons: r.reasons.map((x) => ({ code: x.code, message: x.message })),
  }));
  const codes = new Map<string, number>();
  for (const r of rejected) for (const x of r.reasons) codes.set(x.code, (codes.get(x.code) ?? 0) + 1);
  const summary = [...codes]
    .sort((a, b) => b[1] - a[1])
    .map(([code, n]) => `${code} at ${n} site${n > 1 ? "s" : ""}`);
  const where = spec.siteId ? `at ${spec.siteId}` : "anywhere";
  passedOver.push(...noData);
  throw new ApiError(
    "NO_PLACEMENT",
    `The job fits nowhere ${where === "anywhere" ? "" : where + " "}now.${passedOver.length ? ` Passed over: ${passedOver.join(" ")}` : ""}${summary.length ? ` Rejected: ${summary.join(", ")}.` : ""}${
      spec.siteId && rejected[0] ? ` ${rejected[0].reasons.map((r) => r.message).join(" ")}` : ""
    }`,
    { rejected, passedOver },
  );
}

function placedAt(
  candidate: PlacementAnswer["placement"]["candidates"][number],
  chosen: ChosenBackend,
  inputs: InputDataset[],
  passedOver: string[],
): Placed {
  const site = candidate.site.id;
  return {
    siteId: site,
    queue: candidate.share.name,
    endpoint: candidate.endpoint,
    score: candidate.score,
    cpuTimeSeconds: candidate.cpuTimeSeconds,
    reasons: candidate.reasons,
    chosen,
    // What is there now; inputs still to be brought are listed again when the job is placed anew.
    inputReplicas: inputs.flatMap((d) => {
      const replica = d.replicas.find((r) => r.siteId === site);
      return replica
        ? [{ datasetId: d.id, lfn: d.lfn, storageUrl: replica.storageUrl, path: replica.path }]
        : [];
    }),
    passedOver,
  };
}
