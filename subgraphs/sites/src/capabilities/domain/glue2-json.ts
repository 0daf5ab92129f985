/**
 * GLUE 2.0 JSON: the OGF GLUE JSON rendering (one array of objects per entity type, each with
 * `ID`, GLUE2 attribute names without the LDAP prefix, and `Associations` naming related IDs).
 * Both directions live here, so export and import cannot drift apart.
 *
 * Mapping (units as in GLUE 2.0):
 *  Site            -> AdminDomain (Name = id, Description = official name, WWW = home page;
 *                     NGI, certification, infrastructure, kind, scopes, VOs as OtherInfo key=value)
 *                     + Location (Country, Latitude, Longitude)
 *  ComputeEndpoint -> ComputingEndpoint (Capability list) under one ComputingService per site
 *  ComputeShare    -> ComputingShare (seconds, MB; Tag; OtherInfo RequiredTag=...) + MappingPolicy vo:<name>
 *  ExecutionEnv.   -> ExecutionEnvironment (MainMemorySize MB) + Benchmark + AcceleratorEnvironment (GLUE 2.1, GPUs)
 *  ApplicationEnv. -> ApplicationEnvironment (AppName, AppVersion)
 *  StorageEndpoint -> StorageService + StorageEndpoint (OtherInfo Protocol=...) + StorageServiceCapacity
 *                     (Type = access latency, sizes in GB) + AccessPolicy vo:<name>
 *  Downtime        -> Downtime: not a GLUE 2.0 entity; GOCDB's fields, a gridgraph extension.
 */

import { parseJsonDocument } from "@gridgraph/kit";
import {
  GB_PER_TB,
  readShareNumbers,
  SHARE_NUMBERS,
  voOfPolicyRule,
  writeShareNumbers,
  type ImportedDocument,
  type ImportedSiteRecord,
  type SiteRecord,
} from "./capability-document";

export type { ImportedSiteRecord, SiteRecord } from "./capability-document";

type Glue = Record<string, unknown> & { ID: string; Associations?: Record<string, string | string[]> };
export type Glue2JsonDocument = Record<string, Glue[]>;

const drop = <T extends Record<string, unknown>>(o: T) =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined)) as T;
const otherInfo = (pairs: [string, string | null | undefined][]) =>
  pairs.filter(([, v]) => v != null && v !== "").map(([k, v]) => `${k}=${v}`);

