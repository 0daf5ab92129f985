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

/**
 * A rejection whose sentence is written when it is read: a placement over 10,000 sites has
 * thousands, and a client that asks only for candidates (or only for codes) should not pay
 * for composing them all. The sentence depends only on the site, the request and `detail`.
 */
class SiteRejection implements Rejection {
  constructor(
    readonly code: RejectionCode,
    private readonly caps: SiteCapabilities,
    private readonly req: NormalizedRequirements,
    private readonly detail: RejectionDetail = null,
  ) {}
  get message(): string {
    return explain(this.code, this.caps, this.req, this.detail);
  }
  toJSON(): Rejection {
    return { code: this.code, message: this.message };
  }
}
/** What a sentence needs beyond site and request: which software, which closest queue, which ban. */
type RejectionDetail = { software: number } | { closest: ShareCheck } | { notAllowed: true } | null;
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
  /** Each queue's endpoint and endpoint failures for jobs without interface filter or outages. */
  shareEndpoint: (EndpointRow | null)[];
  shareEndpointFailures: number[];
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
    const shareEndpoints = caps.shares.map((s) =>
      s.endpointUrl ? caps.endpoints.filter((e) => e.url === s.endpointUrl) : caps.endpoints,
    );
    const picks = shareEndpoints.map((endpoints) => pickEndpoint(endpoints, { interfaces: [] }, null));
    index = {
      shareVos: caps.shares.map((s) => new Set(s.vos)),
      shareEndpoints,
      shareEndpoint: picks.map((p) => p.endpoint),
      shareEndpointFailures: picks.map((p) => p.failures),
      platforms: new Set(caps.environments.map((e) => e.platform)),
      osFamilies: new Set(caps.environments.map((e) => e.osFamily.toLowerCase())),
      apps,
      benchmark: Math.max(0, ...caps.environments.map((e) => e.benchmarkValue ?? 0)),
    };
    indexes.set(caps, index);
  }
  return index;
}

/**
 * Registry-wide lookup structures, built once per snapshot: each site's SiteIndex in an array
 * (no per-site WeakMap lookup per query), every queue's position in one numbering, and inverted
 * indexes (application -> versions per site; VO -> which queues map it, built on first use).
 * A query then reads arrays by position instead of probing 10,000 small maps and sets.
 */
interface SnapshotIndex {
  sites: SiteIndex[];
  shareOffset: Int32Array;
  shareCount: number;
  appVersions: Map<string, (string | null)[][]>;
  voShares: Map<string, Uint8Array>;
}
const snapshotIndexes = new WeakMap<RegistrySnapshot, SnapshotIndex>();
function snapshotIndexOf(snapshot: RegistrySnapshot): SnapshotIndex {
  let index = snapshotIndexes.get(snapshot);
  if (!index) {
    const shareOffset = new Int32Array(snapshot.sites.length);
    const appVersions = new Map<string, (string | null)[][]>();
    let shareCount = 0;
    const sites = snapshot.sites.map((caps, i) => {
      shareOffset[i] = shareCount;
      shareCount += caps.shares.length;
      const site = indexOf(caps);
      for (const [name, versions] of site.apps) {
        let perSite = appVersions.get(name);
        if (!perSite) appVersions.set(name, (perSite = []));
        perSite[i] = versions;
      }
      return site;
    });
    index = { sites, shareOffset, shareCount, appVersions, voShares: new Map() };
    snapshotIndexes.set(snapshot, index);
  }
  return index;
}
function voSharesOf(snapshot: RegistrySnapshot, index: SnapshotIndex, vo: string): Uint8Array {
  let flags = index.voShares.get(vo);
  if (!flags) {
    flags = new Uint8Array(index.shareCount);
    for (let s = 0; s < index.sites.length; s++) {
      const vos = index.sites[s].shareVos;
      for (let i = 0; i < vos.length; i++) if (vos[i].has(vo)) flags[index.shareOffset[s] + i] = 1;
    }
    index.voShares.set(vo, flags);
  }
  return flags;
}

