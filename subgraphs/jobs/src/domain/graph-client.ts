import { ApiError, type DelegationSigner, type ErrorCode, type Viewer } from "@gridgraph/kit";

/**
 * The rest of the graph, asked through the gateway as the job's owner (decision 0015): the
 * same visibility rules as the owner's own queries, whether the owner is waiting for submitJob
 * or the job finished hours later. Errors keep the gateway's code and message.
 */
export class GraphClient {
  constructor(
    private readonly gatewayUrl: () => string,
    private readonly signer: DelegationSigner | null,
  ) {}

  get configured() {
    return this.signer !== null;
  }

  async request<T>(viewer: Viewer, query: string, variables: Record<string, unknown> = {}): Promise<T> {
    if (!this.signer)
      throw new ApiError(
        "SERVICE_MISCONFIGURED",
        "The jobs service cannot act for you: JOBS_DELEGATION_PRIVATE_JWK is not set (see the README's configuration).",
      );
    let response: Response;
    try {
      response = await fetch(this.gatewayUrl(), {
        method: "POST",
        headers: {
          "content-type": "application/json",
          authorization: `Bearer ${await this.signer.sign(viewer)}`,
        },
        body: JSON.stringify({ query, variables }),
        signal: AbortSignal.timeout(30_000),
      });
    } catch (error) {
      throw new ApiError(
        "SUBGRAPH_UNAVAILABLE",
        `The gateway cannot be reached: ${(error as Error).message}.`,
      );
    }
    const body = (await response.json().catch(() => null)) as {
      data?: T;
      errors?: { message: string; extensions?: { code?: string } }[];
    } | null;
    const first = body?.errors?.[0];
    if (first)
      throw new ApiError((first.extensions?.code as ErrorCode) ?? "INTERNAL_SERVER_ERROR", first.message);
    if (!body?.data)
      throw new ApiError("SUBGRAPH_UNAVAILABLE", `The gateway answered ${response.status} without data.`);
    return body.data;
  }
}
