// Plain object types (not interfaces) so that records pass as Record<string, unknown>.
/**
 * A site's capability records as every importer reads them and the exporter writes them: the
 * registry's own field names and units (seconds, MB, TB), one type per part of the record.
 */
export type SiteDetails = {
  id: string;
  officialName: string;
  ngi: string;
  country: string;
  latitude: number | null;
  longitude: number | null;
  certificationStatus: string;
  infrastructure: string;
  kind: string;
  scopes: string[];
  supportedVos: string[];
  homeUrl: string | null;
};
export type EndpointRecord = {
  url: string;
  interfaceName: string;
  implementationName: string;
  implementationVersion: string | null;
  healthState: string;
  servingState: string;
  capabilities: string[];
};
export type ShareRecord = {
  name: string;
  endpointUrl: string | null;
  maxWallTime: number | null;
  maxCpuTime: number | null;
  maxSlotsPerJob: number | null;
  maxMainMemory: number | null;
  freeSlots: number;
  usedSlots: number;
  runningJobs: number;
  waitingJobs: number;
  estimatedWaitingTime: number | null;
  vos: string[];
  tags: string[];
  requiredTags: string[];
  /** GLUE2 ServingState of the queue: production, draining, queueing, closed. */
  servingState: string;
};
export type EnvironmentRecord = {
  platform: string;
  osFamily: string;
  osName: string;
  osVersion: string;
  logicalCpus: number;
  mainMemory: number;
  gpuModel: string | null;
  gpuCount: number;
  totalInstances: number;
  benchmarkType: string | null;
  benchmarkValue: number | null;
};
export type StorageEndpointRecord = {
  url: string;
  protocols: string[];
  accessLatency: string;
  totalCapacity: number;
  freeCapacity: number;
  vos: string[];
};
export type DowntimeRecord = {
  severity: string;
  classification: string;
  startsAt: Date;
  endsAt: Date;
  description: string;
  affectedEndpoints: string[];
};
export type ApplicationRecord = {
  name: string;
  version: string | null;
};

/** A site's whole record. */
export interface SiteRecord {
  site: SiteDetails;
  endpoints: EndpointRecord[];
  shares: ShareRecord[];
  environments: EnvironmentRecord[];
  applications: ApplicationRecord[];
  storageEndpoints: StorageEndpointRecord[];
  downtimes: DowntimeRecord[];
}

/** A site record as a document gives it: site attributes it does not state are undefined. */
export type ImportedSiteRecord = Omit<SiteRecord, "site"> & {
  site: { id: string } & { [K in keyof Omit<SiteRecord["site"], "id">]?: SiteRecord["site"][K] };
};

/**
 * What every reader (GLUE 2.0 JSON, LDIF, GOCDB) gives the one import path: site records, the
 * GLUE2 entity types whose parts the document states in full (only those are replaced), what
 * it could not use, and where each record came from (a line, an ID) for messages.
 */
export interface ImportedDocument {
  records: ImportedSiteRecord[];
  warnings: string[];
  present: Set<string>;
  origins?: WeakMap<object, string>;
}

/** The GLUE2 entity type under which each part of a record is imported and exported. */
export const COMPUTE_TYPES = [
  "ComputingEndpoint",
  "ComputingShare",
  "ExecutionEnvironment",
  "ApplicationEnvironment",
];

/** GLUE2 publishes storage sizes in GB; the registry keeps TB. */
export const GB_PER_TB = 1000;

/** The VO of a GLUE2 policy rule `vo:<name>`; null for other rules (VOMS FQANs, DNs...). */
export function voOfPolicyRule(rule: string): string | null {
  return /^vo:(.+)$/i.exec(rule.trim())?.[1] ?? null;
}

/**
 * The numbers of a GLUE2 ComputingShare and the registry's fields for them (the units agree:
 * seconds, MB, slots, jobs). Counts default to 0 when not published, limits to "no limit".
 * LDIF prefixes the attributes with `GLUE2ComputingShare`; the JSON rendering does not.
 */
export const SHARE_NUMBERS = [
  ["maxWallTime", "MaxWallTime"],
  ["maxCpuTime", "MaxCPUTime"],
  ["maxSlotsPerJob", "MaxSlotsPerJob"],
  ["maxMainMemory", "MaxMainMemory"],
  ["freeSlots", "FreeSlots"],
  ["usedSlots", "UsedSlots"],
  ["runningJobs", "RunningJobs"],
  ["waitingJobs", "WaitingJobs"],
  ["estimatedWaitingTime", "EstimatedAverageWaitingTime"],
] as const;
type ShareNumbers = Pick<ShareRecord, (typeof SHARE_NUMBERS)[number][0]>;
const COUNTS = new Set<string>(["freeSlots", "usedSlots", "runningJobs", "waitingJobs"]);

/** A share's numbers from a reader of GLUE2 attribute names (null: not published or "undefined"). */
export function readShareNumbers(read: (attribute: string) => number | null): ShareNumbers {
  return Object.fromEntries(
    SHARE_NUMBERS.map(([field, attribute]) => [field, read(attribute) ?? (COUNTS.has(field) ? 0 : null)]),
  ) as ShareNumbers;
}

/** A share's numbers under their GLUE2 attribute names. */
export function writeShareNumbers(share: ShareNumbers): Record<string, number | null> {
  return Object.fromEntries(SHARE_NUMBERS.map(([field, attribute]) => [attribute, share[field]]));
}
