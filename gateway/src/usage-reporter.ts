import type { ApolloServerPlugin } from "@apollo/server";
import {
  Kind,
  TypeInfo,
  getNamedType,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type GraphQLSchema,
} from "graphql";
import type { Logger } from "@gridgraph/kit";

/**
 * Which schema coordinates each operation uses, counted per client and operation and sent to
 * the registry (POST /usage) every interval: the registry weighs a breaking change against
 * it (decision 0013). Only names leave the gateway (client, operation, `Type.field`), never
 * variables, arguments' values or who asked.
 */

/** `Type.field` for every field selected and `Type.field.argument` for every argument given. */
export function coordinatesOf(document: DocumentNode, schema: GraphQLSchema): string[] {
  const found = new Set<string>();
  const typeInfo = new TypeInfo(schema);
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        const parent = typeInfo.getParentType();
        const name = node.name.value;
        if (!parent || name.startsWith("__")) return;
        const parentName = getNamedType(parent).name;
        found.add(`${parentName}.${name}`);
        for (const arg of node.arguments ?? []) found.add(`${parentName}.${name}.${arg.name.value}`);
      },
    }),
  );
  return [...found].sort();
}

export interface UsageReport {
  client: string;
  operation: string;
  coordinates: string[];
  count: number;
}

/** The header clients name themselves with (Apollo's convention), and a plain fallback. */
export const CLIENT_NAME_HEADERS = ["apollographql-client-name", "x-client-name"];
/** Names are labels, not data: short, printable, and a bounded number per interval. */
const MAX_NAME = 100;
const MAX_KEYS_PER_INTERVAL = 5000;
const MAX_CACHED_DOCUMENTS = 2000;

const cleanName = (value: string | undefined | null, fallback: string) => {
  const text = (value ?? "")
    .replace(/[^\x20-\x7e]/g, "")
    .trim()
    .slice(0, MAX_NAME);
  return text || fallback;
};

export class UsageReporter {
  private pending = new Map<string, UsageReport>();
  private readonly coordinateCache = new Map<string, string[]>();
  private timer?: NodeJS.Timeout;
  private dropped = 0;

  constructor(
    private readonly registryUrl: string,
    private readonly secret: string,
    private readonly logger: Logger,
    private readonly intervalMs: number,
  ) {
    if (intervalMs > 0) {
      this.timer = setInterval(() => void this.flush(), intervalMs);
      this.timer.unref();
    }
  }

  /** Counts one execution of an operation. */
  record(client: string, operation: string, coordinates: string[]) {
    const key = `${client}\u0000${operation}\u0000${coordinates.join(",")}`;
    const seen = this.pending.get(key);
    if (seen) seen.count++;
    else if (this.pending.size >= MAX_KEYS_PER_INTERVAL) this.dropped++;
    else this.pending.set(key, { client, operation, coordinates, count: 1 });
  }

  /** Sends what was counted; kept for the next try when the registry does not take it. */
  async flush(): Promise<void> {
    if (this.pending.size === 0) return;
    const batch = this.pending;
    this.pending = new Map();
    try {
      const res = await fetch(`${this.registryUrl}/usage`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${this.secret}` },
        body: JSON.stringify({ reports: [...batch.values()] }),
        signal: AbortSignal.timeout(10_000),
      });
      if (!res.ok) throw new Error(`registry answered ${res.status}`);
      if (this.dropped)
        this.logger.warn("usage of some operations was not counted", { dropped: this.dropped });
      this.dropped = 0;
    } catch (error) {
      // Put the batch back under what arrived meanwhile, within the same bound.
      for (const [key, report] of batch) {
        const seen = this.pending.get(key);
        if (seen) seen.count += report.count;
        else if (this.pending.size < MAX_KEYS_PER_INTERVAL) this.pending.set(key, report);
      }
      this.logger.warn("could not report usage to the registry; keeping it for the next try", { error });
    }
  }

  async stop() {
    clearInterval(this.timer);
    await this.flush();
  }

  /** Counts every operation the gateway executes (after it was validated). */
  plugin(): ApolloServerPlugin {
    return {
      requestDidStart: async () => ({
        executionDidStart: async (context) => {
          const { document, schema, queryHash } = context;
          let coordinates = this.coordinateCache.get(queryHash);
          if (!coordinates) {
            coordinates = coordinatesOf(document, schema);
            if (this.coordinateCache.size >= MAX_CACHED_DOCUMENTS) this.coordinateCache.clear();
            this.coordinateCache.set(queryHash, coordinates);
          }
          const headers = context.request.http?.headers;
          const client = cleanName(
            CLIENT_NAME_HEADERS.map((name) => headers?.get(name)).find(Boolean),
            "unknown",
          );
          const operation = cleanName(
            context.operationName ??
              (context.operation?.name?.kind === Kind.NAME ? context.operation.name.value : null),
            "(anonymous)",
          );
          this.record(client, operation, coordinates);
        },
      }),
    };
  }
}
