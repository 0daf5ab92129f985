import type { SiteSeed } from "./sites";

/** Plain rows for the sites subgraph, built from compact SiteSeeds (shared with the synthetic generator). */
export interface SiteRecords {
  site: Record<string, unknown> & { id: string };
  endpoints: Record<string, unknown>[];
  shares: Record<string, unknown>[];
  environments: Record<string, unknown>[];
  applications: Record<string, unknown>[];
  storage: Record<string, unknown>[];
  downtimes: Record<string, unknown>[];
}

const INTERFACES = {
  htcondorce: {
    name: "org.opensciencegrid.htcondorce",
    impl: "HTCondor-CE",
    version: "23.0.6",
    url: (h: string) => `https://ce01.${h}:9619`,
  },
  arc: {
    name: "org.nordugrid.arcrest",
    impl: "ARC",
    version: "7.1.1",
    url: (h: string) => `https://arc01.${h}:443/arex`,
  },
  slurm: {
    name: "org.slurm.rest",
    impl: "Slurm",
    version: "23.11.7",
    url: (h: string) => `https://slurmrest.${h}:6820`,
  },
  openstack: {
    name: "org.openstack.nova",
    impl: "OpenStack Nova",
    version: "2024.1",
    url: (h: string) => `https://keystone.${h}:5000/v3`,
  },
} as const;

const HOUR = 3600;

export function buildSiteRecords(seed: SiteSeed, now: Date, index: number): SiteRecords {
  const ce = INTERFACES[seed.ce];
  const ceUrl = ce.url(seed.host);
  const totalCores = seed.cpus * seed.nodes;
  // Deterministic "current" load from the index, so seeds and tests agree on numbers.
  const busy = 0.35 + ((index * 37) % 55) / 100;
  const used = Math.round(totalCores * busy);
  const endpoints = [
    {
      url: ceUrl,
      interfaceName: ce.name,
      implementationName: ce.impl,
      implementationVersion: ce.version,
      healthState: index % 11 === 7 ? "warning" : "ok",
      servingState: index % 13 === 5 ? "draining" : "production",
    },
  ];
  const share = (
    name: string,
    hours: number,
    slots: number,
    memMb: number,
    fraction: number,
    tags: string[] = [],
  ) => ({
    name,
    endpointUrl: ceUrl,
    maxWallTime: hours * HOUR,
    // CPU-time limits are an HTC notion; HPC partitions limit wall time and nodes only.
    maxCpuTime: seed.kind === "HPC" ? null : hours * HOUR * Math.min(slots, 64),
    maxSlotsPerJob: slots,
    maxMainMemory: memMb,
    freeSlots: Math.round((totalCores - used) * fraction),
    usedSlots: Math.round(used * fraction),
    runningJobs: Math.round((used * fraction) / Math.max(1, Math.min(slots, 8))),
    waitingJobs: Math.round(((index * 53) % 400) * fraction),
    estimatedWaitingTime: Math.round(((index * 97) % 7200) * fraction),
    vos: seed.vos,
    tags,
  });
  const nodeMemMb = seed.memoryGb * 1024;
  let shares;
  if (seed.kind === "HPC") {
    shares = [
      share("standard", seed.maxWallHours, seed.cpus * 64, nodeMemMb * 64, 0.7),
      share("short", 2, seed.cpus * 4, nodeMemMb * 4, 0.1, ["debug"]),
    ];
    if (seed.gpu) shares.push(share("gpu", seed.maxWallHours, seed.cpus * 8, nodeMemMb * 8, 0.2, ["gpu"]));
  } else if (seed.kind === "CLOUD") {
    shares = [share("default", seed.maxWallHours, seed.cpus, nodeMemMb, 1, ["vm", "docker"])];
  } else {
    shares = [
      share("long", seed.maxWallHours, 8, 8 * 4000, 0.6, ["mcore"]),
      share("short", 4, 1, 4000, 0.25),
      share("highmem", seed.maxWallHours, seed.cpus, Math.floor(nodeMemMb * 0.9), 0.15, ["wholenode"]),
    ];
    if (seed.gpu) shares.push(share("gpu", 48, 16, 64000, 0.05, ["gpu"]));
  }
  const environments = [
    {
      platform: seed.platform ?? "x86_64",
      osFamily: "linux",
      osName: seed.os[0],
      osVersion: seed.os[1],
      logicalCpus: seed.cpus,
      mainMemory: nodeMemMb,
      gpuModel: null,
      gpuCount: 0,
      totalInstances: seed.nodes - (seed.gpu?.nodes ?? 0) || seed.nodes,
      benchmarkType: "HEPscore23",
      benchmarkValue: Math.round((14 + ((index * 7) % 9)) * 10) / 10,
    },
  ];
  if (seed.gpu) {
    environments.push({
      ...environments[0],
      gpuModel: seed.gpu.model as never,
      gpuCount: seed.gpu.count,
      totalInstances: seed.gpu.nodes,
    });
  }
  const applications = seed.software.map(([name, version]) => ({ name, version }));
  const storage = (seed.storage ?? []).map((s) => ({
    url: s.url,
    protocols: s.protocols,
    accessLatency: s.latency,
    totalCapacity: s.totalTb,
    freeCapacity: s.freeTb,
    vos: s.vos ?? seed.vos,
  }));
  const day = 24 * HOUR * 1000;
  const downtimes: Record<string, unknown>[] = [];
  // A few downtimes relative to load time, so that "in downtime now" always has examples.
  if (index % 9 === 4) {
    downtimes.push({
      severity: "OUTAGE",
      classification: "SCHEDULED",
      startsAt: new Date(now.getTime() - day / 2),
      endsAt: new Date(now.getTime() + day),
      description: "Storage and batch system upgrade; all services unavailable.",
      affectedEndpoints: [],
    });
  } else if (index % 9 === 6) {
    downtimes.push({
      severity: "WARNING",
      classification: "UNSCHEDULED",
      startsAt: new Date(now.getTime() - 2 * HOUR * 1000),
      endsAt: new Date(now.getTime() + 6 * HOUR * 1000),
      description: "Degraded network to the storage element; transfers may be slow.",
      affectedEndpoints: storage.length ? [storage[0].url] : [ceUrl],
    });
  } else if (index % 9 === 1) {
    downtimes.push({
      severity: "OUTAGE",
      classification: "SCHEDULED",
      startsAt: new Date(now.getTime() + 7 * day),
      endsAt: new Date(now.getTime() + 7 * day + 10 * HOUR * 1000),
      description: "Compute element OS upgrade.",
      affectedEndpoints: [ceUrl],
    });
  }
  return {
    site: {
      id: seed.id,
      officialName: seed.officialName,
      ngi: seed.ngi,
      country: seed.country,
      latitude: seed.latitude,
      longitude: seed.longitude,
      certificationStatus: seed.certificationStatus ?? "Certified",
      infrastructure: seed.infrastructure ?? "Production",
      kind: seed.kind,
      scopes: seed.scopes,
      supportedVos: seed.vos,
      homeUrl: `https://www.${seed.host.split(".").slice(-2).join(".")}`,
    },
    endpoints,
    shares,
    environments,
    applications,
    storage,
    downtimes,
  };
}
