/**
 * GLUE 2.0 LDIF (a BDII dump) -> the registry's capability records of one site. Objects read:
 * ComputingEndpoint, ComputingShare (with MappingPolicy `vo:<name>` rules), ExecutionEnvironment
 * (with Benchmark), ApplicationEnvironment. Anything else is reported, not silently dropped.
 */
import { parseLdif, type LdifEntry } from "./ldif";
import {
  GB_PER_TB,
  readShareNumbers,
  SHARE_NUMBERS,
  voOfPolicyRule,
  type CapabilityDocument,
  type StorageEndpointRecord,
} from "./capability-document";
import { platformAlias } from "../../registry/domain/record-rules";

const first = (e: LdifEntry, attr: string): string | undefined => {
  for (const [k, v] of e.attributes) if (k.toLowerCase() === attr.toLowerCase()) return v[0];
  return undefined;
};
const all = (e: LdifEntry, attr: string): string[] => {
  for (const [k, v] of e.attributes) if (k.toLowerCase() === attr.toLowerCase()) return v;
  return [];
};
const classes = (e: LdifEntry) => new Set(all(e, "objectClass").map((c) => c.toLowerCase()));

/** GLUE2Endpoint attributes, read or knowingly ignored, of compute and storage endpoints alike. */
const ENDPOINT_ATTRIBUTES = [
  "GLUE2EndpointID",
  "GLUE2EndpointURL",
  "GLUE2EndpointInterfaceName",
  "GLUE2EndpointInterfaceVersion",
  "GLUE2EndpointImplementationName",
  "GLUE2EndpointImplementationVersion",
  "GLUE2EndpointHealthState",
  "GLUE2EndpointServingState",
  "GLUE2EndpointCapability",
  "GLUE2EndpointQualityLevel",
  "GLUE2EndpointServiceForeignKey",
];

