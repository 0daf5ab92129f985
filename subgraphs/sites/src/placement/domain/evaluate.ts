/**
 * Placement: which sites can run a job, best first, and for every other site why not.
 * Pure functions over a registry snapshot: same snapshot and request, same answer.
 * The vocabulary is in rejection-codes.ts, the sentences in explanations.ts, the ranking in
 * scoring.ts and the per-snapshot lookup structures in snapshot-index.ts.
 */
import { pickEndpoint } from "./endpoints";
import { SiteRejection, type RejectionDetail } from "./explanations";
import {
  BIT,
  popcount,
  SHARE_CODES,
  type Rejection,
  type RejectionCode,
  type ShareCheck,
} from "./rejection-codes";
import type { NormalizedRequirements } from "./requirements";
import { round, scoreTerms, type ScoreReason } from "./scoring";
import { indexOf, snapshotIndexOf, voSharesOf, type SiteIndex, type SnapshotIndex } from "./snapshot-index";
import {
  downtimeOverlaps,
  type EndpointRow,
  type RegistrySnapshot,
  type ShareRow,
  type SiteCapabilities,
  type SiteRow,
} from "./snapshot";
import { satisfiesVersion } from "./versions";

export interface Candidate {
  site: SiteRow;
  endpoint: EndpointRow;
  share: ShareRow;
  score: number;
  estimatedWaitSeconds: number | null;
  /** The job's CPU work (cpuWorkHs06Seconds) at this site's HS06 per core, in seconds. */
  cpuTimeSeconds: number | null;
  reasons: ScoreReason[];
}
export interface PlacementResult {
  candidates: Candidate[];
  rejected: { site: SiteRow; reasons: Rejection[] }[];
  evaluatedSites: number;
  generation: number;
}

const RUNTIME_ALIASES: Record<string, string[]> = {
  apptainer: ["apptainer", "singularity"],
  singularity: ["apptainer", "singularity"],
  docker: ["docker", "podman"],
  podman: ["podman", "docker"],
};

/**
 * Checks one share (queue) against the share-level requirements: returns the failure bits and
 * leaves the endpoint it would use in `chosen.endpoint` (no object per queue: 30,000 queues).
 */
const chosen: { endpoint: EndpointRow | null } = { endpoint: null };
function checkShare(
  index: SiteIndex,
  i: number,
  share: ShareRow,
  req: NormalizedRequirements,
  outageUrls: Set<string> | null,
  mapsVo: boolean,
): number {
  let failures = 0;
  if (!mapsVo) failures |= BIT.VO_NOT_SUPPORTED;
  // A draining or closed queue takes no new jobs, whatever its endpoint says.
  if (share.servingState === "draining" || share.servingState === "closed") failures |= BIT.QUEUE_CLOSED;
  if (share.maxSlotsPerJob != null && req.cores > share.maxSlotsPerJob) failures |= BIT.TOO_MANY_CORES;
  if (req.memoryMb != null && share.maxMainMemory != null && req.memoryMb > share.maxMainMemory)
    failures |= BIT.INSUFFICIENT_MEMORY;
  if (req.wallTimeSeconds != null && share.maxWallTime != null && req.wallTimeSeconds > share.maxWallTime)
    failures |= BIT.WALLTIME_EXCEEDS_LIMIT;
  if (req.cpuTimeSeconds != null && share.maxCpuTime != null && req.cpuTimeSeconds > share.maxCpuTime)
    failures |= BIT.CPUTIME_EXCEEDS_LIMIT;
  // DIRAC's normalised CPU work becomes this site's seconds through its benchmark; a site that
  // publishes none cannot be compared, and is not refused for it.
  if (req.cpuWorkHs06Seconds != null && share.maxCpuTime != null && index.hs06PerCore > 0)
    if (req.cpuWorkHs06Seconds / index.hs06PerCore > share.maxCpuTime) failures |= BIT.CPUTIME_EXCEEDS_LIMIT;
  for (const t of req.tags) if (!share.tags.includes(t)) failures |= BIT.MISSING_TAGS;
  // DIRAC's RequiredTag: a GPU-only queue, say, takes only jobs that ask for "gpu".
  if (share.requiredTags)
    for (const t of share.requiredTags) if (!req.tags.includes(t)) failures |= BIT.REQUIRED_TAG_NOT_REQUESTED;
  // Without an interface filter or endpoint outages, the endpoint choice does not depend on
  // the job: it was made once per snapshot.
  if (!req.interfaces.length && !req.endpointHosts.length && !outageUrls) {
    chosen.endpoint = index.shareEndpoint[i];
    return failures | index.shareEndpointFailures[i];
  }
  const pick = pickEndpoint(index.shareEndpoints[i], req, outageUrls);
  chosen.endpoint = pick.endpoint;
  return failures | pick.failures;
}