/** Site records -> GLUE 2.0 JSON. IDs are derived from natural keys, so an export is stable. */
export function toGlue2Json(records: SiteRecord[]): Glue2JsonDocument {
  const doc: Glue2JsonDocument = {
    AdminDomain: [],
    Location: [],
    ComputingService: [],
    ComputingEndpoint: [],
    ComputingShare: [],
    MappingPolicy: [],
    ExecutionEnvironment: [],
    Benchmark: [],
    AcceleratorEnvironment: [],
    ApplicationEnvironment: [],
    StorageService: [],
    StorageEndpoint: [],
    StorageServiceCapacity: [],
    AccessPolicy: [],
    Downtime: [],
  };
  for (const r of records) {
    const s = r.site;
    const domain = `urn:gridgraph:site:${s.id}`;
    const service = `${domain}:compute`;
    doc.AdminDomain.push(
      drop({
        ID: domain,
        Name: s.id,
        Description: s.officialName,
        WWW: s.homeUrl ? [s.homeUrl] : null,
        OtherInfo: [
          ...otherInfo([
            ["NGI", s.ngi],
            ["CertificationStatus", s.certificationStatus],
            ["Infrastructure", s.infrastructure],
            ["Kind", s.kind],
          ]),
          ...s.scopes.map((x) => `Scope=${x}`),
          ...s.supportedVos.map((x) => `SupportedVO=${x}`),
        ],
      }),
    );
    doc.Location.push(
      drop({
        ID: `${domain}:location`,
        Country: s.country,
        Latitude: s.latitude,
        Longitude: s.longitude,
        Associations: { DomainID: domain },
      }),
    );
    doc.ComputingService.push({
      ID: service,
      Name: `${s.id} compute`,
      Associations: { AdminDomainID: domain },
    });
    const endpointId = (url: string) => `${service}:endpoint:${url}`;
    for (const e of r.endpoints) {
      doc.ComputingEndpoint.push(
        drop({
          ID: endpointId(e.url),
          URL: e.url,
          InterfaceName: e.interfaceName,
          ImplementationName: e.implementationName,
          ImplementationVersion: e.implementationVersion,
          HealthState: e.healthState,
          ServingState: e.servingState,
          Capability: e.capabilities,
          Associations: { ComputingServiceID: service },
        }),
      );
    }
    for (const q of r.shares) {
      const id = `${service}:share:${q.name}`;
      doc.ComputingShare.push(
        drop({
          ID: id,
          MappingQueue: q.name,
          ...writeShareNumbers(q),
          Tag: q.tags,
          ServingState: q.servingState === "production" ? null : q.servingState,
          OtherInfo: q.requiredTags.map((t) => `RequiredTag=${t}`),
          Associations: (q.endpointUrl
            ? { ComputingServiceID: service, ComputingEndpointID: [endpointId(q.endpointUrl)] }
            : { ComputingServiceID: service }) as Record<string, string | string[]>,
        }),
      );
      if (q.vos.length) {
        doc.MappingPolicy.push({
          ID: `${id}:policy`,
          Scheme: "org.glite.standard",
          Rule: q.vos.map((vo) => `vo:${vo}`),
          Associations: { ShareID: id },
        });
      }
    }
    r.environments.forEach((e, i) => {
      const id = `${service}:environment:${i + 1}`;
      doc.ExecutionEnvironment.push(
        drop({
          ID: id,
          Platform: e.platform,
          OSFamily: e.osFamily,
          OSName: e.osName,
          OSVersion: e.osVersion,
          LogicalCPUs: e.logicalCpus,
          MainMemorySize: e.mainMemory,
          TotalInstances: e.totalInstances,
          Associations: { ComputingServiceID: service },
        }),
      );
      if (e.benchmarkValue != null) {
        doc.Benchmark.push(
          drop({
            ID: `${id}:benchmark`,
            Type: e.benchmarkType,
            Value: e.benchmarkValue,
            Associations: { ExecutionEnvironmentID: id },
          }),
        );
      }
      if (e.gpuCount > 0) {
        doc.AcceleratorEnvironment.push(
          drop({
            ID: `${id}:gpu`,
            Type: "GPU",
            Model: e.gpuModel,
            PhysicalAccelerators: e.gpuCount,
            Associations: { ExecutionEnvironmentID: id },
          }),
        );
      }
    });
    for (const a of r.applications) {
      doc.ApplicationEnvironment.push(
        drop({
          ID: `${service}:application:${a.name}:${a.version ?? ""}`,
          AppName: a.name,
          AppVersion: a.version,
          Associations: { ComputingServiceID: service },
        }),
      );
    }
    for (const se of r.storageEndpoints) {
      const storage = `${domain}:storage:${se.url}`;
      doc.StorageService.push({ ID: storage, Associations: { AdminDomainID: domain } });
      doc.StorageEndpoint.push({
        ID: `${storage}:endpoint`,
        URL: se.url,
        InterfaceName: se.protocols[0] ?? "unknown",
        OtherInfo: se.protocols.map((p) => `Protocol=${p}`),
        Associations: { StorageServiceID: storage },
      });
      doc.StorageServiceCapacity.push({
        ID: `${storage}:capacity`,
        Type: se.accessLatency,
        TotalSize: se.totalCapacity * GB_PER_TB,
        FreeSize: se.freeCapacity * GB_PER_TB,
        Associations: { StorageServiceID: storage },
      });
      if (se.vos.length) {
        doc.AccessPolicy.push({
          ID: `${storage}:policy`,
          Scheme: "org.glite.standard",
          Rule: se.vos.map((vo) => `vo:${vo}`),
          Associations: { EndpointID: `${storage}:endpoint` },
        });
      }
    }
    r.downtimes.forEach((d, i) => {
      doc.Downtime.push({
        ID: `${domain}:downtime:${i + 1}`,
        Severity: d.severity,
        Classification: d.classification,
        StartDate: d.startsAt.toISOString(),
        EndDate: d.endsAt.toISOString(),
        Description: d.description,
        AffectedEndpoints: d.affectedEndpoints,
        Associations: { AdminDomainID: domain },
      });
    });
  }
  return doc;
}

