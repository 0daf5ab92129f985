/**
 * The one GraphQL client (urql) for the whole portal, talking to the gateway on this origin.
 * Every request carries the signed-in user's token and a request id of its own (the gateway
 * keeps a caller's id in its logs), so an error shown to a user names the id support needs.
 * Search-as-you-type is cancelled by urql itself: a query whose variables change is torn down
 * and its fetch aborted.
 */
import { cacheExchange, Client, CombinedError, fetchExchange } from "urql";
import type { Auth } from "./auth";

const requestIds = new WeakMap<Response, string>();

export function createGraphClient(auth: Auth): Client {
  const fetchWithId: typeof fetch = async (input, init) => {
    const requestId = crypto.randomUUID();
    const headers = new Headers(init?.headers);
    headers.set("x-request-id", requestId);
    const token = auth.accessToken;
    if (token) headers.set("authorization", `Bearer ${token}`);
    const response = await fetch(input, { ...init, headers });
    requestIds.set(response, requestId);
    if (response.status === 401 && token) void auth.sessionExpired();
    return response;
  };
  return new Client({
    url: "/graphql",
    exchanges: [cacheExchange, fetchExchange],
    fetch: fetchWithId,
    requestPolicy: "cache-and-network",
    preferGetMethod: false,
  });
}

export interface ShownError {
  message: string;
  code?: string;
  requestId?: string;
  /** Per-field problems of a refused input (BAD_USER_INPUT extensions.problems). */
  problems: { field: string; message: string }[];
}

interface Problem {
  field?: string;
  message?: string;
}

/** What a user is shown of an error from the graph: words, the code, the request id. */
export function describeError(error: CombinedError | undefined | null): ShownError | null {
  if (!error) return null;
  const response = error.response as Response | undefined;
  const requestId = response ? requestIds.get(response) : undefined;
  if (error.networkError && !error.graphQLErrors.length)
    return {
      message: `The gateway could not be reached or refused the request (${error.networkError.message}).`,
      requestId,
      problems: [],
    };
  const first = error.graphQLErrors[0];
  const problems = error.graphQLErrors.flatMap((e) =>
    ((e.extensions?.problems as Problem[] | undefined) ?? []).map((p) => ({
      field: String(p.field ?? ""),
      message: String(p.message ?? ""),
    })),
  );
  return {
    message: error.graphQLErrors.map((e) => e.message).join(" "),
    code: first?.extensions?.code as string | undefined,
    requestId,
    problems,
  };
}

/**
 * Errors of the part of an answer under `path` (e.g. ["dataset", "consumedBy"]) that `service`
 * provides: a service that is down nulls only its own fields, and only the part of the page
 * that shows them says so. The gateway names the service (extensions.serviceName) of an
 * unavailable one, whose error has no path.
 */
export function errorsAt(
  error: CombinedError | undefined,
  path: (string | number)[],
  service: string,
): string[] {
  if (!error) return [];
  return error.graphQLErrors
    .filter((e) =>
      e.path
        ? path.every((segment, i) => e.path![i] === segment)
        : e.extensions?.serviceName === service && e.extensions?.code === "SUBGRAPH_UNAVAILABLE",
    )
    .map((e) => e.message);
}
