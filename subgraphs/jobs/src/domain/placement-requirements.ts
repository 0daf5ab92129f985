/**
 * What a job asks of placement, made from what was submitted: the one mapping used when the
 * jobs service places a job (placement.ts) and when the portal shows where a pipeline can run
 * before it is submitted (portal/src/pages/PlacementPage.tsx imports this file), so the two can
 * never disagree. Plain TypeScript with no imports: it is bundled into the browser as it is.
 */

/** The part of a submitted job that placement reads. */
export interface PlacedSpec {
  vo: string;
  cores?: number | null;
  memoryMb?: number | null;
  gpus?: number | null;
  wallTimeSeconds?: number | null;
  /** A DIRAC JDL's CPUTime: CPU work in HS06-seconds, which each site turns into its own seconds. */
  cpuWorkHs06Seconds?: number | null;
  platform?: string | null;
  requiredSoftware?: string[] | null;
  tags?: string[] | null;
  siteId?: string | null;
  allowedSites?: string[] | null;
  bannedSites?: string[] | null;
  computeEndpoints?: string[] | null;
}

/** Defaults of a job that does not say: one core, 2000 MB, one hour. */
export const JOB_DEFAULTS = { cores: 1, memoryMb: 2000, gpus: 0, wallTimeSeconds: 3600 } as const;

/** "LINC", "LINC/5.0" or "LINC>=5.0" -> what placement's software requirement takes. */
export function softwareRequirement(text: string): { name: string; version?: string } {
  const match = /^([^/<>=]+?)\s*(?:\/\s*(.+)|([<>=]=?.+))?$/.exec(text.trim());
  if (!match) return { name: text.trim() };
  const version = (match[2] ?? match[3])?.trim();
  return version ? { name: match[1], version } : { name: match[1] };
}

/** Placement's JobRequirementsInput for a job; `dataSites`: where its inputs are ONLINE. */
export function placementRequirements(spec: PlacedSpec, dataSites: string[]) {
  return {
    vo: spec.vo,
    cores: spec.cores ?? JOB_DEFAULTS.cores,
    memoryMb: spec.memoryMb ?? JOB_DEFAULTS.memoryMb,
    gpus: spec.gpus ?? JOB_DEFAULTS.gpus,
    // CPU work is compared per site with its queues' CPU time limits; a default wall time would
    // only turn away queues the work fits in.
    ...(spec.cpuWorkHs06Seconds != null && spec.wallTimeSeconds == null
      ? { cpuWorkHs06Seconds: spec.cpuWorkHs06Seconds }
      : { wallTimeSeconds: spec.wallTimeSeconds ?? JOB_DEFAULTS.wallTimeSeconds }),
    ...(spec.platform ? { platform: spec.platform } : {}),
    ...(spec.requiredSoftware?.length ? { software: spec.requiredSoftware.map(softwareRequirement) } : {}),
    ...(spec.tags?.length ? { tags: spec.tags } : {}),
    ...(spec.siteId
      ? { allowedSites: [spec.siteId] }
      : spec.allowedSites
        ? { allowedSites: spec.allowedSites }
        : {}),
    ...(spec.bannedSites?.length ? { bannedSites: spec.bannedSites } : {}),
    ...(spec.computeEndpoints?.length ? { computeEndpoints: spec.computeEndpoints } : {}),
    ...(dataSites.length ? { dataSites } : {}),
  };
}