/** A GLUE 2.0 JSON document that cannot be read at all (not JSON, not objects of entities). */
export class Glue2JsonError extends Error {}

/** Attributes every GLUE2 entity may carry, read or knowingly ignored. */
const COMMON = [
  "ID",
  "Associations",
  "CreationTime",
  "Validity",
  "BaseType",
  "Name",
  "OtherInfo",
  "Description",
];
const ENDPOINT = [
  "URL",
  "InterfaceName",
  "InterfaceVersion",
  "InterfaceExtension",
  "ImplementationName",
  "ImplementationVersion",
  "Implementor",
  "HealthState",
  "HealthStateInfo",
  "ServingState",
  "Capability",
  "QualityLevel",
  "Technology",
  "Semantics",
  "SupportedProfile",
  "WSDL",
  "StartTime",
  "IssuerCA",
  "TrustedCA",
  "DowntimeInfo",
  "DowntimeAnnounce",
  "DowntimeStart",
  "DowntimeEnd",
  "Authentication",
];
const SERVICE = ["Type", "QualityLevel", "Capability", "Complexity", "StatusInfo", "ServiceAUP"];
const JOB_COUNTS = [
  "TotalJobs",
  "RunningJobs",
  "WaitingJobs",
  "StagingJobs",
  "SuspendedJobs",
  "PreLRMSWaitingJobs",
];
const VM_COUNTS = ["TotalVM", "RunningVM", "SuspendedVM", "HaltedVM"];

/**
 * The entity types read, with their attributes (beyond COMMON). GLUE 2.1's cloud entities
 * (what EGI's cloud-info-provider publishes) are read as their compute counterparts:
 * CloudComputingEndpoint as an endpoint, Share as a queue (its project), CloudComputingInstanceType
 * (a flavour) as a node type, CloudComputingImage as software the site offers.
 */
