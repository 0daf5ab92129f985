/**
 * Placement: which sites can run a job, best first, and for every other site why not.
 * Pure functions over a registry snapshot: same snapshot and request, same answer.
 * The scoring is documented in the README ("How placement scores").
 */
import type { NormalizedRequirements } from "./requirements";
import type {
  DowntimeRow,
  EndpointRow,
  RegistrySnapshot,
  ShareRow,
  SiteCapabilities,
  SiteRow,
} from "./snapshot";
import { satisfiesVersion } from "./versions";

/** Why a site cannot run a job; the GraphQL enum RejectionCode is built from this list. */
export const REJECTION_CODES = [
  "BANNED_SITE",
  "SITE_NOT_CERTIFIED",
  "VO_NOT_SUPPORTED",
  "SITE_IN_DOWNTIME",
  "ENDPOINT_UNHEALTHY",
  "QUEUE_CLOSED",
  "INTERFACE_MISMATCH",
  "TOO_MANY_CORES",
  "INSUFFICIENT_MEMORY",
  "WALLTIME_EXCEEDS_LIMIT",
  "CPUTIME_EXCEEDS_LIMIT",
  "NO_GPU",
  "PLATFORM_MISMATCH",
  "OS_MISMATCH",
  "MISSING_SOFTWARE",
  "NO_CONTAINER_RUNTIME",
  "MISSING_TAGS",
  "REQUIRED_TAG_NOT_REQUESTED",
  "NO_MATCHING_QUEUE",
] as const;
export type RejectionCode = (typeof REJECTION_CODES)[number];

export interface Rejection {
  code: RejectionCode;
  message: string;
}
export interface ScoreReason {
  code: string;
  points: number;
  message: string;
}
export interface Candidate {
  site: SiteRow;
  endpoint: EndpointRow;
  share: ShareRow;
  score: number;
  estimatedWaitSeconds: number | null;
  reasons: ScoreReason[];
}
export interface PlacementResult {
  candidates: Candidate[];
  rejected: { site: SiteRow; reasons: Rejection[] }[];
  evaluatedSites: number;
  generation: number;
}

export const SCORE = {
  base: 100,
  dataLocality: 30,
  freeSlotsMax: 20,
  waitPenaltyPer10Min: 1,
  waitPenaltyMax: 30,
  warningDowntime: -25,
  endpointWarning: -15,
  endpointUnknown: -5,
  benchmarkMax: 10,
};

export function formatDuration(seconds: number): string {
  if (seconds % 86400 === 0 && seconds >= 14 * 86400) return `${seconds / 86400} days`;
  if (seconds % 3600 === 0) return `${seconds / 3600}h`;
  if (seconds >= 3600) return `${(seconds / 3600).toFixed(1)}h`;
  return `${Math.round(seconds / 60)} min`;
}
export function formatMemory(mb: number): string {
  return mb >= 1024 ? `${Number((mb / 1024).toFixed(1))} GB` : `${mb} MB`;
}

const RUNTIME_ALIASES: Record<string, string[]> = {
  apptainer: ["apptainer", "singularity"],
  singularity: ["apptainer", "singularity"],
  docker: ["docker", "podman"],
  podman: ["podman", "docker"],
};

function overlaps(d: DowntimeRow, start: number, end: number) {
  return d.startsAt.getTime() < end && d.endsAt.getTime() > start;
}

/** Queue-level requirement codes, one bit each, so checking 30,000 queues allocates nothing. */
const SHARE_CODES: RejectionCode[] = [
  "VO_NOT_SUPPORTED",
  "TOO_MANY_CORES",
  "INSUFFICIENT_MEMORY",
  "WALLTIME_EXCEEDS_LIMIT",
  "CPUTIME_EXCEEDS_LIMIT",
  "MISSING_TAGS",
  "REQUIRED_TAG_NOT_REQUESTED",
  "INTERFACE_MISMATCH",
  "ENDPOINT_UNHEALTHY",
  "QUEUE_CLOSED",
  "SITE_IN_DOWNTIME",
];
const BIT = Object.fromEntries(SHARE_CODES.map((c, i) => [c, 1 << i])) as Record<string, number>;

interface ShareCheck {
  share: ShareRow;
  endpoint: EndpointRow | null;
  failures: number;
}

