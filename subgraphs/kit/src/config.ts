import { databaseLocationFromEnv, type DatabaseLocation } from "./database";
import type { JSONWebKeySet } from "jose";

/** Default ports of the embedded setup; every one can be overridden (see README). */
export const DEFAULT_PORTS = {
  gateway: 4000,
  sites: 4001,
  datasets: 4002,
  jobs: 4003,
  "research-objects": 4004,
  registry: 4100,
  identity: 4200,
} as const;

export type ServiceName = keyof typeof DEFAULT_PORTS;

/**
 * Ports the Fetch standard blocks ("bad ports"): Node's fetch refuses to connect to them, so a
 * service configured on one would fail every call to it, silently. Refused at start instead.
 */
export const FETCH_BLOCKED_PORTS = new Set([
  1, 7, 9, 11, 13, 15, 17, 19, 20, 21, 22, 23, 25, 37, 42, 43, 53, 69, 77, 79, 87, 95, 101, 102, 103, 104,
  109, 110, 111, 113, 115, 117, 119, 123, 135, 137, 139, 143, 161, 179, 389, 427, 465, 512, 513, 514, 515,
  526, 530, 531, 532, 540, 548, 554, 556, 563, 587, 601, 636, 989, 990, 993, 995, 1719, 1720, 1723, 2049,
  3659, 4045, 4190, 5060, 5061, 6000, 6566, 6665, 6666, 6667, 6668, 6669, 6679, 6697, 10080,
]);

const blockedPortProblem = (key: string, port: number) =>
  `${key}: port ${port} is one that fetch refuses to connect to (the Fetch standard's blocked ports); choose another`;

export class ConfigError extends Error {
  override name = "ConfigError";
}

/**
 * The one way every process (subgraphs, gateway, registry, identity provider) reads its
 * configuration: once, at start-up, from the environment. Each read records what is wrong and
 * returns the default, so `done()` can report every problem at once instead of the first.
 */
export class ConfigReader {
  private readonly problems: string[] = [];

