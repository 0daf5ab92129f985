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

/**
 * What the LDIF reader gives: compute records of one site, endpoints still named by their GLUE2
 * IDs (queues refer to them by ID); storage when the dump has any; no downtimes (GOCDB's).
 */
export interface CapabilityDocument {
  endpoints: (EndpointRecord & { glueId: string })[];
  shares: (Omit<ShareRecord, "endpointUrl" | "requiredTags"> & { endpointGlueId: string | null })[];
  environments: EnvironmentRecord[];
  applications: ApplicationRecord[];
  /** Present when the dump has storage endpoints (a site BDII often publishes only compute). */
  storageEndpoints?: StorageEndpointRecord[];
  warnings: string[];
}

/** The VO of a GLUE2 policy rule `vo:<name>`; null for other rules (VOMS FQANs, DNs...). */
export function voOfPolicyRule(rule: string): string | null {
  return /^vo:(.+)$/i.exec(rule.trim())?.[1] ?? null;
}