const ATTRIBUTES: Record<string, string[]> = {
  AdminDomain: ["WWW", "Distributed", "Owner"],
  Location: ["Country", "Latitude", "Longitude", "Address", "Place", "PostCode"],
  Contact: ["Detail", "Type"],
  ComputingService: [...SERVICE, ...JOB_COUNTS],
  CloudComputingService: [...SERVICE, ...VM_COUNTS],
  ComputingManager: [
    "ProductName",
    "ProductVersion",
    "Reservation",
    "BulkSubmission",
    "TotalPhysicalCPUs",
    "TotalLogicalCPUs",
    "TotalSlots",
    "SlotsUsedByLocalJobs",
    "SlotsUsedByGridJobs",
    "Homogeneous",
    "NetworkInfo",
    "LogicalCPUDistribution",
    "WorkingAreaShared",
    "WorkingAreaGuaranteed",
    "WorkingAreaTotal",
    "WorkingAreaFree",
    "WorkingAreaLifeTime",
    "CacheTotal",
    "CacheFree",
    "TmpDir",
    "ScratchDir",
    "ApplicationDir",
  ],
  CloudComputingManager: [
    "TotalCPUs",
    "TotalRAM",
    "InstanceMaxCPU",
    "InstanceMinCPU",
    "InstanceMaxRAM",
    "InstanceMinRAM",
    "ManagerFailover",
    "ManagerLiveMigration",
    "ManagerVMBackupRestore",
    "ProductName",
    "ProductVersion",
  ],
  ComputingEndpoint: [...ENDPOINT, "Staging", "JobDescription", ...JOB_COUNTS],
  CloudComputingEndpoint: ENDPOINT,
  ComputingShare: [
    "MappingQueue",
    ...SHARE_NUMBERS.map(([, attribute]) => attribute),
    "Tag",
    ...JOB_COUNTS,
    "LocalRunningJobs",
    "LocalWaitingJobs",
    "MaxRunningJobs",
    "MaxWaitingJobs",
    "MaxTotalJobs",
    "MaxUserRunningJobs",
    "MaxPreLRMSWaitingJobs",
    "DefaultWallTime",
    "DefaultCPUTime",
    "MinWallTime",
    "MinCPUTime",
    "MaxVirtualMemory",
    "MaxDiskSpace",
    "ServingState",
    "SchedulingPolicy",
    "Preemption",
    "RequestedSlots",
  ],
  Share: [
    "InstanceMaxCPU",
    "InstanceMaxRAM",
    "SLA",
    ...VM_COUNTS,
    "MaxVM",
    "NetworkInfo",
    "DefaultNetworkType",
    "PublicNetworkName",
    "ProjectID",
  ],
  MappingPolicy: ["Scheme", "Rule", "PolicyRule"],
  AccessPolicy: ["Scheme", "Rule", "PolicyRule"],
  ExecutionEnvironment: [
    "Platform",
    "OSFamily",
    "OSName",
    "OSVersion",
    "LogicalCPUs",
    "MainMemorySize",
    "TotalInstances",
    "UsedInstances",
    "UnavailableInstances",
    "PhysicalCPUs",
    "CPUMultiplicity",
    "CPUModel",
    "CPUVendor",
    "CPUVersion",
    "CPUClockSpeed",
    "CPUTimeScalingFactor",
    "WallTimeScalingFactor",
    "VirtualMemorySize",
    "VirtualMachine",
    "ConnectivityIn",
    "ConnectivityOut",
    "NetworkInfo",
  ],
  CloudComputingInstanceType: ["Platform", "CPU", "RAM", "Disk", "NetworkIn", "NetworkOut", "NetworkInfo"],
  Benchmark: ["Type", "Value"],
  AcceleratorEnvironment: [
    "Type",
    "Model",
    "Vendor",
    "PhysicalAccelerators",
    "LogicalAccelerators",
    "Memory",
  ],
  CloudComputingVirtualAccelerator: ["Type", "Model", "Vendor", "Number", "Memory"],
  ApplicationEnvironment: ["AppName", "AppVersion", "State", "Repository", "RemovalDate", "License"],
  CloudComputingImage: ["MarketPlaceURL", "OSPlatform", "OSName", "OSVersion", "AccessInfo"],
  StorageService: SERVICE,
  StorageEndpoint: ENDPOINT,
  StorageServiceCapacity: ["Type", "TotalSize", "FreeSize", "UsedSize", "ReservedSize"],
  Downtime: ["Severity", "Classification", "StartDate", "EndDate", "AffectedEndpoints"],
};
/** Which part of a record each GLUE2 type fills: its presence means that part is stated in full. */
const PART_OF: Record<string, string> = {
  ComputingEndpoint: "ComputingEndpoint",
  CloudComputingEndpoint: "ComputingEndpoint",
  ComputingShare: "ComputingShare",
  Share: "ComputingShare",
  ExecutionEnvironment: "ExecutionEnvironment",
  CloudComputingInstanceType: "ExecutionEnvironment",
  ApplicationEnvironment: "ApplicationEnvironment",
  CloudComputingImage: "ApplicationEnvironment",
  StorageEndpoint: "StorageEndpoint",
  Downtime: "Downtime",
};
/** Association keys whose values may name a site directly (GLUE 2.1 publishers write `"AdminDomain": ["BIFI"]`). */
const DOMAIN_KEYS = new Set(["AdminDomain", "AdminDomainID", "DomainID"]);

/**
 * GLUE 2.0 JSON -> site records, with warnings for whatever was not used. Entities are tied
 * together the ways real publishers write it: `Associations` under any key (`ServiceID`,
 * `ComputingServiceID`, `ManagerID`, `Share`, `CloudComputingEndpoint`...), in either direction,
 * and direct reference attributes (`...ID` naming another entity). Everything connected to one
 * AdminDomain is that site's; what connects to none belongs to `siteId` when the import names
 * one (most site-level publishers write no AdminDomain at all).
 */