interface Passing {
  caps: SiteCapabilities;
  check: ShareCheck;
  score: number;
}

/** Per-query state shared by all sites: what is the same for every site is worked out once. */
interface QueryContext {
  req: NormalizedRequirements;
  index: SnapshotIndex;
  /** 1 for every queue (in the snapshot's numbering) that maps the job's VO. */
  voShares: Uint8Array;
  /** Per requested software: the versions each site offers (by site position). */
  softwareOffers: (string | null)[][][];
  /** Per requested software: published version -> satisfies the constraint (sites share versions). */
  versionMemo: Map<string | null, boolean>[];
  /** Per name the container runtime goes by: which sites offer it (by site position). */
  runtimeOffers: (string | null)[][][];
  /** The passing site's best queue, left here by evaluateSite (no result object per site). */
  best: Passing | null;
}

const NO_VERSIONS: (string | null)[] = [];
/** Reused to score each passing queue; only a queue that becomes the site's best gets its own object. */
const probe: ShareCheck = { share: null as never, endpoint: null, failures: 0 };

/**
 * Evaluates one site: returns its rejections, or null when it can run the job (its best queue
 * is then in `ctx.best`). The rejection list is created only for sites that need one.
 */
function evaluateSite(caps: SiteCapabilities, position: number, ctx: QueryContext): Rejection[] | null {
  const { req } = ctx;
  const { site } = caps;
  let rejections: Rejection[] | null = null;
  const reject = (code: RejectionCode, detail: RejectionDetail = null) => {
    (rejections ??= []).push(new SiteRejection(code, caps, req, detail));
  };

  if (req.bannedSites.size && req.bannedSites.has(site.id)) reject("BANNED_SITE");
  if (req.allowedSites && !req.allowedSites.has(site.id)) reject("BANNED_SITE", { notAllowed: true });
  if (site.certificationStatus === "Suspended" || site.certificationStatus === "Closed") {
    reject("SITE_NOT_CERTIFIED");
  }
  let siteOutage = false;
  let outageUrls: Set<string> | null = null;
  for (const d of caps.downtimes) {
    if (d.severity !== "OUTAGE" || !downtimeOverlaps(d, req.windowStart, req.windowEnd)) continue;
    if (d.affectedEndpoints.length === 0) siteOutage = true;
    else for (const url of d.affectedEndpoints) (outageUrls ??= new Set()).add(url);
  }
  if (siteOutage) reject("SITE_IN_DOWNTIME");

  // Node-level capabilities: platform, OS, GPUs, software, container runtime.
  const index = ctx.index.sites[position];
  if (req.platform && !index.platforms.has(req.platform)) reject("PLATFORM_MISMATCH");
  if (req.osFamily && !index.osFamilies.has(req.osFamily)) reject("OS_MISMATCH");
  if (req.gpus > 0) {
    const model = req.gpuModel?.toLowerCase();
    const fits = caps.environments.some(
      (e) => e.gpuCount >= req.gpus && (!model || (e.gpuModel ?? "").toLowerCase().includes(model)),
    );
    if (!fits) reject("NO_GPU");
  }
  for (let k = 0; k < req.software.length; k++) {
    const versions = ctx.softwareOffers[k][position] ?? NO_VERSIONS;
    const memo = ctx.versionMemo[k];
    let ok = false;
    for (const v of versions) {
      let fits = memo.get(v);
      if (fits === undefined) memo.set(v, (fits = satisfiesVersion(v, req.software[k].constraint)));
      if (fits) {
        ok = true;
        break;
      }
    }
    if (!ok) reject("MISSING_SOFTWARE", { software: k });
  }
  if (req.containerRuntime && !ctx.runtimeOffers.some((offers) => offers[position] !== undefined)) {
    reject("NO_CONTAINER_RUNTIME");
  }

  // Queue-level requirements: each one a site fails only when no queue meets it; a site whose
  // queues each meet some but none meets all is NO_MATCHING_QUEUE.
  if (caps.shares.length === 0) reject("QUEUE_CLOSED");
  let failedByAll = ~0;
  let best: ShareCheck | null = null;
  let bestScore = -Infinity;
  let closest: ShareCheck | null = null;
  const offset = ctx.index.shareOffset[position];
  for (let i = 0; i < caps.shares.length; i++) {
    const share = caps.shares[i];
    const failures = checkShare(index, i, share, req, outageUrls, ctx.voShares[offset + i] === 1);
    failedByAll &= failures;
    if (failures === 0 && chosen.endpoint) {
      probe.share = share;
      probe.endpoint = chosen.endpoint;
      const score = scoreTerms(caps, probe, req, null, index);
      if (score > bestScore || (score === bestScore && best && share.name < best.share.name)) {
        best = { share, endpoint: chosen.endpoint, failures };
        bestScore = score;
      }
    } else if (!closest || popcount(failures) < popcount(closest.failures))
      closest = { share, endpoint: chosen.endpoint, failures };
  }
  // Skip explaining what every queue meets: the common case for a site that fits.
  if (caps.shares.length && failedByAll) {
    for (const code of SHARE_CODES) {
      if (code === "SITE_IN_DOWNTIME" && siteOutage) continue;
      if (failedByAll & BIT[code]) reject(code);
    }
  }
  if (!rejections && !best && closest) reject("NO_MATCHING_QUEUE", { closest });
  if (rejections || !best) return rejections ?? [];
  ctx.best = { caps, check: best, score: round(bestScore) };
  return null;
}

