import { badInput } from "@gridgraph/kit";
import { parseVersionConstraint, type VersionConstraint } from "./versions";
import { PLATFORMS } from "../../registry/domain/record-rules";

export interface SoftwareRequirement {
  name: string;
  /** e.g. "5.0", ">=6.1", "<4"; absent: any version. */
  version?: string | null;
}

/** What a job needs. Units: memory MB, times seconds. */
export interface JobRequirements {
  vo: string;
  cores?: number | null;
  memoryMb?: number | null;
  gpus?: number | null;
  gpuModel?: string | null;
  wallTimeSeconds?: number | null;
  cpuTimeSeconds?: number | null;
  /**
   * CPU work in HS06-seconds (DIRAC's CPUTime): each site's CPU time limit is compared with it
   * divided by that site's benchmark per core (HEP-SPEC06, HEPscore23 or SPECint2000 / 250).
   */
  cpuWorkHs06Seconds?: number | null;
  platform?: string | null;
  osFamily?: string | null;
  software?: SoftwareRequirement[] | null;
  containerRuntime?: string | null;
  interfaces?: string[] | null;
  /** Compute endpoints the job must run through (DIRAC's GridCE): host names or URLs. */
  computeEndpoints?: string[] | null;
  tags?: string[] | null;
  allowedSites?: string[] | null;
  bannedSites?: string[] | null;
  /** Sites that hold the job's input data: placing there scores higher. */
  dataSites?: string[] | null;
  /** When the job would start (default now); with the wall time it is the window checked against downtimes. */
  startAt?: Date | null;
}

export interface NormalizedRequirements {
  vo: string;
  cores: number;
  memoryMb: number | null;
  gpus: number;
  gpuModel: string | null;
  wallTimeSeconds: number | null;
  cpuTimeSeconds: number | null;
  cpuWorkHs06Seconds: number | null;
  platform: string | null;
  osFamily: string | null;
  software: { name: string; constraint: VersionConstraint | null; text: string }[];
  containerRuntime: string | null;
  interfaces: string[];
  /** Host names of the compute endpoints the job names; empty: any. */
  endpointHosts: string[];
  tags: string[];
  allowedSites: Set<string> | null;
  bannedSites: Set<string>;
  dataSites: Set<string>;
  windowStart: number;
  windowEnd: number;
}

/** The host of `ce01.example.org`, `ce01.example.org:9619` or `https://ce01.example.org:9619/x`. */
export function hostOf(endpoint: string): string {
  const text = endpoint.trim().toLowerCase();
  try {
    return new URL(/^[a-z][a-z0-9+.-]*:\/\//.test(text) ? text : `x://${text}`).hostname;
  } catch {
    return text;
  }
}

function positive(value: number | null | undefined, field: string, min: number): number | null {
  if (value == null) return null;
  if (!Number.isInteger(value) || value < min)
    throw badInput(`'${field}' must be a whole number of at least ${min}; got ${value}.`, field);
  return value;
}

/** Checks a request and fills defaults; every problem is a BAD_USER_INPUT that says what to fix. */
export function normalizeRequirements(req: JobRequirements, now = Date.now()): NormalizedRequirements {
  if (!req.vo?.trim()) throw badInput("'vo' must name the VO the job runs as, e.g. vo.lofar.eu.", "vo");
  const platform = req.platform?.trim() || null;
  if (platform && !PLATFORMS.includes(platform)) {
    throw badInput(`'platform' must be one of ${PLATFORMS.join(", ")}; got '${platform}'.`, "platform");
  }
  const software = (req.software ?? []).map((s, i) => {
    if (!s.name?.trim()) throw badInput(`'software[${i}].name' must not be empty.`, `software.${i}.name`);
    const text = s.version?.trim() || "";
    return {
      name: s.name.trim(),
      constraint: text ? parseVersionConstraint(text, `software[${i}].version`) : null,
      text,
    };
  });
  const wall = positive(req.wallTimeSeconds, "wallTimeSeconds", 1);
  const windowStart = req.startAt ? req.startAt.getTime() : now;
  return {
    vo: req.vo.trim(),
    cores: positive(req.cores, "cores", 1) ?? 1,
    memoryMb: positive(req.memoryMb, "memoryMb", 1),
    gpus: positive(req.gpus, "gpus", 0) ?? 0,
    gpuModel: req.gpuModel?.trim() || null,
    wallTimeSeconds: wall,
    cpuTimeSeconds: positive(req.cpuTimeSeconds, "cpuTimeSeconds", 1),
    cpuWorkHs06Seconds: positive(req.cpuWorkHs06Seconds, "cpuWorkHs06Seconds", 1),
    platform,
    osFamily: req.osFamily?.trim().toLowerCase() || null,
    software,
    containerRuntime: req.containerRuntime?.trim().toLowerCase() || null,
    interfaces: (req.interfaces ?? []).map((i) => i.trim()).filter(Boolean),
    endpointHosts: (req.computeEndpoints ?? []).map(hostOf).filter(Boolean),
    tags: (req.tags ?? []).map((t) => t.trim()).filter(Boolean),
    allowedSites: req.allowedSites?.length ? new Set(req.allowedSites) : null,
    bannedSites: new Set(req.bannedSites ?? []),
    dataSites: new Set(req.dataSites ?? []),
    windowStart,
    // Without a wall time, the next hour is the window checked against downtimes.
    windowEnd: windowStart + (wall ?? 3600) * 1000,
  };
}