const HEALTH_RANK: Record<string, number> = { ok: 0, warning: 1, unknown: 2 };

/**
 * Per-site lookup structures, built once per snapshot (snapshots are reused across queries):
 * sets instead of array scans, each queue's endpoints resolved, the best benchmark.
 */
interface SiteIndex {
  shareVos: Set<string>[];
  shareEndpoints: EndpointRow[][];
  platforms: Set<string>;
  osFamilies: Set<string>;
  apps: Map<string, (string | null)[]>;
  benchmark: number;
}
const indexes = new WeakMap<SiteCapabilities, SiteIndex>();
function indexOf(caps: SiteCapabilities): SiteIndex {
  let index = indexes.get(caps);
  if (!index) {
    const apps = new Map<string, (string | null)[]>();
    for (const a of caps.applications) {
      const key = a.name.toLowerCase();
      apps.set(key, [...(apps.get(key) ?? []), a.version]);
    }
    index = {
      shareVos: caps.shares.map((s) => new Set(s.vos)),
      shareEndpoints: caps.shares.map((s) =>
        s.endpointUrl ? caps.endpoints.filter((e) => e.url === s.endpointUrl) : caps.endpoints,
      ),
      platforms: new Set(caps.environments.map((e) => e.platform)),
      osFamilies: new Set(caps.environments.map((e) => e.osFamily.toLowerCase())),
      apps,
      benchmark: Math.max(0, ...caps.environments.map((e) => e.benchmarkValue ?? 0)),
    };
    indexes.set(caps, index);
  }
  return index;
}

function endpointFailure(
  e: EndpointRow,
  req: NormalizedRequirements,
  outageUrls: Set<string> | null,
): number {
  if (req.interfaces.length && !req.interfaces.includes(e.interfaceName)) return BIT.INTERFACE_MISMATCH;
  if (outageUrls?.has(e.url)) return BIT.SITE_IN_DOWNTIME;
  if (e.servingState === "closed" || e.servingState === "draining") return BIT.QUEUE_CLOSED;
  if (e.healthState === "critical") return BIT.ENDPOINT_UNHEALTHY;
  return 0;
}

/** Checks one share (queue) against the share-level requirements. */
function checkShare(
  index: SiteIndex,
  i: number,
  share: ShareRow,
  req: NormalizedRequirements,
  outageUrls: Set<string> | null,
): ShareCheck {
  let failures = 0;
  if (!index.shareVos[i].has(req.vo)) failures |= BIT.VO_NOT_SUPPORTED;
  if (share.maxSlotsPerJob != null && req.cores > share.maxSlotsPerJob) failures |= BIT.TOO_MANY_CORES;
  if (req.memoryMb != null && share.maxMainMemory != null && req.memoryMb > share.maxMainMemory)
    failures |= BIT.INSUFFICIENT_MEMORY;
  if (req.wallTimeSeconds != null && share.maxWallTime != null && req.wallTimeSeconds > share.maxWallTime)
    failures |= BIT.WALLTIME_EXCEEDS_LIMIT;
  if (req.cpuTimeSeconds != null && share.maxCpuTime != null && req.cpuTimeSeconds > share.maxCpuTime)
    failures |= BIT.CPUTIME_EXCEEDS_LIMIT;
  for (const t of req.tags) if (!share.tags.includes(t)) failures |= BIT.MISSING_TAGS;
  // DIRAC's RequiredTag: a GPU-only queue, say, takes only jobs that ask for "gpu".
  if (share.requiredTags)
    for (const t of share.requiredTags) if (!req.tags.includes(t)) failures |= BIT.REQUIRED_TAG_NOT_REQUESTED;
  // The healthiest usable endpoint serving this queue (ok, then warning, then unknown; then URL).
  let endpoint: EndpointRow | null = null;
  let endpointFailures = 0;
  let anyEndpoint = false;
  for (const e of index.shareEndpoints[i]) {
    anyEndpoint = true;
    const f = endpointFailure(e, req, outageUrls);
    if (f) {
      endpointFailures |= f;
      continue;
    }
    const better =
      !endpoint ||
      (HEALTH_RANK[e.healthState] ?? 3) < (HEALTH_RANK[endpoint.healthState] ?? 3) ||
      ((HEALTH_RANK[e.healthState] ?? 3) === (HEALTH_RANK[endpoint.healthState] ?? 3) &&
        e.url < endpoint.url);
    if (better) endpoint = e;
  }
  if (!endpoint) {
    // Report the most specific reason: wrong interface, else downtime, else closed, else unhealthy.
    if (!anyEndpoint) failures |= BIT.QUEUE_CLOSED;
    else if (endpointFailures & BIT.INTERFACE_MISMATCH && !(endpointFailures & ~BIT.INTERFACE_MISMATCH))
      failures |= BIT.INTERFACE_MISMATCH;
    else if (endpointFailures & BIT.INTERFACE_MISMATCH) failures |= BIT.INTERFACE_MISMATCH;
    else if (endpointFailures & BIT.SITE_IN_DOWNTIME) failures |= BIT.SITE_IN_DOWNTIME;
    else if (endpointFailures & BIT.QUEUE_CLOSED) failures |= BIT.QUEUE_CLOSED;
    else failures |= BIT.ENDPOINT_UNHEALTHY;
  }
  return { share, endpoint, failures };
}