export function place(
  snapshot: RegistrySnapshot,
  req: NormalizedRequirements,
  first: number,
): PlacementResult {
  const index = snapshotIndexOf(snapshot);
  const offers = (name: string) => index.appVersions.get(name.toLowerCase()) ?? [];
  const ctx: QueryContext = {
    req,
    index,
    voShares: voSharesOf(snapshot, index, req.vo),
    softwareOffers: req.software.map((sw) => offers(sw.name)),
    versionMemo: req.software.map(() => new Map()),
    runtimeOffers: req.containerRuntime
      ? (RUNTIME_ALIASES[req.containerRuntime] ?? [req.containerRuntime]).map(offers)
      : [],
    best: null,
  };
  // Only the best `first` are returned, so only they are kept in order (insertion into a short
  // sorted list) rather than sorting every passing site.
  const top: Passing[] = [];
  const rejected: PlacementResult["rejected"] = [];
  for (let position = 0; position < snapshot.sites.length; position++) {
    const caps = snapshot.sites[position];
    const rejections = evaluateSite(caps, position, ctx);
    if (rejections) {
      rejected.push({ site: caps.site, reasons: rejections });
      continue;
    }
    const best = ctx.best!;
    if (top.length === first && !ranksBefore(best, top[first - 1])) continue;
    let at = top.length;
    while (at > 0 && ranksBefore(best, top[at - 1])) at--;
    top.splice(at, 0, best);
    if (top.length > first) top.pop();
  }
  const candidates = top.map(({ caps, check }): Candidate => {
    const reasons: ScoreReason[] = [];
    const score = round(scoreTerms(caps, check, req, reasons));
    return {
      site: caps.site,
      endpoint: check.endpoint!,
      share: check.share,
      score,
      estimatedWaitSeconds: check.share.estimatedWaitingTime,
      cpuTimeSeconds: cpuSecondsAt(caps, req),
      reasons,
    };
  });
  return { candidates, rejected, evaluatedSites: snapshot.sites.length, generation: snapshot.generation };
}

/** Stable order: score, then site id (code-unit order), so the same request gives the same ranking. */
function ranksBefore(a: Passing, b: Passing): boolean {
  return a.score > b.score || (a.score === b.score && a.caps.site.id < b.caps.site.id);
}

/** CPU work in HS06-seconds as seconds on one of the site's cores (null: no work asked, or no benchmark). */
function cpuSecondsAt(caps: SiteCapabilities, req: NormalizedRequirements): number | null {
  const perCore = indexOf(caps).hs06PerCore;
  return req.cpuWorkHs06Seconds != null && perCore > 0 ? Math.ceil(req.cpuWorkHs06Seconds / perCore) : null;
}
