/**
 * Lookup structures built once per registry snapshot (snapshots are reused across queries,
 * decision 0008), so that one placement over 10,000 sites reads arrays by position instead of
 * scanning lists or probing thousands of small maps.
 */
import { pickEndpoint } from "./endpoints";
import type { EndpointRow, RegistrySnapshot, SiteCapabilities } from "./snapshot";

/**
 * Per-site lookup structures, built once per snapshot (snapshots are reused across queries):
 * sets instead of array scans, each queue's endpoints resolved, the best benchmark.
 */
export interface SiteIndex {
  shareVos: Set<string>[];
  shareEndpoints: EndpointRow[][];
  /** Each queue's endpoint and endpoint failures for jobs without interface filter or outages. */
  shareEndpoint: (EndpointRow | null)[];
  shareEndpointFailures: number[];
  platforms: Set<string>;
  osFamilies: Set<string>;
  apps: Map<string, (string | null)[]>;
  benchmark: number;
  /** HS06 per core of the site's best node type; 0 when it publishes no HS06-scale benchmark. */
  hs06PerCore: number;
}
/**
 * A node type's benchmark on the HEP-SPEC06 scale: HEP-SPEC06 and HEPscore23 (normalised to it)
 * as published, SPECint2000 divided by 250 (WLCG's conversion); other benchmarks: unknown (0).
 */
function hs06(e: { benchmarkType: string | null; benchmarkValue: number | null }): number {
  const type = (e.benchmarkType ?? "").toLowerCase().replace(/[^a-z0-9]/g, "");
  const value = e.benchmarkValue ?? 0;
  if (/^(hepspec06|hs06|hepscore23|hepscore)$/.test(type)) return value;
  if (/^(specint2000|si2k|si00)$/.test(type)) return value / 250;
  return 0;
}
const indexes = new WeakMap<SiteCapabilities, SiteIndex>();
export function indexOf(caps: SiteCapabilities): SiteIndex {
  let index = indexes.get(caps);
  if (!index) {
    const apps = new Map<string, (string | null)[]>();
    for (const a of caps.applications) {
      const key = a.name.toLowerCase();
      apps.set(key, [...(apps.get(key) ?? []), a.version]);
    }
    const shareEndpoints = caps.shares.map((s) =>
      s.endpointUrl ? caps.endpoints.filter((e) => e.url === s.endpointUrl) : caps.endpoints,
    );
    const picks = shareEndpoints.map((endpoints) =>
      pickEndpoint(endpoints, { interfaces: [], endpointHosts: [] }, null),
    );
    index = {
      shareVos: caps.shares.map((s) => new Set(s.vos)),
      shareEndpoints,
      shareEndpoint: picks.map((p) => p.endpoint),
      shareEndpointFailures: picks.map((p) => p.failures),
      platforms: new Set(caps.environments.map((e) => e.platform)),
      osFamilies: new Set(caps.environments.map((e) => e.osFamily.toLowerCase())),
      apps,
      benchmark: Math.max(0, ...caps.environments.map((e) => e.benchmarkValue ?? 0)),
      hs06PerCore: Math.max(0, ...caps.environments.map(hs06)),
    };
    indexes.set(caps, index);
  }
  return index;
}

/**
 * Registry-wide lookup structures, built once per snapshot: each site's SiteIndex in an array
 * (no per-site WeakMap lookup per query), every queue's position in one numbering, and inverted
 * indexes (application -> versions per site; VO -> which queues map it, built on first use).
 * A query then reads arrays by position instead of probing 10,000 small maps and sets.
 */
export interface SnapshotIndex {
  sites: SiteIndex[];
  shareOffset: Int32Array;
  shareCount: number;
  appVersions: Map<string, (string | null)[][]>;
  voShares: Map<string, Uint8Array>;
}
const snapshotIndexes = new WeakMap<RegistrySnapshot, SnapshotIndex>();
export function snapshotIndexOf(snapshot: RegistrySnapshot): SnapshotIndex {
  let index = snapshotIndexes.get(snapshot);
  if (!index) {
    const shareOffset = new Int32Array(snapshot.sites.length);
    const appVersions = new Map<string, (string | null)[][]>();
    let shareCount = 0;
    const sites = snapshot.sites.map((caps, i) => {
      shareOffset[i] = shareCount;
      shareCount += caps.shares.length;
      const site = indexOf(caps);
      for (const [name, versions] of site.apps) {
        let perSite = appVersions.get(name);
        if (!perSite) appVersions.set(name, (perSite = []));
        perSite[i] = versions;
      }
      return site;
    });
    index = { sites, shareOffset, shareCount, appVersions, voShares: new Map() };
    snapshotIndexes.set(snapshot, index);
  }
  return index;
}
export function voSharesOf(snapshot: RegistrySnapshot, index: SnapshotIndex, vo: string): Uint8Array {
  let flags = index.voShares.get(vo);
  if (!flags) {
    flags = new Uint8Array(index.shareCount);
    for (let s = 0; s < index.sites.length; s++) {
      const vos = index.sites[s].shareVos;
      for (let i = 0; i < vos.length; i++) if (vos[i].has(vo)) flags[index.shareOffset[s] + i] = 1;
    }
    index.voShares.set(vo, flags);
  }
  return flags;
}
