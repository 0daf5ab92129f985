import type { GatewayClient, Viewer } from "@gridgraph/kit";

const PAGE = 250;
const REPLICAS = `query JdlInputData($lfns: [String!]!) {
  datasets(filter: { lfns: $lfns }, first: ${PAGE}) { edges { node { lfn replicas { state site { id } } } } }
}`;

/**
 * The sites holding a JDL's InputData ONLINE, as the caller sees the catalogue (asked through
 * the gateway on the caller's behalf, decision 0015): what DIRAC's InputData means for
 * placement. Files the caller cannot see, or nobody can, are not counted and a warning says how
 * many; a caller who is not logged in, or a service without its delegation key, gets a warning
 * instead of data locality.
 */
export async function sitesHoldingInputData(
  gateway: GatewayClient | undefined,
  viewer: Viewer | null,
  lfns: string[],
  warnings: string[],
): Promise<string[]> {
  if (!lfns.length) return [];
  if (!viewer) {
    warnings.push(
      `InputData lists ${lfns.length} file(s); log in to have the sites holding them count as data locality.`,
    );
    return [];
  }
  if (!gateway?.configured) {
    warnings.push(
      `InputData lists ${lfns.length} file(s), but this sites service cannot ask the catalogue (SITES_DELEGATION_PRIVATE_JWK is not set).`,
    );
    return [];
  }
  const found = new Map<string, string[]>();
  for (let i = 0; i < lfns.length; i += PAGE) {
    const answer = await gateway.request<{
      datasets: {
        edges: { node: { lfn: string; replicas: { state: string; site: { id: string } | null }[] } }[];
      };
    }>(viewer, REPLICAS, { lfns: lfns.slice(i, i + PAGE) });
    for (const { node } of answer.datasets.edges)
      found.set(
        node.lfn,
        node.replicas.filter((r) => r.state === "ONLINE" && r.site).map((r) => r.site!.id),
      );
  }
  const missing = lfns.filter((lfn) => !found.has(lfn));
  if (missing.length)
    warnings.push(
      `InputData: ${missing.length} of ${lfns.length} file(s) are not in the catalogue or not visible to you (${missing
        .slice(0, 3)
        .join(", ")}${missing.length > 3 ? ", ..." : ""}); they do not count for data locality.`,
    );
  const sites = [...new Set([...found.values()].flat())].sort();
  if (found.size && !sites.length)
    warnings.push("InputData: no file has an ONLINE replica at any site; nothing counts as data locality.");
  return sites;
}
