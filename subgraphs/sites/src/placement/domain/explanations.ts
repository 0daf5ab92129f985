/**
 * Placement's sentences: every rejection says, in the site's own terms, what the job needs
 * and what the site offers. Written when read (see SiteRejection), never while placing.
 */
import type { NormalizedRequirements } from "./requirements";
import { BIT, SHARE_CODES, type Rejection, type RejectionCode, type ShareCheck } from "./rejection-codes";
import { downtimeOverlaps, type SiteCapabilities } from "./snapshot";
import { indexOf } from "./snapshot-index";

export function formatDuration(seconds: number): string {
  if (seconds % 86400 === 0 && seconds >= 14 * 86400) return `${seconds / 86400} days`;
  if (seconds % 3600 === 0) return `${seconds / 3600}h`;
  if (seconds >= 3600) return `${(seconds / 3600).toFixed(1)}h`;
  return `${Math.round(seconds / 60)} min`;
}
export function formatMemory(mb: number): string {
  return mb >= 1024 ? `${Number((mb / 1024).toFixed(1))} GB` : `${mb} MB`;
}

/** What a sentence needs beyond site and request: which software, which closest queue, which ban. */
export type RejectionDetail = { software: number } | { closest: ShareCheck } | { notAllowed: true } | null;

/**
 * A rejection whose sentence is written when it is read: a placement over 10,000 sites has
 * thousands, and a client that asks only for candidates (or only for codes) should not pay
 * for composing them all. The sentence depends only on the site, the request and `detail`.
 */
export class SiteRejection implements Rejection {
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
    case "CPUTIME_EXCEEDS_LIMIT": {
      const limit = formatDuration(max(caps.shares.map((s) => s.maxCpuTime)));
      if (req.cpuTimeSeconds != null)
        return `needs ${formatDuration(req.cpuTimeSeconds)} of CPU time, the most any queue at ${id} allows is ${limit}.`;
      const perCore = indexOf(caps).hs06PerCore;
      return `needs ${req.cpuWorkHs06Seconds} HS06-seconds of CPU work, ${formatDuration(Math.ceil(req.cpuWorkHs06Seconds! / perCore))} at ${id}'s ${perCore} HS06 per core; the most any queue there allows is ${limit}.`;
    }
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
    case "ENDPOINT_NOT_NAMED":
      return `${id} has none of the compute endpoints the job names (${req.endpointHosts.join(", ")}).`;
    case "ENDPOINT_UNHEALTHY":
      return `the compute endpoints of ${id} are in state critical.`;
    case "QUEUE_CLOSED":
      return caps.shares.length === 0
        ? `${id} publishes no queue.`
        : `the queues or compute endpoints of ${id} that fit are draining or closed.`;
    case "SITE_IN_DOWNTIME": {
      const d = caps.downtimes.find(
        (x) => x.severity === "OUTAGE" && downtimeOverlaps(x, req.windowStart, req.windowEnd),
      );
      return d
        ? `${id} has an OUTAGE from ${d.startsAt.toISOString()} to ${d.endsAt.toISOString()} during the job's window: ${d.description}`
        : `${id} is in an OUTAGE during the job's window.`;
    }
    default:
      return `${id}: ${code}`;
  }
}
