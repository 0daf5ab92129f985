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

const ATTRIBUTES: Record<string, string[]> = {
  AdminDomain: ["Name", "Description", "WWW", "OtherInfo", "Distributed", "Owner"],
  Location: ["Country", "Latitude", "Longitude", "Name", "Address", "Place", "PostCode"],
  ComputingService: ["Name", "Type", "QualityLevel", "Capability", "Complexity", "OtherInfo"],
  ComputingEndpoint: [
    "URL",
    "InterfaceName",
    "InterfaceVersion",
    "ImplementationName",
    "ImplementationVersion",
    "HealthState",
    "ServingState",
    "Capability",
    "QualityLevel",
    "Name",
    "Technology",
  ],
  ComputingShare: [
    "MappingQueue",
    ...SHARE_NUMBERS.map(([, attribute]) => attribute),
    "Tag",
    "OtherInfo",
    "Name",
    "Description",
  ],
  MappingPolicy: ["Scheme", "Rule"],
  AccessPolicy: ["Scheme", "Rule"],
  ExecutionEnvironment: [
    "Platform",
    "OSFamily",
    "OSName",
    "OSVersion",
    "LogicalCPUs",
    "MainMemorySize",
    "TotalInstances",
    "PhysicalCPUs",
    "CPUModel",
    "CPUVendor",
    "CPUClockSpeed",
    "VirtualMemorySize",
    "ConnectivityIn",
    "ConnectivityOut",
  ],
  Benchmark: ["Type", "Value"],
  AcceleratorEnvironment: ["Type", "Model", "Vendor", "PhysicalAccelerators", "LogicalAccelerators"],
  ApplicationEnvironment: ["AppName", "AppVersion", "State", "Description"],
  StorageService: ["Name", "Type", "Capability"],
  StorageEndpoint: ["URL", "InterfaceName", "InterfaceVersion", "OtherInfo", "HealthState", "ServingState"],
  StorageServiceCapacity: ["Type", "TotalSize", "FreeSize", "UsedSize", "ReservedSize"],
  Downtime: ["Severity", "Classification", "StartDate", "EndDate", "Description", "AffectedEndpoints"],
};
const ALWAYS = new Set(["ID", "Associations", "CreationTime", "Validity", "BaseType"]);

/** GLUE 2.0 JSON -> site records, with warnings for whatever was not used. */