function endpointFailure(
  e: EndpointRow,
  req: Pick<NormalizedRequirements, "interfaces">,
  outageUrls: Set<string> | null,
): number {
  if (req.interfaces.length && !req.interfaces.includes(e.interfaceName)) return BIT.INTERFACE_MISMATCH;
  if (outageUrls?.has(e.url)) return BIT.SITE_IN_DOWNTIME;
  if (e.servingState === "closed" || e.servingState === "draining") return BIT.QUEUE_CLOSED;
  if (e.healthState === "critical") return BIT.ENDPOINT_UNHEALTHY;
  return 0;
}

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
  // Without an interface filter or endpoint outages, the endpoint choice does not depend on
  // the job: it was made once per snapshot.
  if (!req.interfaces.length && !outageUrls) {
    chosen.endpoint = index.shareEndpoint[i];
    return failures | index.shareEndpointFailures[i];
  }
  const pick = pickEndpoint(index.shareEndpoints[i], req, outageUrls);
  chosen.endpoint = pick.endpoint;
  return failures | pick.failures;
}

/** The healthiest usable endpoint serving a queue (ok, then warning, then unknown; then URL). */
function pickEndpoint(
  endpoints: EndpointRow[],
  req: Pick<NormalizedRequirements, "interfaces">,
  outageUrls: Set<string> | null,
): { endpoint: EndpointRow | null; failures: number } {
  let failures = 0;
  let endpoint: EndpointRow | null = null;
  let endpointFailures = 0;
  let anyEndpoint = false;
  for (const e of endpoints) {
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
  return { endpoint, failures };
}

/** One sentence per unmet requirement, in the site's own terms. */
function explain(
  code: RejectionCode,
  caps: SiteCapabilities,
  req: NormalizedRequirements,
  detail: RejectionDetail,
): string {
  const id = caps.site.id;
  const envs = caps.environments;
  const max = (values: (number | null)[]) => Math.max(...values.filter((v): v is number => v != null));
  switch (code) {
    case "BANNED_SITE":
      return detail && "notAllowed" in detail
        ? `${id} is not among the job's allowed sites.`
        : `${id} is in the job's banned sites.`;
    case "SITE_NOT_CERTIFIED":
      return `${id} is ${caps.site.certificationStatus.toLowerCase()} in GOCDB.`;
    case "PLATFORM_MISMATCH":
      return `needs ${req.platform}, ${id} has ${[...new Set(envs.map((e) => e.platform))].join(", ") || "no execution environment"}.`;
    case "OS_MISMATCH":
      return `needs ${req.osFamily}, ${id} runs ${[...new Set(envs.map((e) => e.osFamily))].join(", ")}.`;
    case "NO_GPU": {
      const gpus = envs.filter((e) => e.gpuCount > 0).map((e) => `${e.gpuCount}× ${e.gpuModel}`);
      return `needs ${req.gpus}× ${req.gpuModel ?? "GPU"} per node, ${id} has ${gpus.join(", ") || "no GPUs"}.`;
    }
    case "MISSING_SOFTWARE": {
      const sw = req.software[detail && "software" in detail ? detail.software : 0];
      const have = caps.applications
        .filter((a) => a.name.toLowerCase() === sw.name.toLowerCase())
        .map((a) => a.version ?? "unversioned")
        .join(", ");
      return `needs ${sw.name}${sw.text ? ` ${sw.text}` : ""}, ${id} ${have ? `has ${sw.name} ${have}` : `does not offer ${sw.name}`}.`;
    }
    case "NO_CONTAINER_RUNTIME":
      return `needs ${req.containerRuntime}, ${id} offers no such container runtime.`;
    case "NO_MATCHING_QUEUE": {
      const closest = (detail as { closest: ShareCheck }).closest;
      const failing = SHARE_CODES.filter((c) => closest.failures & BIT[c]).join(", ");
      return `no single queue at ${id} meets every requirement; ${closest.share.name} fails on ${failing}.`;
    }
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
      return caps.shares.length === 0
        ? `${id} publishes no queue.`
        : `the compute endpoints of ${id} are draining or closed.`;
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
    if (d.severity !== "OUTAGE" || !overlaps(d, req.windowStart, req.windowEnd)) continue;
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
      reasons,
    };
  });
  return { candidates, rejected, evaluatedSites: snapshot.sites.length, generation: snapshot.generation };
}

/** Stable order: score, then site id (code-unit order), so the same request gives the same ranking. */
function ranksBefore(a: Passing, b: Passing): boolean {
  return a.score > b.score || (a.score === b.score && a.caps.site.id < b.caps.site.id);
}