export function glue2LdifToDocument(text: string): CapabilityDocument {
  const entries = parseLdif(text);
  const warnings: string[] = [];
  const doc: CapabilityDocument = { endpoints: [], shares: [], environments: [], applications: [], warnings };
  const int = (e: LdifEntry, attr: string): number | null => {
    const v = first(e, attr);
    if (v === undefined || v === "") return null;
    const n = Number(v);
    // GLUE2 uses 999999999 and negative numbers for "undefined"; the registry stores no limit.
    if (!Number.isFinite(n) || n < 0 || n >= 999_999_999) {
      warnings.push(`${attr} = ${v} (line ${e.line}) read as "no value".`);
      return null;
    }
    return Math.round(n);
  };
  const platformOf = (value: string, line: number) => {
    const alias = platformAlias(value);
    if (alias) warnings.push(`Platform ${value} (line ${line}) read as ${alias}.`);
    return alias ?? value;
  };
  const known = new Set<string>();
  const use = (...attrs: string[]) => attrs.forEach((a) => known.add(a.toLowerCase()));
  use(
    "objectClass",
    "GLUE2EntityCreationTime",
    "GLUE2EntityValidity",
    "GLUE2EntityName",
    "GLUE2EntityOtherInfo",
  );

  const shareIds = new Map<string, number>(); // GLUE2ShareID -> index in doc.shares
  const envIds = new Map<string, number>();
  const policies: LdifEntry[] = [];
  const storageEndpoints: LdifEntry[] = [];
  const capacities: LdifEntry[] = [];
  const accessPolicies: LdifEntry[] = [];
  const benchmarks: LdifEntry[] = [];

  for (const e of entries) {
    const c = classes(e);
    if (c.has("glue2computingendpoint")) {
      use(...ENDPOINT_ATTRIBUTES);
      const url = first(e, "GLUE2EndpointURL");
      if (!url) {
        warnings.push(`ComputingEndpoint at line ${e.line} has no GLUE2EndpointURL; skipped.`);
        continue;
      }
      doc.endpoints.push({
        url,
        interfaceName: first(e, "GLUE2EndpointInterfaceName") ?? "unknown",
        implementationName: first(e, "GLUE2EndpointImplementationName") ?? "unknown",
        implementationVersion: first(e, "GLUE2EndpointImplementationVersion") ?? null,
        healthState: (first(e, "GLUE2EndpointHealthState") ?? "unknown").toLowerCase(),
        servingState: (first(e, "GLUE2EndpointServingState") ?? "production").toLowerCase(),
        glueId: first(e, "GLUE2EndpointID") ?? url,
        capabilities: [...new Set(all(e, "GLUE2EndpointCapability"))],
      });
    } else if (c.has("glue2computingshare")) {
      use(
        "GLUE2ShareID",
        "GLUE2ComputingShareMappingQueue",
        ...SHARE_NUMBERS.map(([, attribute]) => `GLUE2ComputingShare${attribute}`),
        "GLUE2ComputingShareComputingEndpointForeignKey",
        "GLUE2ComputingShareComputingServiceForeignKey",
        "GLUE2ShareResourceForeignKey",
        "GLUE2ComputingShareTag",
        "GLUE2ComputingShareExecutionEnvironmentForeignKey",
        "GLUE2ShareDescription",
      );
      const name = first(e, "GLUE2ComputingShareMappingQueue");
      if (!name) {
        warnings.push(`ComputingShare at line ${e.line} has no GLUE2ComputingShareMappingQueue; skipped.`);
        continue;
      }
      const endpointKey = first(e, "GLUE2ComputingShareComputingEndpointForeignKey");
      shareIds.set(first(e, "GLUE2ShareID") ?? name, doc.shares.length);
      doc.shares.push({
        name,
        endpointGlueId: endpointKey ?? null,
        ...readShareNumbers((attribute) => int(e, `GLUE2ComputingShare${attribute}`)),
        vos: [],
        tags: all(e, "GLUE2ComputingShareTag"),
      });
    } else if (c.has("glue2mappingpolicy")) {
      use(
        "GLUE2PolicyID",
        "GLUE2PolicyRule",
        "GLUE2PolicyScheme",
        "GLUE2PolicyUserDomainForeignKey",
        "GLUE2MappingPolicyShareForeignKey",
      );
      policies.push(e);
    } else if (c.has("glue2executionenvironment")) {
      use(
        "GLUE2ResourceID",
        "GLUE2ExecutionEnvironmentPlatform",
        "GLUE2ExecutionEnvironmentOSFamily",
        "GLUE2ExecutionEnvironmentOSName",
        "GLUE2ExecutionEnvironmentOSVersion",
        "GLUE2ExecutionEnvironmentLogicalCPUs",
        "GLUE2ExecutionEnvironmentMainMemorySize",
        "GLUE2ExecutionEnvironmentTotalInstances",
        "GLUE2ExecutionEnvironmentPhysicalCPUs",
        "GLUE2ExecutionEnvironmentCPUMultiplicity",
        "GLUE2ExecutionEnvironmentCPUVendor",
        "GLUE2ExecutionEnvironmentCPUModel",
        "GLUE2ExecutionEnvironmentCPUClockSpeed",
        "GLUE2ExecutionEnvironmentVirtualMemorySize",
        "GLUE2ExecutionEnvironmentConnectivityIn",
        "GLUE2ExecutionEnvironmentConnectivityOut",
        "GLUE2ResourceManagerForeignKey",
        "GLUE2ExecutionEnvironmentComputingManagerForeignKey",
      );
      envIds.set(first(e, "GLUE2ResourceID") ?? `line-${e.line}`, doc.environments.length);
      doc.environments.push({
        platform: platformOf(first(e, "GLUE2ExecutionEnvironmentPlatform") ?? "x86_64", e.line),
        osFamily: (first(e, "GLUE2ExecutionEnvironmentOSFamily") ?? "linux").toLowerCase(),
        osName: first(e, "GLUE2ExecutionEnvironmentOSName") ?? "unknown",
        osVersion: first(e, "GLUE2ExecutionEnvironmentOSVersion") ?? "unknown",
        logicalCpus: int(e, "GLUE2ExecutionEnvironmentLogicalCPUs") ?? 1,
        mainMemory: int(e, "GLUE2ExecutionEnvironmentMainMemorySize") ?? 0,
        totalInstances: int(e, "GLUE2ExecutionEnvironmentTotalInstances") ?? 1,
        gpuModel: null,
        gpuCount: 0,
        benchmarkType: null,
        benchmarkValue: null,
      });
    } else if (c.has("glue2benchmark")) {
      use(
        "GLUE2BenchmarkID",
        "GLUE2BenchmarkType",
        "GLUE2BenchmarkValue",
        "GLUE2BenchmarkExecutionEnvironmentForeignKey",
        "GLUE2BenchmarkComputingManagerForeignKey",
      );
      benchmarks.push(e);
    } else if (c.has("glue2applicationenvironment")) {
      use(
        "GLUE2ApplicationEnvironmentID",
        "GLUE2ApplicationEnvironmentAppName",
        "GLUE2ApplicationEnvironmentAppVersion",
        "GLUE2ApplicationEnvironmentComputingManagerForeignKey",
        "GLUE2ApplicationEnvironmentState",
      );
      const name = first(e, "GLUE2ApplicationEnvironmentAppName");
      if (name)
        doc.applications.push({ name, version: first(e, "GLUE2ApplicationEnvironmentAppVersion") ?? null });
    } else if (c.has("glue2storageendpoint")) {
      use(...ENDPOINT_ATTRIBUTES);
      if (!first(e, "GLUE2EndpointURL")) {
        warnings.push(`StorageEndpoint at line ${e.line} has no GLUE2EndpointURL; skipped.`);
        continue;
      }
      storageEndpoints.push(e);
    } else if (c.has("glue2storageservicecapacity")) {
      use(
        "GLUE2StorageServiceCapacityID",
        "GLUE2StorageServiceCapacityType",
        "GLUE2StorageServiceCapacityTotalSize",
        "GLUE2StorageServiceCapacityFreeSize",
        "GLUE2StorageServiceCapacityUsedSize",
        "GLUE2StorageServiceCapacityReservedSize",
        "GLUE2StorageServiceCapacityStorageServiceForeignKey",
      );
      capacities.push(e);
    } else if (c.has("glue2accesspolicy")) {
      use(
        "GLUE2PolicyID",
        "GLUE2PolicyRule",
        "GLUE2PolicyScheme",
        "GLUE2PolicyUserDomainForeignKey",
        "GLUE2AccessPolicyEndpointForeignKey",
      );
      accessPolicies.push(e);
    } else if (c.has("glue2storageservice")) {
      // Only ties endpoints and capacities together (by its ID); nothing of its own to keep.
      use("GLUE2ServiceID", "GLUE2ServiceType", "GLUE2ServiceCapability", "GLUE2ServiceQualityLevel");
    } else {
      const kind = [...c].filter((x) => x.startsWith("glue2") && x !== "glue2entity").at(-1) ?? "unknown"; // most specific
      warnings.push(`${kind} at line ${e.line} is not imported.`);
      continue;
    }
    for (const attr of e.attributes.keys()) {
      if (!known.has(attr.toLowerCase()))
        warnings.push(`Unknown attribute ${attr} at line ${e.line} ignored.`);
    }
  }
  // VO mapping: GLUE2PolicyRule "vo:<name>" on the MappingPolicy of each share.
  for (const p of policies) {
    const shareKey = first(p, "GLUE2MappingPolicyShareForeignKey");
    const index = shareKey === undefined ? undefined : shareIds.get(shareKey);
    if (index === undefined) {
      warnings.push(`MappingPolicy at line ${p.line} names unknown share '${shareKey}'; ignored.`);
      continue;
    }
    for (const rule of all(p, "GLUE2PolicyRule")) {
      const vo = voOfPolicyRule(rule);
      if (vo) doc.shares[index].vos.push(vo);
      else warnings.push(`Policy rule '${rule}' at line ${p.line} is not a 'vo:<name>' rule; ignored.`);
    }
  }
  for (const b of benchmarks) {
    const envKey = first(b, "GLUE2BenchmarkExecutionEnvironmentForeignKey");
    const index = envKey === undefined ? undefined : envIds.get(envKey);
    const value = Number(first(b, "GLUE2BenchmarkValue"));
    if (index === undefined || !Number.isFinite(value)) {
      warnings.push(`Benchmark at line ${b.line} is not tied to a known execution environment; ignored.`);
      continue;
    }
    doc.environments[index].benchmarkType = first(b, "GLUE2BenchmarkType") ?? null;
    doc.environments[index].benchmarkValue = value;
  }
  for (const s of doc.shares) s.vos = [...new Set(s.vos)].sort();
  if (storageEndpoints.length)
    doc.storageEndpoints = storageRecords(storageEndpoints, capacities, accessPolicies, warnings);
  return doc;
}

