import type { JWK } from "jose";
import { ConfigReader, DEFAULT_PORTS } from "./config";
import { DelegationSigner } from "./delegation";
import { ApiError, type ErrorCode } from "./errors";
import type { Viewer } from "./identity";

/**
 * The rest of the graph, asked through the gateway on a user's behalf (decision 0015): the
 * same visibility rules as the user's own queries, whether the user is waiting (submitJob,
 * placementForJdl) or left hours ago (a job's outputs). Errors keep the gateway's code and message.
 */
export class GatewayClient {
  constructor(
    private readonly gatewayUrl: () => string,
    private readonly signer: DelegationSigner | null,
  ) {}

  get configured() {
    return this.signer !== null;
  }

  /** Asks the graph as `viewer`; null asks anonymously (what anybody may see). */
  async request<T>(
    viewer: Viewer | null,
    query: string,
    variables: Record<string, unknown> = {},
  ): Promise<T> {
    if (!this.signer)
      throw new ApiError(
        "SERVICE_MISCONFIGURED",
        `This service cannot act for you: its delegation key is not set (<SERVICE>_DELEGATION_PRIVATE_JWK, see the README's configuration).`,
      );
    let response: Response;
    try {
      response = await fetch(this.gatewayUrl(), {
        method: "POST",
        headers: {
          "content-type": "application/json",
          ...(viewer ? { authorization: `Bearer ${await this.signer.sign(viewer)}` } : {}),
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

/**
 * A service's way to the gateway from its configuration: `<SERVICE>_DELEGATION_PRIVATE_JWK`
 * (the key the gateway trusts for this service, DELEGATE_JWKS) and `<SERVICE>_GATEWAY_URL`
 * (default: the gateway on this machine). Without a key the client refuses every call, saying so.
 */
export function gatewayClientFromEnv(service: string, env = process.env): GatewayClient {
  const config = new ConfigReader(service, env);
  const prefix = service.toUpperCase().replace(/-/g, "_");
  const gatewayPort = config.port("GATEWAY_PORT", DEFAULT_PORTS.gateway);
  const url = config.url(`${prefix}_GATEWAY_URL`, `http://127.0.0.1:${gatewayPort}/graphql`);
  const jwk = config.json<JWK>(`${prefix}_DELEGATION_PRIVATE_JWK`, "a private JWK");
  if (jwk && typeof jwk.d !== "string")
    config.problem(`${prefix}_DELEGATION_PRIVATE_JWK must be a private JWK (it has no 'd')`);
  config.done();
  return new GatewayClient(() => url, jwk ? new DelegationSigner(service, jwk) : null);
}