/** One sentence per unmet requirement, in the site's own terms. */
function explain(code: RejectionCode, caps: SiteCapabilities, req: NormalizedRequirements): string {
  const id = caps.site.id;
  const max = (values: (number | null)[]) => Math.max(...values.filter((v): v is number => v != null));
  switch (code) {
    case "VO_NOT_SUPPORTED":
      return `${id} does not support ${req.vo} (no queue maps it).`;
    case "TOO_MANY_CORES":
      return `needs ${req.cores} cores, the largest queue at ${id} allows ${max(caps.shares.map((s) => s.maxSlotsPerJob))} per job.`;
    case "INSUFFICIENT_MEMORY":
      return `needs ${formatMemory(req.memoryMb!)}, the largest queue at ${id} allows ${formatMemory(max(caps.shares.map((s) => s.maxMainMemory)))} per job.`;
    case "WALLTIME_EXCEEDS_LIMIT":
      return `needs ${formatDuration(req.wallTimeSeconds!)}, the longest queue at ${id} allows ${formatDuration(max(caps.shares.map((s) => s.maxWallTime)))}.`;
    case "CPUTIME_EXCEEDS_LIMIT":
      return `needs ${formatDuration(req.cpuTimeSeconds!)} of CPU time, the most any queue at ${id} allows is ${formatDuration(max(caps.shares.map((s) => s.maxCpuTime)))}.`;
    case "MISSING_TAGS":
      return `no queue at ${id} offers the tags ${req.tags.join(", ")}.`;
    case "REQUIRED_TAG_NOT_REQUESTED": {
      const required = [...new Set(caps.shares.flatMap((s) => s.requiredTags ?? []))].filter(
        (t) => !req.tags.includes(t),
      );
      return `the queues at ${id} take only jobs that ask for ${required.join(", ")}; add ${required.length > 1 ? "them" : "it"} to the job's tags to use them.`;
    }
    case "INTERFACE_MISMATCH":
      return `${id} offers ${[...new Set(caps.endpoints.map((e) => e.interfaceName))].join(", ") || "no compute endpoint"}, not ${req.interfaces.join(" or ")}.`;
    case "ENDPOINT_UNHEALTHY":
      return `the compute endpoints of ${id} are in state critical.`;
    case "QUEUE_CLOSED":
      return `the compute endpoints of ${id} are draining or closed.`;
    case "SITE_IN_DOWNTIME": {
      const d = caps.downtimes.find(
        (x) => x.severity === "OUTAGE" && overlaps(x, req.windowStart, req.windowEnd),
      );
      return d
        ? `${id} has an OUTAGE from ${d.startsAt.toISOString()} to ${d.endsAt.toISOString()} during the job's window: ${d.description}`
        : `${id} is in an OUTAGE during the job's window.`;
    }
    default:
      return `${id}: ${code}`;
  }
}

interface Passing {
  caps: SiteCapabilities;
  check: ShareCheck;
  score: number;
}