/**
 * Storage endpoints (GLUE2StorageEndpoint), each with its service's capacity (GLUE2 publishes
 * sizes in GB per StorageService and access latency as the capacity's Type; the registry keeps
 * TB per endpoint, preferring the online capacity) and the VOs of its GLUE2AccessPolicy rules.
 */
function storageRecords(
  endpoints: LdifEntry[],
  capacities: LdifEntry[],
  policies: LdifEntry[],
  warnings: string[],
): StorageEndpointRecord[] {
  const size = (e: LdifEntry | undefined, attr: string) => {
    const v = e ? Number(first(e, attr)) : NaN;
    return Number.isFinite(v) && v >= 0 ? v / GB_PER_TB : 0;
  };
  return endpoints.map((e) => {
    const service = first(e, "GLUE2EndpointServiceForeignKey");
    const ofService = capacities.filter(
      (c) => service && first(c, "GLUE2StorageServiceCapacityStorageServiceForeignKey") === service,
    );
    const capacity =
      ofService.find((c) => first(c, "GLUE2StorageServiceCapacityType")?.toLowerCase() === "online") ??
      ofService[0];
    if (!capacity)
      warnings.push(`StorageEndpoint at line ${e.line} has no StorageServiceCapacity; capacity 0.`);
    const id = first(e, "GLUE2EndpointID");
    const vos: string[] = [];
    for (const p of policies.filter((x) => id && first(x, "GLUE2AccessPolicyEndpointForeignKey") === id)) {
      for (const rule of all(p, "GLUE2PolicyRule")) {
        const vo = voOfPolicyRule(rule);
        if (vo) vos.push(vo);
        else warnings.push(`Policy rule '${rule}' at line ${p.line} is not a 'vo:<name>' rule; ignored.`);
      }
    }
    const latency =
      (capacity && first(capacity, "GLUE2StorageServiceCapacityType")?.toLowerCase()) || "online";
    return {
      url: first(e, "GLUE2EndpointURL")!,
      protocols: all(e, "GLUE2EndpointInterfaceName"),
      accessLatency: ["online", "nearline", "offline"].includes(latency) ? latency : "online",
      totalCapacity: size(capacity, "GLUE2StorageServiceCapacityTotalSize"),
      freeCapacity: size(capacity, "GLUE2StorageServiceCapacityFreeSize"),
      vos: [...new Set(vos)],
    };
  });
}
