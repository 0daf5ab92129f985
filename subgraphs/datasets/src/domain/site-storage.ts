import { badInput, notFound, type GatewayClient, type Viewer } from "@gridgraph/kit";

/** A storage endpoint as the sites registry publishes it (GLUE2 StorageEndpoint). */
export interface SiteStorageEndpoint {
  url: string;
  vos: string[];
  accessLatency: "ONLINE" | "NEARLINE" | "OFFLINE";
  freeCapacity: number;
}
export interface SiteStorage {
  id: string;
  supportedVos: string[];
  storageEndpoints: SiteStorageEndpoint[];
}

const SITE_STORAGE = `query SiteStorage($id: ID!) {
  site(id: $id) { id supportedVos storageEndpoints { url vos accessLatency freeCapacity } }
}`;

/**
 * A site's storage endpoints, asked through the gateway as the caller (decision 0015): the
 * registry is the one place that knows which endpoints exist and which VOs may use them.
 */
export async function siteStorage(
  graph: GatewayClient,
  viewer: Viewer,
  siteId: string,
): Promise<SiteStorage> {
  const { site } = await graph.request<{ site: SiteStorage | null }>(viewer, SITE_STORAGE, { id: siteId });
  if (!site) throw notFound("Site", siteId);
  return site;
}

const comparable = (url: string) => url.trim().replace(/\/+$/, "").toLowerCase();

/** The endpoint of the site that `url` is, or is under; a clear refusal otherwise. */
export function endpointAt(site: SiteStorage, url: string, field: string): SiteStorageEndpoint {
  const wanted = comparable(url);
  const endpoint = site.storageEndpoints.find(
    (e) => wanted === comparable(e.url) || wanted.startsWith(`${comparable(e.url)}/`),
  );
  if (!endpoint) {
    const known = site.storageEndpoints.map((e) => e.url).join(", ") || "none";
    throw badInput(`'${url}' is not a storage endpoint of ${site.id} (its endpoints: ${known}).`, field);
  }
  return endpoint;
}

/** May this VO keep data at the endpoint? Its published VOs, else the site's. */
export function endpointServes(site: SiteStorage, endpoint: SiteStorageEndpoint, vo: string): boolean {
  const vos = endpoint.vos.length ? endpoint.vos : site.supportedVos;
  return vos.includes(vo);
}