function evaluateSite(
  caps: SiteCapabilities,
  req: NormalizedRequirements,
): { rejections: Rejection[]; best?: Passing } {
  const { site } = caps;
  const rejections: Rejection[] = [];
  const reject = (code: RejectionCode, message: string) => rejections.push({ code, message });

  if (req.bannedSites.has(site.id)) reject("BANNED_SITE", `${site.id} is in the job's banned sites.`);
  if (req.allowedSites && !req.allowedSites.has(site.id))
    reject("BANNED_SITE", `${site.id} is not among the job's allowed sites.`);
  if (site.certificationStatus === "Suspended" || site.certificationStatus === "Closed") {
    reject("SITE_NOT_CERTIFIED", `${site.id} is ${site.certificationStatus.toLowerCase()} in GOCDB.`);
  }
  let siteOutage = false;
  let outageUrls: Set<string> | null = null;
  for (const d of caps.downtimes) {
    if (d.severity !== "OUTAGE" || !overlaps(d, req.windowStart, req.windowEnd)) continue;
    if (d.affectedEndpoints.length === 0) siteOutage = true;
    else for (const url of d.affectedEndpoints) (outageUrls ??= new Set()).add(url);
  }
  if (siteOutage) reject("SITE_IN_DOWNTIME", explain("SITE_IN_DOWNTIME", caps, req));

  // Node-level capabilities: platform, OS, GPUs, software, container runtime.
  const envs = caps.environments;
  const index = indexOf(caps);
  if (req.platform && !index.platforms.has(req.platform)) {
    reject(
      "PLATFORM_MISMATCH",
      `needs ${req.platform}, ${site.id} has ${[...new Set(envs.map((e) => e.platform))].join(", ") || "no execution environment"}.`,
    );
  }
  if (req.osFamily && !index.osFamilies.has(req.osFamily)) {
    reject(
      "OS_MISMATCH",
      `needs ${req.osFamily}, ${site.id} runs ${[...new Set(envs.map((e) => e.osFamily))].join(", ")}.`,
    );
  }
  if (req.gpus > 0) {
    const model = req.gpuModel?.toLowerCase();
    const fits = envs.some(
      (e) => e.gpuCount >= req.gpus && (!model || (e.gpuModel ?? "").toLowerCase().includes(model)),
    );
    if (!fits) {
      const gpus = envs.filter((e) => e.gpuCount > 0).map((e) => `${e.gpuCount}× ${e.gpuModel}`);
      reject(
        "NO_GPU",
        `needs ${req.gpus}× ${req.gpuModel ?? "GPU"} per node, ${site.id} has ${gpus.join(", ") || "no GPUs"}.`,
      );
    }
  }
  for (const sw of req.software) {
    const name = sw.name.toLowerCase();
    const versions = index.apps.get(name) ?? [];
    if (!versions.some((v) => satisfiesVersion(v, sw.constraint))) {
      const have = versions.map((v) => v ?? "unversioned").join(", ");
      reject(
        "MISSING_SOFTWARE",
        `needs ${sw.name}${sw.text ? ` ${sw.text}` : ""}, ${site.id} ${have ? `has ${sw.name} ${have}` : `does not offer ${sw.name}`}.`,
      );
    }
  }
  if (req.containerRuntime) {
    const names = RUNTIME_ALIASES[req.containerRuntime] ?? [req.containerRuntime];
    if (!names.some((n) => index.apps.has(n))) {
      reject(
        "NO_CONTAINER_RUNTIME",
        `needs ${req.containerRuntime}, ${site.id} offers no such container runtime.`,
      );
    }
  }

  // Queue-level requirements: each one a site fails only when no queue meets it; a site whose
  // queues each meet some but none meets all is NO_MATCHING_QUEUE.
  if (caps.shares.length === 0) reject("QUEUE_CLOSED", `${site.id} publishes no queue.`);
  let failedByAll = ~0;
  let best: ShareCheck | null = null;
  let bestScore = -Infinity;
  let closest: ShareCheck | null = null;
  for (let i = 0; i < caps.shares.length; i++) {
    const share = caps.shares[i];
    const check = checkShare(index, i, share, req, outageUrls);
    failedByAll &= check.failures;
    if (check.failures === 0 && check.endpoint) {
      const score = scoreTerms(caps, check, req, null, index);
      if (score > bestScore || (score === bestScore && best && share.name < best.share.name)) {
        best = check;
        bestScore = score;
      }
    } else if (!closest || popcount(check.failures) < popcount(closest.failures)) closest = check;
  }
  if (caps.shares.length) {
    for (const code of SHARE_CODES) {
      if (code === "SITE_IN_DOWNTIME" && siteOutage) continue;
      if (failedByAll & BIT[code]) reject(code, explain(code, caps, req));
    }
  }
  if (rejections.length === 0 && !best && closest) {
    const failing = SHARE_CODES.filter((c) => closest!.failures & BIT[c]).join(", ");
    reject(
      "NO_MATCHING_QUEUE",
      `no single queue at ${site.id} meets every requirement; ${closest.share.name} fails on ${failing}.`,
    );
  }
  if (rejections.length || !best) return { rejections };
  return { rejections: [], best: { caps, check: best, score: round(bestScore) } };
}

