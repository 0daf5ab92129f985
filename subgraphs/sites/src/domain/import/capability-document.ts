/** A site's capability records as read from any published format, ready to apply. */
export interface CapabilityDocument {
  endpoints: {
    glueId: string;
    url: string;
    interfaceName: string;
    implementationName: string;
    implementationVersion: string | null;
    healthState: string;
    servingState: string;
    capabilities: string[];
  }[];
  shares: {
    name: string;
    endpointGlueId: string | null;
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
  }[];
  environments: {
    platform: string;
    osFamily: string;
    osName: string;
    osVersion: string;
    logicalCpus: number;
    mainMemory: number;
    totalInstances: number;
    gpuModel: string | null;
    gpuCount: number;
    benchmarkType: string | null;
    benchmarkValue: number | null;
  }[];
  applications: { name: string; version: string | null }[];
  warnings: string[];
}
