/** Which compute endpoint a queue would use for a job, and why none can. */
import { hostOf, type NormalizedRequirements } from "./requirements";
import { BIT } from "./rejection-codes";
import type { EndpointRow } from "./snapshot";

const HEALTH_RANK: Record<string, number> = { ok: 0, warning: 1, unknown: 2 };

export function endpointFailure(
  e: EndpointRow,
  req: Pick<NormalizedRequirements, "interfaces" | "endpointHosts">,
  outageUrls: Set<string> | null,
): number {
  if (req.interfaces.length && !req.interfaces.includes(e.interfaceName)) return BIT.INTERFACE_MISMATCH;
  if (req.endpointHosts.length && !req.endpointHosts.includes(hostOf(e.url))) return BIT.ENDPOINT_NOT_NAMED;
  if (outageUrls?.has(e.url)) return BIT.SITE_IN_DOWNTIME;
  if (e.servingState === "closed" || e.servingState === "draining") return BIT.QUEUE_CLOSED;
  if (e.healthState === "critical") return BIT.ENDPOINT_UNHEALTHY;
  return 0;
}

/** The healthiest usable endpoint serving a queue (ok, then warning, then unknown; then URL). */
export function pickEndpoint(
  endpoints: EndpointRow[],
  req: Pick<NormalizedRequirements, "interfaces" | "endpointHosts">,
  outageUrls: Set<string> | null,
): { endpoint: EndpointRow | null; failures: number } {
  let failures = 0;
  let endpoint: EndpointRow | null = null;
  let endpointFailures = 0;
  let anyEndpoint = false;
  for (const e of endpoints) {
    anyEndpoint = true;
    const f = endpointFailure(e, req, outageUrls);
    if (f) {
      endpointFailures |= f;
      continue;
    }
    const better =
      !endpoint ||
      (HEALTH_RANK[e.healthState] ?? 3) < (HEALTH_RANK[endpoint.healthState] ?? 3) ||
      ((HEALTH_RANK[e.healthState] ?? 3) === (HEALTH_RANK[endpoint.healthState] ?? 3) &&
        e.url < endpoint.url);
    if (better) endpoint = e;
  }
  if (!endpoint) {
    // Report the most specific reason: wrong interface, else downtime, else closed, else unhealthy.
    if (!anyEndpoint) failures |= BIT.QUEUE_CLOSED;
    else if (endpointFailures & BIT.INTERFACE_MISMATCH && !(endpointFailures & ~BIT.INTERFACE_MISMATCH))
      failures |= BIT.INTERFACE_MISMATCH;
    else if (endpointFailures & BIT.INTERFACE_MISMATCH) failures |= BIT.INTERFACE_MISMATCH;
    else if (endpointFailures & BIT.ENDPOINT_NOT_NAMED) failures |= BIT.ENDPOINT_NOT_NAMED;
    else if (endpointFailures & BIT.SITE_IN_DOWNTIME) failures |= BIT.SITE_IN_DOWNTIME;
    else if (endpointFailures & BIT.QUEUE_CLOSED) failures |= BIT.QUEUE_CLOSED;
    else failures |= BIT.ENDPOINT_UNHEALTHY;
  }
  return { endpoint, failures };
}
