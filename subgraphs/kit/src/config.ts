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

export interface ServiceConfig {
  name: ServiceName;
  port: number;
  host: string;
  /** The URL the gateway uses to reach this service (registered with the registry). */
  publicUrl: string;
  registryUrl: string;
  database: DatabaseLocation;
  seedOnEmpty: boolean;
  exposeInternals: boolean;
  /** Where the gateway's assertion keys come from: inline JWKS, or the gateway's JWKS URL. */
  assertionKeys: { jwks: JSONWebKeySet } | { jwksUrl: string };
}

export class ConfigError extends Error {}

function envKey(name: string, suffix: string) {
  return `${name.toUpperCase().replace(/-/g, "_")}_${suffix}`;
}

export function parsePort(
  value: string | undefined,
  fallback: number,
  key: string,
  problems: string[],
): number {
  if (value === undefined || value === "") return fallback;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    problems.push(`${key} must be a port number 0..65535; got '${value}'`);
    return fallback;
  }
  return port;
}

export function parseInteger(
  value: string | undefined,
  fallback: number,
  key: string,
  problems: string[],
  range: [number, number],
): number {
  if (value === undefined || value === "") return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < range[0] || n > range[1]) {
    problems.push(`${key} must be a whole number ${range[0]}..${range[1]}; got '${value}'`);
    return fallback;
  }
  return n;
}

export function parseUrl(
  value: string | undefined,
  fallback: string,
  key: string,
  problems: string[],
): string {
  const v = value ?? fallback;
  try {
    new URL(v);
  } catch {
    problems.push(`${key} must be a URL; got '${v}'`);
  }
  return v;
}

/** Reads a service's configuration once at start-up; reports every problem at once. */
export function readServiceConfig(name: ServiceName, env = process.env): ServiceConfig {
  const problems: string[] = [];
  const port = parsePort(env[envKey(name, "PORT")], DEFAULT_PORTS[name], envKey(name, "PORT"), problems);
  const host = env.BIND_HOST ?? "127.0.0.1";
  const publicUrl = parseUrl(
    env[envKey(name, "URL")],
    `http://${host === "0.0.0.0" ? "127.0.0.1" : host}:${port}/graphql`,
    envKey(name, "URL"),
    problems,
  );
  const registryUrl = parseUrl(
    env.REGISTRY_URL,
    `http://127.0.0.1:${DEFAULT_PORTS.registry}`,
    "REGISTRY_URL",
    problems,
  );
  const seed = env.SEED_ON_EMPTY ?? "true";
  if (!["true", "false"].includes(seed)) problems.push(`SEED_ON_EMPTY must be true or false; got '${seed}'`);
  let assertionKeys: ServiceConfig["assertionKeys"];
  if (env.INTERNAL_ASSERTION_JWKS) {
    try {
      assertionKeys = { jwks: JSON.parse(env.INTERNAL_ASSERTION_JWKS) as JSONWebKeySet };
    } catch {
      problems.push("INTERNAL_ASSERTION_JWKS must be a JSON Web Key Set");
      assertionKeys = { jwks: { keys: [] } };
    }
  } else {
    const gatewayPort = env.GATEWAY_PORT ?? String(DEFAULT_PORTS.gateway);
    const fallback = `http://127.0.0.1:${gatewayPort}/.well-known/jwks.json`;
    assertionKeys = { jwksUrl: parseUrl(env.INTERNAL_JWKS_URL, fallback, "INTERNAL_JWKS_URL", problems) };
  }
  if (problems.length)
    throw new ConfigError(`Invalid configuration for ${name}:\n  - ${problems.join("\n  - ")}`);
  return {
    assertionKeys,
    name,
    port,
    host,
    publicUrl,
    registryUrl,
    database: databaseLocationFromEnv(name, env),
    seedOnEmpty: seed === "true",
    exposeInternals: env.NODE_ENV === "development",
  };
}
