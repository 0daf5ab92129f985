/**
 * GLUE 2.0 LDIF (a BDII dump, `ldapsearch -x -H ldap://site-bdii:2170 -b o=glue` with or without
 * `-LLL`) -> the site's record, for the one import path (site-records.service.ts).
 *
 * Read: AdminDomain + Location (country, coordinates, web page), ComputingEndpoint,
 * ComputingShare (+ MappingPolicy `vo:` rules), ExecutionEnvironment (+ Benchmark),
 * ApplicationEnvironment, StorageEndpoint (+ its StorageService's capacity, AccessPolicy `vo:`
 * rules). References are followed by foreign key when it names an object of the dump, and by
 * the DN tree otherwise (StoRM publishes capacity and policy keys that name nothing; the entry
 * still sits under its service or endpoint). Every object and attribute not used is reported
 * with its line; structural objects (groups, services, managers) are read silently.
 */
import { dnParts, readLdif, type LdifEntry } from "./ldif";
import {
  COMPUTE_TYPES,
  GB_PER_TB,
  readShareNumbers,
  SHARE_NUMBERS,
  voOfPolicyRule,
  type ImportedDocument,
  type ImportedSiteRecord,
  type StorageEndpointRecord,
} from "./capability-document";

/** A dump that is LDIF but holds nothing a site record can be made of. */
export class LdifContentError extends Error {}
/** A dump that does not say whose it is, read without a site id. */
export class LdifSiteUnknown extends LdifContentError {}

const first = (e: LdifEntry, attr: string): string | undefined => {
  for (const [k, v] of e.attributes) if (k.toLowerCase() === attr.toLowerCase()) return v[0]?.trim();
  return undefined;
};
const all = (e: LdifEntry, attr: string): string[] => {
  for (const [k, v] of e.attributes)
    if (k.toLowerCase() === attr.toLowerCase()) return v.map((x) => x.trim());
  return [];
};
const classes = (e: LdifEntry) => new Set(all(e, "objectClass").map((c) => c.toLowerCase()));
/** The entry's ancestor of `type` in the DN tree (e.g. the GLUE2ServiceID it sits under). */
const parentOf = (e: LdifEntry, type: string) => dnParts(e.dn).get(type.toLowerCase());

/** GLUE2Endpoint attributes, read or knowingly ignored, of compute and storage endpoints alike. */
const ENDPOINT_ATTRIBUTES = [
  "GLUE2EndpointID",
  "GLUE2EndpointURL",
  "GLUE2EndpointInterfaceName",
  "GLUE2EndpointInterfaceVersion",
  "GLUE2EndpointImplementationName",
  "GLUE2EndpointImplementationVersion",
  "GLUE2EndpointImplementor",
  "GLUE2EndpointHealthState",
  "GLUE2EndpointHealthStateInfo",
  "GLUE2EndpointServingState",
  "GLUE2EndpointCapability",
  "GLUE2EndpointQualityLevel",
  "GLUE2EndpointTechnology",
  "GLUE2EndpointSemantics",
  "GLUE2EndpointStartTime",
  "GLUE2EndpointIssuerCA",
  "GLUE2EndpointTrustedCA",
  "GLUE2EndpointDowntimeInfo",
  "GLUE2EndpointServiceForeignKey",
  "GLUE2StorageEndpointStorageServiceForeignKey",
  "GLUE2ComputingEndpointComputingServiceForeignKey",
];
/** Objects that only hold the tree together: read for their IDs, never reported as dropped. */
const STRUCTURAL = new Set(["glue2group", "glue2service", "glue2computingservice", "glue2storageservice"]);

/**
 * Reads a dump for `siteId` (or for the site it names when none is given). A dump of another
 * site, or one with no compute or storage objects (an empty BDII subtree answers just that),
 * is refused: applied, it would replace the site's records with nothing.
 */
