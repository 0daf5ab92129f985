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

export type RejectionCode =
  | "BANNED_SITE"
  | "SITE_NOT_CERTIFIED"
  | "VO_NOT_SUPPORTED"
  | "SITE_IN_DOWNTIME"
  | "ENDPOINT_UNHEALTHY"
  | "QUEUE_CLOSED"
  | "INTERFACE_MISMATCH"
  | "TOO_MANY_CORES"
  | "INSUFFICIENT_MEMORY"
  | "WALLTIME_EXCEEDS_LIMIT"
  | "CPUTIME_EXCEEDS_LIMIT"
  | "NO_GPU"
  | "PLATFORM_MISMATCH"
  | "OS_MISMATCH"
  | "MISSING_SOFTWARE"
  | "NO_CONTAINER_RUNTIME"
  | "MISSING_TAGS"
  | "NO_MATCHING_QUEUE";

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

interface ShareCheck {
  share: ShareRow;
  endpoint: EndpointRow | null;
  failures: Set<RejectionCode>;
}

/** Checks one share (queue) against the share-level requirements. */
function checkShare(
  caps: SiteCapabilities,
  share: ShareRow,
  req: NormalizedRequirements,
  outageUrls: Set<string>,
): ShareCheck {
  const failures = new Set<RejectionCode>();
  if (!share.vos.includes(req.vo)) failures.add("VO_NOT_SUPPORTED");
  if (share.maxSlotsPerJob != null && req.cores > share.maxSlotsPerJob) failures.add("TOO_MANY_CORES");
  if (req.memoryMb != null && share.maxMainMemory != null && req.memoryMb > share.maxMainMemory)
    failures.add("INSUFFICIENT_MEMORY");
  if (req.wallTimeSeconds != null && share.maxWallTime != null && req.wallTimeSeconds > share.maxWallTime)
    failures.add("WALLTIME_EXCEEDS_LIMIT");
  if (req.cpuTimeSeconds != null && share.maxCpuTime != null && req.cpuTimeSeconds > share.maxCpuTime)
    failures.add("CPUTIME_EXCEEDS_LIMIT");
  if (!req.tags.every((t) => share.tags.includes(t))) failures.add("MISSING_TAGS");
  const endpoints = share.endpointUrl
    ? caps.endpoints.filter((e) => e.url === share.endpointUrl)
    : caps.endpoints;
  const usable = endpoints.filter((e) => {
    if (req.interfaces.length && !req.interfaces.includes(e.interfaceName)) return false;
    if (e.healthState === "critical") return false;
    if (e.servingState === "closed" || e.servingState === "draining") return false;
    return !outageUrls.has(e.url);
  });
  if (usable.length === 0) {
    if (req.interfaces.length && !endpoints.some((e) => req.interfaces.includes(e.interfaceName)))
      failures.add("INTERFACE_MISMATCH");
    else if (endpoints.every((e) => outageUrls.has(e.url))) failures.add("SITE_IN_DOWNTIME");
    else if (endpoints.every((e) => e.servingState === "closed" || e.servingState === "draining"))
      failures.add("QUEUE_CLOSED");
    else failures.add("ENDPOINT_UNHEALTHY");
  }
  // Prefer the healthiest endpoint: ok, then warning, then unknown.
  const rank = (e: EndpointRow) => ({ ok: 0, warning: 1, unknown: 2 })[e.healthState as "ok"] ?? 3;
  const endpoint = [...usable].sort((a, b) => rank(a) - rank(b) || a.url.localeCompare(b.url))[0] ?? null;
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

function evaluateSite(
  caps: SiteCapabilities,
  req: NormalizedRequirements,
): { rejections: Rejection[]; best?: Candidate } {
  const { site } = caps;
  const rejections: Rejection[] = [];
  const reject = (code: RejectionCode, message: string) => rejections.push({ code, message });

  if (req.bannedSites.has(site.id)) reject("BANNED_SITE", `${site.id} is in the job's banned sites.`);
  if (req.allowedSites && !req.allowedSites.has(site.id))
    reject("BANNED_SITE", `${site.id} is not among the job's allowed sites.`);
  if (site.certificationStatus === "Suspended" || site.certificationStatus === "Closed") {
    reject("SITE_NOT_CERTIFIED", `${site.id} is ${site.certificationStatus.toLowerCase()} in GOCDB.`);
  }
  const outages = caps.downtimes.filter(
    (d) => d.severity === "OUTAGE" && overlaps(d, req.windowStart, req.windowEnd),
  );
  const siteOutage = outages.some((d) => d.affectedEndpoints.length === 0);
  const outageUrls = new Set(outages.flatMap((d) => d.affectedEndpoints));
  if (siteOutage) reject("SITE_IN_DOWNTIME", explain("SITE_IN_DOWNTIME", caps, req));

  // Node-level capabilities: platform, OS, GPUs, software, container runtime.
  const envs = caps.environments;
  if (req.platform && !envs.some((e) => e.platform === req.platform)) {
    reject(
      "PLATFORM_MISMATCH",
      `needs ${req.platform}, ${site.id} has ${[...new Set(envs.map((e) => e.platform))].join(", ") || "no execution environment"}.`,
    );
  }
  if (req.osFamily && !envs.some((e) => e.osFamily.toLowerCase() === req.osFamily)) {
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
    const found = caps.applications.filter((a) => a.name.toLowerCase() === name);
    if (!found.some((a) => satisfiesVersion(a.version, sw.constraint))) {
      const have = found.map((a) => a.version ?? "unversioned").join(", ");
      reject(
        "MISSING_SOFTWARE",
        `needs ${sw.name}${sw.text ? ` ${sw.text}` : ""}, ${site.id} ${have ? `has ${sw.name} ${have}` : `does not offer ${sw.name}`}.`,
      );
    }
  }
  if (req.containerRuntime) {
    const names = RUNTIME_ALIASES[req.containerRuntime] ?? [req.containerRuntime];
    if (!caps.applications.some((a) => names.includes(a.name.toLowerCase()))) {
      reject(
        "NO_CONTAINER_RUNTIME",
        `needs ${req.containerRuntime}, ${site.id} offers no such container runtime.`,
      );
    }
  }

  // Queue-level requirements: each one a site fails only when no queue meets it; a site whose
  // queues each meet some but none meets all is NO_MATCHING_QUEUE.
  const checks = caps.shares.map((s) => checkShare(caps, s, req, outageUrls));
  if (checks.length === 0) reject("QUEUE_CLOSED", `${site.id} publishes no queue.`);
  const shareCodes: RejectionCode[] = [
    "VO_NOT_SUPPORTED",
    "TOO_MANY_CORES",
    "INSUFFICIENT_MEMORY",
    "WALLTIME_EXCEEDS_LIMIT",
    "CPUTIME_EXCEEDS_LIMIT",
    "MISSING_TAGS",
    "INTERFACE_MISMATCH",
    "ENDPOINT_UNHEALTHY",
    "QUEUE_CLOSED",
    "SITE_IN_DOWNTIME",
  ];
  if (checks.length) {
    for (const code of shareCodes) {
      if (code === "SITE_IN_DOWNTIME" && siteOutage) continue;
      if (checks.every((c) => c.failures.has(code))) reject(code, explain(code, caps, req));
    }
  }
  const passing = checks.filter((c) => c.failures.size === 0 && c.endpoint);
  if (rejections.length === 0 && passing.length === 0) {
    const closest = [...checks].sort((a, b) => a.failures.size - b.failures.size)[0];
    reject(
      "NO_MATCHING_QUEUE",
      `no single queue at ${site.id} meets every requirement; ${closest.share.name} fails on ${[...closest.failures].join(", ")}.`,
    );
  }
  if (rejections.length) return { rejections };

  const warning = caps.downtimes.find(
    (d) => d.severity === "WARNING" && overlaps(d, req.windowStart, req.windowEnd),
  );
  const benchmark = Math.max(0, ...caps.environments.map((e) => e.benchmarkValue ?? 0));
  let best: Candidate | undefined;
  for (const c of passing) {
    const reasons: ScoreReason[] = [{ code: "BASE", points: SCORE.base, message: "meets every requirement" }];
    if (req.dataSites.has(site.id))
      reasons.push({
        code: "DATA_LOCAL",
        points: SCORE.dataLocality,
        message: `input data is held at ${site.id}`,
      });
    const free = Math.min(1, c.share.freeSlots / Math.max(1, req.cores * 10));
    if (free > 0)
      reasons.push({
        code: "FREE_SLOTS",
        points: round(SCORE.freeSlotsMax * free),
        message: `${c.share.freeSlots} free slots in ${c.share.name}`,
      });
    const wait = c.share.estimatedWaitingTime;
    if (wait != null && wait > 0) {
      const penalty = Math.min(SCORE.waitPenaltyMax, (wait / 600) * SCORE.waitPenaltyPer10Min);
      reasons.push({
        code: "WAITING_TIME",
        points: -round(penalty),
        message: `estimated wait ${formatDuration(wait)} in ${c.share.name}`,
      });
    }
    if (warning)
      reasons.push({
        code: "DOWNTIME_WARNING",
        points: SCORE.warningDowntime,
        message: `WARNING downtime during the job's window: ${warning.description}`,
      });
    if (c.endpoint!.healthState === "warning")
      reasons.push({
        code: "ENDPOINT_WARNING",
        points: SCORE.endpointWarning,
        message: `${c.endpoint!.url} reports health warning`,
      });
    if (c.endpoint!.healthState === "unknown")
      reasons.push({
        code: "ENDPOINT_UNKNOWN",
        points: SCORE.endpointUnknown,
        message: `${c.endpoint!.url} reports no health state`,
      });
    if (benchmark > 10) {
      reasons.push({
        code: "FAST_NODES",
        points: round(Math.min(SCORE.benchmarkMax, benchmark - 10)),
        message: `benchmark ${benchmark} per core`,
      });
    }
    const score = round(reasons.reduce((sum, r) => sum + r.points, 0));
    const candidate: Candidate = {
      site,
      endpoint: c.endpoint!,
      share: c.share,
      score,
      estimatedWaitSeconds: wait,
      reasons,
    };
    if (!best || score > best.score || (score === best.score && c.share.name < best.share.name))
      best = candidate;
  }
  return { rejections: [], best };
}

const round = (n: number) => Math.round(n * 10) / 10;

export function place(
  snapshot: RegistrySnapshot,
  req: NormalizedRequirements,
  first: number,
): PlacementResult {
  const candidates: Candidate[] = [];
  const rejected: PlacementResult["rejected"] = [];
  for (const caps of snapshot.sites) {
    const { rejections, best } = evaluateSite(caps, req);
    if (best) candidates.push(best);
    else rejected.push({ site: caps.site, reasons: rejections });
  }
  // Stable order: score, then site id, so the same request gives the same ranking.
  candidates.sort((a, b) => b.score - a.score || a.site.id.localeCompare(b.site.id));
  return {
    candidates: candidates.slice(0, first),
    rejected,
    evaluatedSites: snapshot.sites.length,
    generation: snapshot.generation,
  };
}