export function fromGlue2Json(text: string): ImportedDocument {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new Glue2JsonError(`The document is not JSON: ${(error as Error).message}.`);
  }
  if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) {
    throw new Glue2JsonError(
      'A GLUE 2.0 JSON document is an object with one array per entity type, e.g. { "ComputingShare": [...] }.',
    );
  }
  const warnings: string[] = [];
  const doc: Record<string, Glue[]> = {};
  for (const [type, value] of Object.entries(parsed as Record<string, unknown>)) {
    if (!(type in ATTRIBUTES)) {
      warnings.push(`Entity type ${type} is not imported.`);
      continue;
    }
    const list = Array.isArray(value) ? value : [value];
    doc[type] = [];
    list.forEach((o, i) => {
      if (!o || typeof o !== "object" || typeof (o as Glue).ID !== "string") {
        warnings.push(`${type}[${i}] has no ID; skipped.`);
        return;
      }
      const entity = o as Glue;
      for (const key of Object.keys(entity)) {
        if (!ALWAYS.has(key) && !ATTRIBUTES[type].includes(key))
          warnings.push(`Unknown attribute ${key} of ${type} ${entity.ID} ignored.`);
      }
      doc[type].push(entity);
    });
  }
  const of = (type: string) => doc[type] ?? [];
  const assoc = (e: Glue, key: string): string[] => {
    const v = e.Associations?.[key];
    return v === undefined ? [] : Array.isArray(v) ? v.map(String) : [String(v)];
  };
  const str = (v: unknown): string | null => (v === undefined || v === null || v === "" ? null : String(v));
  const list = (v: unknown): string[] =>
    v === undefined || v === null ? [] : Array.isArray(v) ? v.map(String) : [String(v)];
  const num = (e: Glue, key: string, signed = false): number | null => {
    const v = e[key];
    if (v === undefined || v === null || v === "") return null;
    const n = typeof v === "number" ? v : Number(v);
    // GLUE2 publishers use 999999999 and negative numbers for "undefined" counts and limits;
    // stored as no value. Coordinates are signed (west of Greenwich, south of the equator).
    if (!Number.isFinite(n) || (!signed && (n < 0 || n >= 999_999_999))) {
      warnings.push(`${key} = ${JSON.stringify(v)} of ${e.ID} read as "no value".`);
      return null;
    }
    return n;
  };
  const info = (e: Glue, key: string) =>
    list(e.OtherInfo)
      .map((x) => /^([^=]+)=(.*)$/.exec(x))
      .filter((m): m is RegExpExecArray => !!m && m[1] === key)
      .map((m) => m[2]);
  const rules = (policies: Glue[], key: string, id: string) => {
    const vos: string[] = [];
    for (const p of policies.filter((x) => assoc(x, key).includes(id))) {
      for (const rule of list(p.Rule)) {
        const vo = voOfPolicyRule(rule);
        if (vo) vos.push(vo);
        else warnings.push(`Policy rule '${rule}' of ${p.ID} is not a 'vo:<name>' rule; ignored.`);
      }
    }
    return [...new Set(vos)];
  };

  const records: ImportedSiteRecord[] = [];
  const claimed = new Set<Glue>();
  // Where each record came from, for messages: the GLUE2 ID of the entity it was read from.
  const origins = new WeakMap<object, string>();
  const at = <T extends object>(row: T, e: Glue): T => {
    origins.set(row, e.ID);
    return row;
  };
  // Entities of a type by the IDs they associate with (built once per type and key): finding
  // a share's policies among 30,000 must not scan all of them.
  const indexes = new Map<string, Map<string, Glue[]>>();
  const linked = (type: string, key: string, ids: string | string[]): Glue[] => {
    let index = indexes.get(`${type}/${key}`);
    if (!index) {
      index = new Map();
      for (const e of of(type)) for (const id of assoc(e, key)) index.set(id, [...(index.get(id) ?? []), e]);
      indexes.set(`${type}/${key}`, index);
    }
    const found = new Set<Glue>();
    for (const id of Array.isArray(ids) ? ids : [ids]) for (const e of index.get(id) ?? []) found.add(e);
    for (const e of found) claimed.add(e);
    return [...found];
  };
  for (const d of of("AdminDomain")) {
    claimed.add(d);
    const id = str(d.Name) ?? d.ID;
    const location = linked("Location", "DomainID", d.ID)[0];
    const services = linked("ComputingService", "AdminDomainID", d.ID).map((s) => s.ID);
    const endpoints = linked("ComputingEndpoint", "ComputingServiceID", services);
    const urlOf = new Map(endpoints.map((e) => [e.ID, str(e.URL)]));
    const record: ImportedSiteRecord = {
      site: {
        id,
        // What the document does not say stays as the registry has it (undefined = no change).
        officialName: str(d.Description) ?? undefined,
        ngi: info(d, "NGI")[0],
        country: str(location?.Country) ?? undefined,
        latitude: location && "Latitude" in location ? num(location, "Latitude", true) : undefined,
        longitude: location && "Longitude" in location ? num(location, "Longitude", true) : undefined,
        certificationStatus: info(d, "CertificationStatus")[0],
        infrastructure: info(d, "Infrastructure")[0],
        kind: info(d, "Kind")[0],
        scopes: info(d, "Scope").length ? info(d, "Scope") : undefined,
        supportedVos: info(d, "SupportedVO").length ? info(d, "SupportedVO") : undefined,
        homeUrl: d.WWW === undefined ? undefined : (list(d.WWW)[0] ?? null),
      },
      endpoints: endpoints.map((e) =>
        at(
          {
            url: str(e.URL) ?? "",
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
      shares: linked("ComputingShare", "ComputingServiceID", services).map((q) => {
        const endpointIds = assoc(q, "ComputingEndpointID");
        if (endpointIds.length > 1)
          warnings.push(`ComputingShare ${q.ID} names several endpoints; the first is kept.`);
        return at(
          {
            name: str(q.MappingQueue) ?? "",
            endpointUrl: endpointIds.length ? (urlOf.get(endpointIds[0]) ?? null) : null,
            ...readShareNumbers((attribute) => num(q, attribute)),
            vos: rules(linked("MappingPolicy", "ShareID", q.ID), "ShareID", q.ID),
            tags: list(q.Tag),
            requiredTags: info(q, "RequiredTag"),
          },
          q,
        );
      }),
      environments: linked("ExecutionEnvironment", "ComputingServiceID", services).map((e) => {
        const bench = linked("Benchmark", "ExecutionEnvironmentID", e.ID)[0];
        const gpus = linked("AcceleratorEnvironment", "ExecutionEnvironmentID", e.ID).filter(
          (a) => String(a.Type ?? "GPU").toUpperCase() === "GPU",
        );
        return at(
          {
            platform: str(e.Platform) ?? "",
            osFamily: (str(e.OSFamily) ?? "").toLowerCase(),
            osName: str(e.OSName) ?? "",
            osVersion: str(e.OSVersion) ?? "",
            logicalCpus: num(e, "LogicalCPUs") ?? 0,
            mainMemory: num(e, "MainMemorySize") ?? 0,
            totalInstances: num(e, "TotalInstances") ?? 1,
            gpuModel: gpus[0] ? str(gpus[0].Model) : null,
            gpuCount: gpus.reduce((n, g) => n + (num(g, "PhysicalAccelerators") ?? 0), 0),
            benchmarkType: bench ? str(bench.Type) : null,
            benchmarkValue: bench ? num(bench, "Value") : null,
          },
          e,
        );
      }),
      applications: linked("ApplicationEnvironment", "ComputingServiceID", services).map((a) => ({
        name: str(a.AppName) ?? "",
        version: str(a.AppVersion),
      })),
      storageEndpoints: linked("StorageService", "AdminDomainID", d.ID).flatMap((s) => {
        const capacity = linked("StorageServiceCapacity", "StorageServiceID", s.ID)[0];
        return linked("StorageEndpoint", "StorageServiceID", s.ID).map((e) => {
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
              vos: rules(linked("AccessPolicy", "EndpointID", e.ID), "EndpointID", e.ID),
            },
            e,
          );
        });
      }),
      downtimes: linked("Downtime", "AdminDomainID", d.ID).map((x) => ({
        severity: str(x.Severity) ?? "",
        classification: str(x.Classification) ?? "",
        startsAt: new Date(str(x.StartDate) ?? NaN),
        endsAt: new Date(str(x.EndDate) ?? NaN),
        description: str(x.Description) ?? "",
        affectedEndpoints: list(x.AffectedEndpoints),
      })),
    };
    records.push(record);
  }
  for (const [type, list] of Object.entries(doc)) {
    for (const e of list)
      if (!claimed.has(e)) warnings.push(`${type} ${e.ID} is not tied to any AdminDomain; ignored.`);
  }
  return { records, warnings, present: new Set(Object.keys(doc)), origins };
}