export function readGlue2Ldif(text: string, siteId?: string | null): ImportedDocument {
  const { entries, notes } = readLdif(text);
  const warnings: string[] = [...notes];
  const origins = new WeakMap<object, string>();
  const at = <T extends object>(row: T, e: LdifEntry): T => {
    origins.set(row, `line ${e.line}`);
    return row;
  };
  const int = (e: LdifEntry, attr: string): number | null => {
    const v = first(e, attr);
    if (v === undefined || v === "") return null;
    const n = Number(v);
    // GLUE2 uses 999999999 and negative numbers for "undefined"; the registry stores no value.
    if (!Number.isFinite(n) || n < 0 || n >= 999_999_999) {
      warnings.push(`${attr} = ${v} (line ${e.line}) read as "no value".`);
      return null;
    }
    return Math.round(n);
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

  const domains: LdifEntry[] = [];
  const locations: LdifEntry[] = [];
  const computeEndpoints: LdifEntry[] = [];
  const shares: LdifEntry[] = [];
  const mappingPolicies: LdifEntry[] = [];
  const environments: LdifEntry[] = [];
  const benchmarks: LdifEntry[] = [];
  const applications: LdifEntry[] = [];
  const storageEndpoints: LdifEntry[] = [];
  const capacities: LdifEntry[] = [];
  const accessPolicies: LdifEntry[] = [];
  const services = new Set<string>();
  /** The sites services name (a resource BDII's dump sits under GLUE2GroupID=resource, no domain). */
  const serviceDomains = new Set<string>();
  let computeSeen = false;
  let storageSeen = false;
  let serviceCount = 0;

  for (const e of entries) {
    const c = classes(e);
    if (c.has("glue2admindomain")) {
      use("GLUE2DomainID", "GLUE2DomainDescription", "GLUE2DomainWWW", "GLUE2AdminDomainDistributed");
      use("GLUE2AdminDomainOwner", "GLUE2AdminDomainAdminDomainForeignKey");
      domains.push(e);
    } else if (c.has("glue2location")) {
      use("GLUE2LocationID", "GLUE2LocationCountry", "GLUE2LocationLatitude", "GLUE2LocationLongitude");
      use("GLUE2LocationName", "GLUE2LocationAddress", "GLUE2LocationPlace", "GLUE2LocationPostCode");
      use("GLUE2LocationDomainForeignKey", "GLUE2LocationServiceForeignKey");
      locations.push(e);
    } else if (c.has("glue2computingendpoint")) {
      use(...ENDPOINT_ATTRIBUTES);
      use("GLUE2ComputingEndpointStaging", "GLUE2ComputingEndpointJobDescription");
      use("GLUE2ComputingEndpointTotalJobs", "GLUE2ComputingEndpointRunningJobs");
      use("GLUE2ComputingEndpointWaitingJobs", "GLUE2ComputingEndpointStagingJobs");
      use("GLUE2ComputingEndpointSuspendedJobs", "GLUE2ComputingEndpointPreLRMSWaitingJobs");
      computeSeen = true;
      computeEndpoints.push(e);
    } else if (c.has("glue2computingshare")) {
      use("GLUE2ShareID", "GLUE2ShareDescription", "GLUE2ComputingShareMappingQueue");
      use(...SHARE_NUMBERS.map(([, attribute]) => `GLUE2ComputingShare${attribute}`));
      use("GLUE2ComputingShareComputingEndpointForeignKey", "GLUE2ComputingShareComputingServiceForeignKey");
      use("GLUE2ShareResourceForeignKey", "GLUE2ShareEndpointForeignKey", "GLUE2ShareServiceForeignKey");
      use("GLUE2ComputingShareTag", "GLUE2ComputingShareExecutionEnvironmentForeignKey");
      use(
        "GLUE2ComputingShareServingState",
        "GLUE2ComputingShareTotalJobs",
        "GLUE2ComputingShareLocalRunningJobs",
      );
      use(
        "GLUE2ComputingShareLocalWaitingJobs",
        "GLUE2ComputingShareMaxRunningJobs",
        "GLUE2ComputingShareMaxWaitingJobs",
      );
      use("GLUE2ComputingShareMaxTotalJobs", "GLUE2ComputingShareMaxUserRunningJobs");
      use("GLUE2ComputingShareDefaultWallTime", "GLUE2ComputingShareDefaultCPUTime");
      use(
        "GLUE2ComputingShareMinWallTime",
        "GLUE2ComputingShareMinCPUTime",
        "GLUE2ComputingShareMaxTotalWallTime",
      );
      use("GLUE2ComputingShareMaxTotalCPUTime", "GLUE2ComputingShareMaxVirtualMemory");
      use(
        "GLUE2ComputingShareMaxStageInStreams",
        "GLUE2ComputingShareMaxStageOutStreams",
        "GLUE2ComputingShareSchedulingPolicy",
      );
      use(
        "GLUE2ComputingShareMaxMultiSlotWallTime",
        "GLUE2ComputingShareMaxPreLRMSWaitingJobs",
        "GLUE2ComputingShareMaxDiskSpace",
      );
      use(
        "GLUE2ComputingShareDefaultStorageService",
        "GLUE2ComputingSharePreemption",
        "GLUE2ComputingShareReservationPolicy",
      );
      use(
        "GLUE2ComputingShareSuspendedJobs",
        "GLUE2ComputingSharePreLRMSWaitingJobs",
        "GLUE2ComputingShareStagingJobs",
      );
      use("GLUE2ComputingShareRequestedSlots", "GLUE2ComputingShareMappingQueue");
      computeSeen = true;
      shares.push(e);
    } else if (c.has("glue2mappingpolicy")) {
      use("GLUE2PolicyID", "GLUE2PolicyRule", "GLUE2PolicyScheme", "GLUE2PolicyUserDomainForeignKey");
      use("GLUE2MappingPolicyShareForeignKey");
      mappingPolicies.push(e);
    } else if (c.has("glue2executionenvironment")) {
      use(
        "GLUE2ResourceID",
        "GLUE2ResourceManagerForeignKey",
        "GLUE2ExecutionEnvironmentComputingManagerForeignKey",
      );
      for (const a of ["Platform", "OSFamily", "OSName", "OSVersion", "LogicalCPUs", "MainMemorySize"])
        use(`GLUE2ExecutionEnvironment${a}`);
      for (const a of [
        "TotalInstances",
        "UsedInstances",
        "UnavailableInstances",
        "PhysicalCPUs",
        "CPUMultiplicity",
      ])
        use(`GLUE2ExecutionEnvironment${a}`);
      for (const a of ["CPUVendor", "CPUModel", "CPUVersion", "CPUClockSpeed", "CPUTimeScalingFactor"])
        use(`GLUE2ExecutionEnvironment${a}`);
      for (const a of [
        "WallTimeScalingFactor",
        "VirtualMemorySize",
        "NetworkInfo",
        "ConnectivityIn",
        "ConnectivityOut",
      ])
        use(`GLUE2ExecutionEnvironment${a}`);
      computeSeen = true;
      environments.push(e);
    } else if (c.has("glue2benchmark")) {
      use("GLUE2BenchmarkID", "GLUE2BenchmarkType", "GLUE2BenchmarkValue");
      use("GLUE2BenchmarkExecutionEnvironmentForeignKey", "GLUE2BenchmarkComputingManagerForeignKey");
      benchmarks.push(e);
    } else if (c.has("glue2applicationenvironment")) {
      use(
        "GLUE2ApplicationEnvironmentID",
        "GLUE2ApplicationEnvironmentAppName",
        "GLUE2ApplicationEnvironmentAppVersion",
      );
      use("GLUE2ApplicationEnvironmentComputingManagerForeignKey", "GLUE2ApplicationEnvironmentState");
      use(
        "GLUE2ApplicationEnvironmentDescription",
        "GLUE2ApplicationEnvironmentRemovalDate",
        "GLUE2ApplicationEnvironmentLicense",
      );
      use(
        "GLUE2ApplicationEnvironmentMaxSlots",
        "GLUE2ApplicationEnvironmentMaxJobs",
        "GLUE2ApplicationEnvironmentMaxUserSeats",
      );
      use(
        "GLUE2ApplicationEnvironmentFreeSlots",
        "GLUE2ApplicationEnvironmentFreeJobs",
        "GLUE2ApplicationEnvironmentFreeUserSeats",
      );
      use(
        "GLUE2ApplicationEnvironmentRepository",
        "GLUE2ApplicationEnvironmentExecutionEnvironmentForeignKey",
      );
      computeSeen = true;
      applications.push(e);
    } else if (c.has("glue2storageendpoint")) {
      use(...ENDPOINT_ATTRIBUTES);
      storageSeen = true;
      storageEndpoints.push(e);
    } else if (c.has("glue2storageservicecapacity")) {
      use("GLUE2StorageServiceCapacityID", "GLUE2StorageServiceCapacityType");
      use("GLUE2StorageServiceCapacityTotalSize", "GLUE2StorageServiceCapacityFreeSize");
      use("GLUE2StorageServiceCapacityUsedSize", "GLUE2StorageServiceCapacityReservedSize");
      use("GLUE2StorageServiceCapacityStorageServiceForeignKey");
      capacities.push(e);
    } else if (c.has("glue2accesspolicy")) {
      use("GLUE2PolicyID", "GLUE2PolicyRule", "GLUE2PolicyScheme", "GLUE2PolicyUserDomainForeignKey");
      use("GLUE2AccessPolicyEndpointForeignKey");
      accessPolicies.push(e);
    } else if ([...c].some((x) => STRUCTURAL.has(x))) {
      const id = first(e, "GLUE2ServiceID");
      if (id) services.add(id);
      const domain = first(e, "GLUE2ServiceAdminDomainForeignKey");
      if (domain) serviceDomains.add(domain);
      if (c.has("glue2computingservice") || c.has("glue2storageservice")) serviceCount++;
      continue; // read for its ID at most; its attributes are not the registry's
    } else {
      const kind = [...c].filter((x) => x.startsWith("glue2") && x !== "glue2entity").at(-1) ?? "an entry";
      warnings.push(`${kind} at line ${e.line} is not imported.`);
      continue;
    }
    for (const attr of e.attributes.keys())
      if (!known.has(attr.toLowerCase()))
        warnings.push(`Unknown attribute ${attr} at line ${e.line} ignored.`);
  }

  // Whose dump is it: its AdminDomain, or the GLUE2DomainID its entries sit under, or else
  // (a resource BDII's dump) the AdminDomain its services name.
  const named = new Set([
    ...domains.map((d) => first(d, "GLUE2DomainID") ?? parentOf(d, "GLUE2DomainID")),
    ...entries.map((e) => parentOf(e, "GLUE2DomainID")),
  ]);
  named.delete(undefined);
  if (!named.size) serviceDomains.forEach((d) => named.add(d));
  const dumpSites = [...named] as string[];
  // Nothing importable is said first, whoever's dump it is: it never changes anything.
  if (!computeSeen && !storageSeen)
    throw new LdifContentError(
      `No GLUE2 compute or storage objects found in the dump (${entries.length} entries${serviceCount ? `, ${serviceCount} service(s) with no endpoint, queue or node type: the registry records endpoints by their URL` : ""}): nothing to import, and nothing of ${siteId ?? (dumpSites.join(", ") || "any site")} was changed.`,
    );
  if (siteId && dumpSites.length && !dumpSites.includes(siteId))
    throw new LdifContentError(
      `The dump describes site ${dumpSites.join(", ")} (GLUE2DomainID), not ${siteId}: import it for that site, or take the dump of ${siteId}'s BDII.`,
    );
  const id = siteId ?? (dumpSites.length === 1 ? dumpSites[0] : null);
  if (!id)
    throw new (dumpSites.length ? LdifContentError : LdifSiteUnknown)(
      dumpSites.length
        ? `The dump describes several sites (${dumpSites.join(", ")}); import each site's part with its id.`
        : "The dump names no site (no GLUE2DomainID): say which site it is for.",
    );

  const domain = domains.find((d) => (first(d, "GLUE2DomainID") ?? parentOf(d, "GLUE2DomainID")) === id);
  const location = locations.find(
    (l) => (first(l, "GLUE2LocationDomainForeignKey") ?? parentOf(l, "GLUE2DomainID")) === id,
  );
  const coordinate = (attr: string) => {
    const v = location ? Number(first(location, attr)) : NaN;
    return Number.isFinite(v) ? v : undefined;
  };

  // Compute: endpoints by their ID, queues naming them, VOs from mapping policies.
  const endpointUrl = new Map<string, string>();
  const endpointRows = computeEndpoints.flatMap((e) => {
    const url = first(e, "GLUE2EndpointURL");
    if (!url) {
      warnings.push(`ComputingEndpoint at line ${e.line} has no GLUE2EndpointURL; skipped.`);
      return [];
    }
    endpointUrl.set(first(e, "GLUE2EndpointID") ?? parentOf(e, "GLUE2EndpointID") ?? url, url);
    return [
      at(
        {
          url,
          interfaceName: first(e, "GLUE2EndpointInterfaceName") ?? "",
          implementationName: first(e, "GLUE2EndpointImplementationName") ?? "unknown",
          implementationVersion: first(e, "GLUE2EndpointImplementationVersion") ?? null,
          healthState: (first(e, "GLUE2EndpointHealthState") ?? "unknown").toLowerCase(),
          servingState: (first(e, "GLUE2EndpointServingState") ?? "production").toLowerCase(),
          capabilities: [...new Set(all(e, "GLUE2EndpointCapability"))],
        },
        e,
      ),
    ];
  });
  const shareIndex = new Map<string, number>();
  const shareRows = shares.flatMap((e) => {
    // HTCondor-CE and other queue-less CEs publish a share per VO with no MappingQueue: its
    // name, or else its ID, stands for the queue.
    const shareId = first(e, "GLUE2ShareID") ?? parentOf(e, "GLUE2ShareID");
    const name = first(e, "GLUE2ComputingShareMappingQueue") ?? first(e, "GLUE2EntityName") ?? shareId;
    if (!name) {
      warnings.push(`ComputingShare at line ${e.line} has no MappingQueue, name or ID; skipped.`);
      return [];
    }
    if (!first(e, "GLUE2ComputingShareMappingQueue"))
      warnings.push(
        `ComputingShare at line ${e.line} has no GLUE2ComputingShareMappingQueue; recorded as queue '${name}'.`,
      );
    const endpointKeys = all(e, "GLUE2ComputingShareComputingEndpointForeignKey");
    if (endpointKeys.length > 1)
      warnings.push(
        `ComputingShare ${name} (line ${e.line}) names ${endpointKeys.length} endpoints; the first is kept.`,
      );
    const endpoint = endpointKeys[0] && endpointUrl.get(endpointKeys[0]);
    if (endpointKeys[0] && !endpoint)
      warnings.push(
        `ComputingShare ${name} (line ${e.line}) names endpoint '${endpointKeys[0]}', which the dump does not have.`,
      );
    shareIndex.set(shareId ?? name, shareIndex.size);
    return [
      at(
        {
          name,
          endpointUrl: endpoint || null,
          ...readShareNumbers((attribute) => int(e, `GLUE2ComputingShare${attribute}`)),
          vos: [] as string[],
          tags: all(e, "GLUE2ComputingShareTag"),
          requiredTags: [] as string[],
          servingState: (first(e, "GLUE2ComputingShareServingState") ?? "production").toLowerCase(),
        },
        e,
      ),
    ];
  });
  const policyVos = (p: LdifEntry) =>
    all(p, "GLUE2PolicyRule").flatMap((rule) => {
      const vo = voOfPolicyRule(rule);
      if (!vo) warnings.push(`Policy rule '${rule}' at line ${p.line} is not a 'vo:<name>' rule; ignored.`);
      return vo ? [vo.toLowerCase()] : [];
    });
  for (const p of mappingPolicies) {
    const byKey = first(p, "GLUE2MappingPolicyShareForeignKey");
    const key = byKey !== undefined && shareIndex.has(byKey) ? byKey : parentOf(p, "GLUE2ShareID");
    const index = key === undefined ? undefined : shareIndex.get(key);
    if (index === undefined) {
      warnings.push(
        `MappingPolicy at line ${p.line} belongs to no queue of the dump ('${byKey ?? "none"}'); ignored.`,
      );
      continue;
    }
    shareRows[index].vos.push(...policyVos(p));
  }
  for (const s of shareRows) s.vos = [...new Set(s.vos)].sort();

  const environmentIndex = new Map<string, number>();
  const environmentRows = environments.map((e, i) => {
    environmentIndex.set(
      first(e, "GLUE2ResourceID") ?? parentOf(e, "GLUE2ResourceID") ?? `line-${e.line}`,
      i,
    );
    return at(
      {
        platform: first(e, "GLUE2ExecutionEnvironmentPlatform") ?? "",
        osFamily: (first(e, "GLUE2ExecutionEnvironmentOSFamily") ?? "linux").toLowerCase(),
        osName: first(e, "GLUE2ExecutionEnvironmentOSName") ?? "unknown",
        osVersion: first(e, "GLUE2ExecutionEnvironmentOSVersion") ?? "unknown",
        logicalCpus: int(e, "GLUE2ExecutionEnvironmentLogicalCPUs") ?? 0,
        mainMemory: int(e, "GLUE2ExecutionEnvironmentMainMemorySize") ?? 0,
        totalInstances: int(e, "GLUE2ExecutionEnvironmentTotalInstances") ?? 1,
        gpuModel: null as string | null,
        gpuCount: 0,
        benchmarkType: null as string | null,
        benchmarkValue: null as number | null,
      },
      e,
    );
  });
  for (const b of benchmarks) {
    const byKey = first(b, "GLUE2BenchmarkExecutionEnvironmentForeignKey");
    const key = byKey !== undefined && environmentIndex.has(byKey) ? byKey : parentOf(b, "GLUE2ResourceID");
    const index = key === undefined ? undefined : environmentIndex.get(key);
    const value = Number(first(b, "GLUE2BenchmarkValue"));
    if (index === undefined || !Number.isFinite(value)) {
      warnings.push(
        `Benchmark at line ${b.line} is not tied to an execution environment of the dump; ignored.`,
      );
      continue;
    }
    environmentRows[index].benchmarkType = first(b, "GLUE2BenchmarkType") ?? null;
    environmentRows[index].benchmarkValue = value;
  }
  const applicationRows = applications.flatMap((a) => {
    const name = first(a, "GLUE2ApplicationEnvironmentAppName");
    if (!name) warnings.push(`ApplicationEnvironment at line ${a.line} has no AppName; skipped.`);
    return name ? [at({ name, version: first(a, "GLUE2ApplicationEnvironmentAppVersion") || null }, a)] : [];
  });

  // Who may use a compute endpoint's queues is what their MappingPolicies say; the registry
  // keeps VOs per queue, so a compute endpoint's AccessPolicy adds nothing (CEs publish both).
  const storageAccessPolicies = accessPolicies.filter((p) => {
    const key = first(p, "GLUE2AccessPolicyEndpointForeignKey") ?? parentOf(p, "GLUE2EndpointID");
    if (key === undefined || !endpointUrl.has(key)) return true;
    warnings.push(
      `AccessPolicy at line ${p.line} is for compute endpoint '${key}': who may use its queues is read from their MappingPolicies; not imported.`,
    );
    return false;
  });
  const record: ImportedSiteRecord = {
    site: {
      id,
      // Only what a BDII is the source of: where the site is and its web page (decision 0014).
      country: location ? first(location, "GLUE2LocationCountry") : undefined,
      latitude: coordinate("GLUE2LocationLatitude"),
      longitude: coordinate("GLUE2LocationLongitude"),
      homeUrl: domain ? (first(domain, "GLUE2DomainWWW") ?? undefined) : undefined,
    },
    endpoints: endpointRows,
    shares: shareRows,
    environments: environmentRows,
    applications: applicationRows,
    storageEndpoints: storageRecords(
      storageEndpoints,
      capacities,
      storageAccessPolicies,
      services,
      warnings,
      origins,
      policyVos,
    ),
    downtimes: [],
  };
  const present = new Set<string>();
  if (computeSeen) COMPUTE_TYPES.forEach((t) => present.add(t));
  if (storageSeen) present.add("StorageEndpoint");
  return { records: [record], warnings, present, origins };
}

/**
 * Storage endpoints, each with its service's capacity (GLUE2 publishes GB per StorageService and
 * the access latency as the capacity's Type; the registry keeps TB per endpoint, preferring the
 * online capacity) and the VOs of its access policies. Two entries with one URL (StoRM publishes
 * its SRM endpoint under two services) are one endpoint with what both say.
 */
function storageRecords(
  endpoints: LdifEntry[],
  capacities: LdifEntry[],
  policies: LdifEntry[],
  services: Set<string>,
  warnings: string[],
  origins: WeakMap<object, string>,
  policyVos: (p: LdifEntry) => string[],
): StorageEndpointRecord[] {
  const size = (e: LdifEntry | undefined, attr: string) => {
    const v = e ? Number(first(e, attr)) : NaN;
    return Number.isFinite(v) && v >= 0 ? v / GB_PER_TB : 0;
  };
  const serviceOf = (e: LdifEntry, keyAttr: string) => {
    const key = first(e, keyAttr);
    if (key && services.has(key)) return key;
    const tree = parentOf(e, "GLUE2ServiceID");
    if (key && tree && key !== tree)
      warnings.push(
        `${keyAttr} '${key}' at line ${e.line} names no service of the dump; its place in the tree (${tree}) is used.`,
      );
    return tree ?? key;
  };
  const endpointIds = new Set(
    endpoints.map((e) => first(e, "GLUE2EndpointID") ?? parentOf(e, "GLUE2EndpointID")),
  );
  const policiesOf = new Map<string, LdifEntry[]>();
  for (const p of policies) {
    const key = first(p, "GLUE2AccessPolicyEndpointForeignKey");
    const endpoint = key && endpointIds.has(key) ? key : parentOf(p, "GLUE2EndpointID");
    if (!endpoint || !endpointIds.has(endpoint)) {
      warnings.push(
        `AccessPolicy at line ${p.line} belongs to no endpoint of the dump ('${key ?? "none"}'); ignored.`,
      );
      continue;
    }
    policiesOf.set(endpoint, [...(policiesOf.get(endpoint) ?? []), p]);
  }
  const byUrl = new Map<string, StorageEndpointRecord>();
  for (const e of endpoints) {
    const url = first(e, "GLUE2EndpointURL");
    if (!url) {
      warnings.push(`StorageEndpoint at line ${e.line} has no GLUE2EndpointURL; skipped.`);
      continue;
    }
    const service = serviceOf(e, "GLUE2EndpointServiceForeignKey");
    const ofService = capacities.filter(
      (c) => service && serviceOf(c, "GLUE2StorageServiceCapacityStorageServiceForeignKey") === service,
    );
    const capacity =
      ofService.find((c) => first(c, "GLUE2StorageServiceCapacityType")?.toLowerCase() === "online") ??
      ofService[0];
    const id = first(e, "GLUE2EndpointID") ?? parentOf(e, "GLUE2EndpointID");
    const vos = (id ? (policiesOf.get(id) ?? []) : []).flatMap(policyVos);
    const latency =
      (capacity && first(capacity, "GLUE2StorageServiceCapacityType")?.toLowerCase()) || "online";
    const row: StorageEndpointRecord = {
      url,
      protocols: all(e, "GLUE2EndpointInterfaceName"),
      accessLatency: ["online", "nearline", "offline"].includes(latency) ? latency : "online",
      totalCapacity: size(capacity, "GLUE2StorageServiceCapacityTotalSize"),
      freeCapacity: size(capacity, "GLUE2StorageServiceCapacityFreeSize"),
      vos,
    };
    const seen = byUrl.get(url);
    if (seen) {
      warnings.push(
        `StorageEndpoint ${url} appears again at line ${e.line}; read as one endpoint with what both say.`,
      );
      seen.protocols = [...new Set([...seen.protocols, ...row.protocols])];
      seen.vos = [...new Set([...seen.vos, ...row.vos])];
      if (!seen.totalCapacity && row.totalCapacity) {
        seen.totalCapacity = row.totalCapacity;
        seen.freeCapacity = row.freeCapacity;
        seen.accessLatency = row.accessLatency;
      }
      continue;
    }
    if (!capacity)
      warnings.push(`StorageEndpoint at line ${e.line} has no StorageServiceCapacity; capacity 0.`);
    origins.set(row, `line ${e.line}`);
    byUrl.set(url, row);
  }
  for (const row of byUrl.values()) row.vos = [...new Set(row.vos)];
  return [...byUrl.values()];
}
