import type { Logger } from "./logger";

export class RegistrationRejected extends Error {}

/**
 * Announces a subgraph (name, routing URL, SDL) to the registry. Retries while the
 * registry is not up yet; a composition failure is final and surfaces as an error.
 */
export async function registerSubgraph(
  registryUrl: string,
  subgraph: { name: string; url: string; sdl: string },
  logger: Logger,
  /** This subgraph's registry secret (REGISTRY_SECRET). */
  secret: string,
  timeoutMs = 30_000,
  /** Who approves a breaking change that clients used (REGISTRY_APPROVED_BY); none: refused. */
  approvedBy?: string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`${registryUrl}/subgraphs/${encodeURIComponent(subgraph.name)}`, {
        method: "PUT",
        headers: { "content-type": "application/json", authorization: `Bearer ${secret}` },
        body: JSON.stringify({
          url: subgraph.url,
          sdl: subgraph.sdl,
          ...(approvedBy
            ? { approval: { by: approvedBy, reason: "approved at start (REGISTRY_APPROVED_BY)" } }
            : {}),
        }),
      });
      const body = (await res.json().catch(() => ({}))) as { errors?: (string | { message: string })[] };
      if (res.ok) {
        const { status, warnings } = body as { status?: string; warnings?: string[] };
        logger.info("registered with registry", { registryUrl, status });
        if (warnings?.length) logger.debug("registry warnings", { warnings });
        return;
      }
      if (res.status === 409)
        throw new RegistrationRejected(
          `Registry refused subgraph '${subgraph.name}': a breaking change that clients use.\n  ${(body.errors ?? []).map((e) => (typeof e === "string" ? e : e.message)).join("\n  ")}\n  Set REGISTRY_APPROVED_BY=<your name> to publish it anyway.`,
        );
      throw new RegistrationRejected(
        `Registry refused subgraph '${subgraph.name}' (${res.status}):\n  ${(body.errors ?? []).map((e) => (typeof e === "string" ? e : e.message)).join("\n  ")}`,
      );
    } catch (error) {
      if (error instanceof RegistrationRejected) throw error;
      lastError = error;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  throw new Error(`Registry at ${registryUrl} did not answer within ${timeoutMs} ms: ${String(lastError)}`);
}