function popcount(n: number) {
  let c = 0;
  for (; n; n &= n - 1) c++;
  return c;
}

/**
 * The score of a passing queue, as the sum of the documented terms. With `reasons` it also
 * lists them; placement asks for that only for the candidates it returns.
 */
function scoreTerms(
  caps: SiteCapabilities,
  c: ShareCheck,
  req: NormalizedRequirements,
  reasons: ScoreReason[] | null,
  index = indexOf(caps),
): number {
  let total = 0;
  const term = (code: string, points: number, message: () => string) => {
    total += points;
    reasons?.push({ code, points, message: message() });
  };
  const site = caps.site.id;
  term("BASE", SCORE.base, () => "meets every requirement");
  if (req.dataSites.has(site)) term("DATA_LOCAL", SCORE.dataLocality, () => `input data is held at ${site}`);
  const free = Math.min(1, c.share.freeSlots / Math.max(1, req.cores * 10));
  if (free > 0)
    term(
      "FREE_SLOTS",
      round(SCORE.freeSlotsMax * free),
      () => `${c.share.freeSlots} free slots in ${c.share.name}`,
    );
  const wait = c.share.estimatedWaitingTime;
  if (wait != null && wait > 0) {
    const penalty = Math.min(SCORE.waitPenaltyMax, (wait / 600) * SCORE.waitPenaltyPer10Min);
    term("WAITING_TIME", -round(penalty), () => `estimated wait ${formatDuration(wait)} in ${c.share.name}`);
  }
  for (const d of caps.downtimes) {
    if (d.severity === "WARNING" && overlaps(d, req.windowStart, req.windowEnd)) {
      term(
        "DOWNTIME_WARNING",
        SCORE.warningDowntime,
        () => `WARNING downtime during the job's window: ${d.description}`,
      );
      break;
    }
  }
  const endpoint = c.endpoint!;
  if (endpoint.healthState === "warning")
    term("ENDPOINT_WARNING", SCORE.endpointWarning, () => `${endpoint.url} reports health warning`);
  if (endpoint.healthState === "unknown")
    term("ENDPOINT_UNKNOWN", SCORE.endpointUnknown, () => `${endpoint.url} reports no health state`);
  const benchmark = index.benchmark;
  if (benchmark > 10)
    term(
      "FAST_NODES",
      round(Math.min(SCORE.benchmarkMax, benchmark - 10)),
      () => `benchmark ${benchmark} per core`,
    );
  return total;
}

const round = (n: number) => Math.round(n * 10) / 10;

export function place(
  snapshot: RegistrySnapshot,
  req: NormalizedRequirements,
  first: number,
): PlacementResult {
  const passing: Passing[] = [];
  const rejected: PlacementResult["rejected"] = [];
  for (const caps of snapshot.sites) {
    const { rejections, best } = evaluateSite(caps, req);
    if (best) passing.push(best);
    else rejected.push({ site: caps.site, reasons: rejections });
  }
  // Stable order: score, then site id, so the same request gives the same ranking.
  passing.sort((a, b) => b.score - a.score || a.caps.site.id.localeCompare(b.caps.site.id));
  const candidates = passing.slice(0, first).map(({ caps, check }): Candidate => {
    const reasons: ScoreReason[] = [];
    const score = round(scoreTerms(caps, check, req, reasons));
    return {
      site: caps.site,
      endpoint: check.endpoint!,
      share: check.share,
      score,
      estimatedWaitSeconds: check.share.estimatedWaitingTime,
      reasons,
    };
  });
  return { candidates, rejected, evaluatedSites: snapshot.sites.length, generation: snapshot.generation };
}