export function fromGlue2Json(text: string, siteId: string | null = null): ImportedDocument {
  let parsed: unknown;
  try {
    parsed = parseJsonDocument(text);
  } catch (error) {
    throw new Glue2JsonError(`The document is not JSON: ${(error as Error).message}.`);
  }
  if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) {
    throw new Glue2JsonError(
      'A GLUE 2.0 JSON document is an object with one array per entity type, e.g. { "ComputingShare": [...] }.',
    );
  }
  const warnings: string[] = [];
  const typeOf = new Map<Glue, string>();
  const byId = new Map<string, Glue>();
  const present = new Set<string>();
  for (const [type, value] of Object.entries(parsed as Record<string, unknown>)) {
    if (!(type in ATTRIBUTES)) {
      const count = Array.isArray(value) ? value.length : 1;
      warnings.push(`Entity type ${type} (${count}) is not imported.`);
      continue;
    }
    if (PART_OF[type]) present.add(PART_OF[type]);
    const list = Array.isArray(value) ? value : [value];
    list.forEach((o, i) => {
      if (!o || typeof o !== "object" || typeof (o as Glue).ID !== "string") {
        warnings.push(`${type}[${i}] has no ID; skipped.`);
        return;
      }
      const entity = o as Glue;
      for (const key of Object.keys(entity)) {
        if (!COMMON.includes(key) && !ATTRIBUTES[type].includes(key) && !/ID$/.test(key))
          warnings.push(`Unknown attribute ${key} of ${type} ${entity.ID} ignored.`);
      }
      typeOf.set(entity, type);
      byId.set(entity.ID, entity);
    });
  }
  const str = (v: unknown): string | null =>
    v === undefined || v === null || v === "" || v === "UNKNOWN" ? null : String(v);
  const list = (v: unknown): string[] =>
    v === undefined || v === null ? [] : Array.isArray(v) ? v.map(String) : [String(v)];
  const num = (e: Glue, key: string, signed = false): number | null => {
    const v = e[key];
    if (v === undefined || v === null || v === "" || v === "UNKNOWN") return null;
    const n = typeof v === "number" ? v : Number(v);
    // GLUE2 publishers use 999999999 and negative numbers for "undefined" counts and limits;
    // stored as no value. Coordinates are signed (west of Greenwich, south of the equator).
    if (!Number.isFinite(n) || (!signed && (n < 0 || n >= 999_999_999))) {
      warnings.push(`${key} = ${JSON.stringify(v)} of ${e.ID} read as "no value".`);
      return null;
    }
    return n;
  };
  /** OtherInfo as `key=value` strings (GLUE 2.0) or as an object (cloud-info-provider). */
  const info = (e: Glue, key: string): string[] => {
    const other = e.OtherInfo;
    if (other && typeof other === "object" && !Array.isArray(other)) {
      const v = (other as Record<string, unknown>)[key];
      return v === undefined || v === null ? [] : list(v);
    }
    return list(other)
      .map((x) => /^([^=]+)=(.*)$/.exec(x))
      .filter((m): m is RegExpExecArray => !!m && m[1] === key)
      .map((m) => m[2]);
  };

  // The reference graph, both directions: a share names its endpoint, or the endpoint its shares.
  const neighbours = new Map<Glue, Set<Glue>>();
  const link = (a: Glue, b: Glue) => {
    if (a === b) return;
    (neighbours.get(a) ?? neighbours.set(a, new Set()).get(a)!).add(b);
    (neighbours.get(b) ?? neighbours.set(b, new Set()).get(b)!).add(a);
  };
  const domainHints = new Map<Glue, string[]>();
  for (const [e] of typeOf) {
    const refs: [string, unknown][] = [
      ...Object.entries(e.Associations ?? {}),
      ...Object.entries(e).filter(([k]) => k !== "ID" && /ID$/.test(k)),
    ];
    for (const [key, value] of refs)
      for (const id of list(value)) {
        const other = byId.get(id);
        if (other) link(e, other);
        else if (DOMAIN_KEYS.has(key)) domainHints.set(e, [...(domainHints.get(e) ?? []), id]);
      }
  }
  const near = (e: Glue, ...types: string[]) =>
    [...(neighbours.get(e) ?? [])].filter((n) => types.includes(typeOf.get(n)!));

  // Connected groups of entities; each belongs to the site its AdminDomain (or hint) names. A group
  // tied to none belongs to the site being imported, unless the document names other sites.
  const allDomains = [...typeOf].filter(([, t]) => t === "AdminDomain").map(([d]) => str(d.Name) ?? d.ID);
  const fallback = siteId && allDomains.every((name) => name === siteId) ? siteId : null;
  const siteOf = new Map<Glue, string>();
  const domainOf = new Map<string, Glue>();
  const seen = new Set<Glue>();
  for (const [start] of typeOf) {
    if (seen.has(start)) continue;
    const group: Glue[] = [];
    const queue = [start];
    seen.add(start);
    while (queue.length) {
      const e = queue.pop()!;
      group.push(e);
      for (const n of neighbours.get(e) ?? []) {
        if (seen.has(n)) continue;
        seen.add(n);
        queue.push(n);
      }
    }
    const domains = group.filter((e) => typeOf.get(e) === "AdminDomain");
    const names = [
      ...new Set([
        ...domains.map((d) => str(d.Name) ?? d.ID),
        ...group.flatMap((e) => domainHints.get(e) ?? []),
      ]),
    ];
    const site = names.length === 1 ? names[0] : names.length === 0 ? fallback : null;
    if (!site) {
      if (!group.some((e) => PART_OF[typeOf.get(e)!])) continue; // only linking entities: nothing lost
      const why = names.length
        ? `it joins several AdminDomains (${names.join(", ")})`
        : "it is tied to no AdminDomain";
      for (const e of group)
        warnings.push(`${typeOf.get(e)} ${e.ID} is not imported: ${why}, and no site was named.`);
      continue;
    }
    for (const e of group) siteOf.set(e, site);
    if (domains[0]) domainOf.set(site, domains[0]);
  }

  const origins = new WeakMap<object, string>();
  const at = <T extends object>(row: T, e: Glue): T => {
    origins.set(row, e.ID);
    return row;
  };
  const rules = (policies: Glue[]) => {
    const vos: string[] = [];
    for (const p of policies)
      for (const rule of [...list(p.Rule), ...list(p.PolicyRule)]) {
        const vo = voOfPolicyRule(rule);
        if (vo) vos.push(vo.toLowerCase());
        else warnings.push(`Policy rule '${rule}' of ${p.ID} is not a 'vo:<name>' rule; ignored.`);
      }
    return [...new Set(vos)];
  };
  const sites = [...new Set(siteOf.values())];
  const records: ImportedSiteRecord[] = sites.map((id) => {
    // In document order, so that reading an export gives back its records as they were.
    const mine = (...types: string[]) =>
      [...typeOf].filter(([e, t]) => types.includes(t) && siteOf.get(e) === id).map(([e]) => e);
    const d = domainOf.get(id);
    const location = d ? near(d, "Location")[0] : mine("Location")[0];
    const endpoints = mine("ComputingEndpoint", "CloudComputingEndpoint");
    const urlOf = new Map(endpoints.map((e) => [e, str(e.URL) ?? ""]));
    const environment = (e: Glue) => {
      const cloud = typeOf.get(e) === "CloudComputingInstanceType";
      const bench = near(e, "Benchmark")[0];
      const gpus = near(e, "AcceleratorEnvironment", "CloudComputingVirtualAccelerator").filter(
        (a) => String(a.Type ?? "GPU").toUpperCase() === "GPU",
      );
      return at(
        {
          platform: str(e.Platform) ?? "",
          osFamily: (str(e.OSFamily) ?? "linux").toLowerCase(),
          osName: str(e.OSName) ?? (cloud ? "any" : ""),
          osVersion: str(e.OSVersion) ?? (cloud ? "any" : ""),
          logicalCpus: (cloud ? num(e, "CPU") : num(e, "LogicalCPUs")) ?? 0,
          mainMemory: (cloud ? num(e, "RAM") : num(e, "MainMemorySize")) ?? 0,
          totalInstances: num(e, "TotalInstances") ?? 1,
          gpuModel: gpus[0] ? str(gpus[0].Model) : null,
          gpuCount: gpus.reduce((n, g) => n + (num(g, "PhysicalAccelerators") ?? num(g, "Number") ?? 0), 0),
          benchmarkType: bench ? str(bench.Type) : null,
          benchmarkValue: bench ? num(bench, "Value") : null,
        },
        e,
      );
    };
    return {
      site: {
        id,
        // What the document does not say stays as the registry has it (undefined = no change).
        officialName: d ? (str(d.Description) ?? undefined) : undefined,
        ngi: d ? info(d, "NGI")[0] : undefined,
        country: str(location?.Country) ?? undefined,
        latitude: location && "Latitude" in location ? num(location, "Latitude", true) : undefined,
        longitude: location && "Longitude" in location ? num(location, "Longitude", true) : undefined,
        certificationStatus: d ? info(d, "CertificationStatus")[0] : undefined,
        infrastructure: d ? info(d, "Infrastructure")[0] : undefined,
        kind: d ? info(d, "Kind")[0] : undefined,
        scopes: d && info(d, "Scope").length ? info(d, "Scope") : undefined,
        supportedVos: d && info(d, "SupportedVO").length ? info(d, "SupportedVO") : undefined,
        homeUrl: d && d.WWW !== undefined ? (list(d.WWW)[0] ?? null) : undefined,
      },
      endpoints: endpoints.map((e) =>
        at(
          {
            url: urlOf.get(e)!,
            interfaceName: str(e.InterfaceName) ?? "",
            implementationName: str(e.ImplementationName) ?? "",
            implementationVersion: str(e.ImplementationVersion),
            healthState: (str(e.HealthState) ?? "unknown").toLowerCase(),
            servingState: (str(e.ServingState) ?? "production").toLowerCase(),
            capabilities: list(e.Capability),
          },
          e,
        ),
      ),
      shares: mine("ComputingShare", "Share").map((q) => {
        const cloud = typeOf.get(q) === "Share";
        const names = near(q, "ComputingEndpoint", "CloudComputingEndpoint");
        if (names.length > 1)
          warnings.push(`${typeOf.get(q)} ${q.ID} names several endpoints; the first is kept.`);
        const numbers = readShareNumbers((attribute) => num(q, attribute));
        if (cloud) {
          // A cloud project: the largest instance it may start is its per-job limit.
          numbers.maxSlotsPerJob = num(q, "InstanceMaxCPU");
          numbers.maxMainMemory = num(q, "InstanceMaxRAM");
        }
        return at(
          {
            name:
              str(q.MappingQueue) ?? info(q, "project_name")[0] ?? str(q.ProjectID) ?? str(q.Name) ?? q.ID,
            endpointUrl: names.length ? (urlOf.get(names[0]) ?? null) : null,
            ...numbers,
            vos: rules(near(q, "MappingPolicy")),
            tags: list(q.Tag),
            requiredTags: info(q, "RequiredTag"),
            servingState: (str(q.ServingState) ?? "production").toLowerCase(),
          },
          q,
        );
      }),
      environments: mine("ExecutionEnvironment", "CloudComputingInstanceType").map(environment),
      applications: [
        ...mine("ApplicationEnvironment").map((a) =>
          at({ name: str(a.AppName) ?? "", version: str(a.AppVersion) }, a),
        ),
        // A VM image the site offers, by its name (what a job asks for as software).
        ...mine("CloudComputingImage").map((a) => at({ name: str(a.Name) ?? a.ID, version: null }, a)),
      ],
      storageEndpoints: mine("StorageEndpoint").map((e) => {
        const service = near(e, "StorageService")[0];
        const capacities = service ? near(service, "StorageServiceCapacity") : [];
        const capacity =
          capacities.find((c) => String(c.Type ?? "").toLowerCase() === "online") ?? capacities[0];
        const protocols = info(e, "Protocol");
        const toTb = (key: string) => {
          const gb = capacity ? num(capacity, key) : null;
          return gb === null ? 0 : gb / GB_PER_TB;
        };
        return at(
          {
            url: str(e.URL) ?? "",
            protocols: protocols.length ? protocols : list(e.InterfaceName),
            accessLatency: (str(capacity?.Type) ?? "online").toLowerCase(),
            totalCapacity: toTb("TotalSize"),
            freeCapacity: toTb("FreeSize"),
            vos: rules(near(e, "AccessPolicy")),
          },
          e,
        );
      }),
      downtimes: mine("Downtime").map((x) => ({
        severity: str(x.Severity) ?? "",
        classification: str(x.Classification) ?? "",
        startsAt: new Date(str(x.StartDate) ?? NaN),
        endsAt: new Date(str(x.EndDate) ?? NaN),
        description: str(x.Description) ?? "",
        affectedEndpoints: list(x.AffectedEndpoints),
      })),
    };
  });
  return { records, warnings, present, origins };
}