  constructor(
    private readonly processName: string,
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {}

  /** The variable's value; unset and empty are the same. */
  raw(key: string): string | undefined {
    const value = this.env[key];
    return value === undefined || value === "" ? undefined : value;
  }

  isSet(key: string): boolean {
    return this.raw(key) !== undefined;
  }

  string(key: string, fallback: string): string {
    return this.raw(key) ?? fallback;
  }

  port(key: string, fallback: number): number {
    const port = this.integer(key, fallback, [0, 65535], "a port number");
    if (FETCH_BLOCKED_PORTS.has(port)) this.problems.push(blockedPortProblem(key, port));
    return port;
  }

  integer(key: string, fallback: number, [min, max]: [number, number], what = "a whole number"): number {
    const value = this.raw(key);
    if (value === undefined) return fallback;
    const n = Number(value);
    if (!Number.isInteger(n) || n < min || n > max) {
      this.problems.push(`${key} must be ${what} ${min}..${max}; got '${value}'`);
      return fallback;
    }
    return n;
  }

  url(key: string, fallback: string): string {
    const value = this.raw(key) ?? fallback;
    try {
      const port = Number(new URL(value).port);
      if (FETCH_BLOCKED_PORTS.has(port)) this.problems.push(blockedPortProblem(key, port));
    } catch {
      this.problems.push(`${key} must be a URL; got '${value}'`);
    }
    return value;
  }

  boolean(key: string, fallback: boolean): boolean {
    const value = this.raw(key);
    if (value === undefined) return fallback;
    if (value !== "true" && value !== "false") {
      this.problems.push(`${key} must be true or false; got '${value}'`);
      return fallback;
    }
    return value === "true";
  }

  /** A comma-separated list, items trimmed. */
  list(key: string, fallback: string[]): string[] {
    const value = this.raw(key);
    return value === undefined ? fallback : value.split(",").map((item) => item.trim());
  }

  /** A JSON value; `what` says what it should be, e.g. "a JSON Web Key Set". */
  json<T>(key: string, what: string): T | undefined {
    const value = this.raw(key);
    if (value === undefined) return undefined;
    try {
      return JSON.parse(value) as T;
    } catch {
      this.problems.push(`${key} must be ${what} (JSON)`);
      return undefined;
    }
  }

  /** A problem that no single variable shows (two that contradict each other, say). */
  problem(message: string) {
    this.problems.push(message);
  }

  /** Throws a ConfigError listing every problem found so far, if there is any. */
  done(): void {
    if (this.problems.length)
      throw new ConfigError(
        `Invalid configuration for ${this.processName}:\n  - ${this.problems.join("\n  - ")}`,
      );
  }
}

/** Where the registry is: REGISTRY_URL, else the registry's own port on this machine. */
export function readRegistryUrl(config: ConfigReader): string {
  const port = config.port("REGISTRY_PORT", DEFAULT_PORTS.registry);
  return config.url("REGISTRY_URL", `http://127.0.0.1:${port}`);
}

export interface ServiceConfig {
  name: ServiceName;
  port: number;
  host: string;
  /** The URL the gateway uses to reach this service (registered with the registry). */
  publicUrl: string;
  registryUrl: string;
  /** This subgraph's secret for publishing to the registry. */
  registrySecret: string;
  /**
   * REGISTRY_APPROVED_BY: who approves this start's publish should the registry find a
   * breaking change that clients used (otherwise such a publish is refused and the start fails).
   */
  registryApprovedBy: string | undefined;
  database: DatabaseLocation;
  seedOnEmpty: boolean;
  exposeInternals: boolean;
  /** Where the gateway's assertion keys come from: inline JWKS, or the gateway's JWKS URL. */
  assertionKeys: { jwks: JSONWebKeySet } | { jwksUrl: string };
}

function envKey(name: string, suffix: string) {
  return `${name.toUpperCase().replace(/-/g, "_")}_${suffix}`;
}

/** Reads a subgraph's configuration once at start-up; reports every problem at once. */
export function readServiceConfig(name: ServiceName, env = process.env): ServiceConfig {
  const config = new ConfigReader(name, env);
  const port = config.port(envKey(name, "PORT"), DEFAULT_PORTS[name]);
  const host = config.string("BIND_HOST", "127.0.0.1");
  const publicUrl = config.url(
    envKey(name, "URL"),
    `http://${host === "0.0.0.0" ? "127.0.0.1" : host}:${port}/graphql`,
  );
  const registryUrl = readRegistryUrl(config);
  const registrySecret = config.raw("REGISTRY_SECRET");
  if (!registrySecret)
    config.problem("REGISTRY_SECRET must be set: this subgraph's secret for publishing to the registry");
  const seedOnEmpty = config.boolean("SEED_ON_EMPTY", true);
  const jwks = config.json<JSONWebKeySet>("INTERNAL_ASSERTION_JWKS", "a JSON Web Key Set");
  const gatewayPort = config.port("GATEWAY_PORT", DEFAULT_PORTS.gateway);
  const assertionKeys: ServiceConfig["assertionKeys"] = config.isSet("INTERNAL_ASSERTION_JWKS")
    ? { jwks: jwks ?? { keys: [] } }
    : {
        jwksUrl: config.url("INTERNAL_JWKS_URL", `http://127.0.0.1:${gatewayPort}/.well-known/jwks.json`),
      };
  config.done();
  return {
    assertionKeys,
    name,
    port,
    host,
    publicUrl,
    registryUrl,
    registrySecret: registrySecret ?? "",
    registryApprovedBy: config.raw("REGISTRY_APPROVED_BY"),
    database: databaseLocationFromEnv(name, env),
    seedOnEmpty,
    exposeInternals: env.NODE_ENV === "development",
  };
}
