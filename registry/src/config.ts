import path from "node:path";
import { ConfigReader, DEFAULT_PORTS, databaseLocationFromEnv, type DatabaseLocation } from "@gridgraph/kit";
import type { RegistryCredentials } from "./access";
import { EXPECTED_SUBGRAPHS } from "./server";

export interface RegistryConfig {
  port: number;
  host: string | undefined;
  /** Where each new supergraph is written too; undefined: nowhere. */
  supergraphPath: string | undefined;
  credentials: RegistryCredentials;
  /** REGISTRY_DATABASE_URL, DATABASE_SERVER_URL (gridgraph_registry) or .data/registry. */
  database: DatabaseLocation;
  usageWindowDays: number;
}

/** `REGISTRY_SECRET_<NAME>` and `REGISTRY_ALLOWED_HOSTS_<NAME>` for a subgraph name. */
export const subgraphSecretVariable = (name: string) =>
  `REGISTRY_SECRET_${name.toUpperCase().replace(/-/g, "_")}`;
const allowedHostsVariable = (name: string) =>
  `REGISTRY_ALLOWED_HOSTS_${name.toUpperCase().replace(/-/g, "_")}`;

/** The registry's configuration, read once at start-up; every problem is reported at once. */
export function readRegistryConfig(env = process.env): RegistryConfig {
  const config = new ConfigReader("registry", env);
  const port = config.port("REGISTRY_PORT", DEFAULT_PORTS.registry);
  // Unset: the committed schema/supergraph.graphql; set but empty: nowhere.
  const out = env.SUPERGRAPH_OUT;
  const supergraphPath =
    out === ""
      ? undefined
      : path.resolve(out ?? path.join(__dirname, "..", "..", "..", "schema", "supergraph.graphql"));
  // Every subgraph's secret and the gateways' secret (npm start generates and passes them).
  const subgraphs: Record<string, string> = {};
  const allowedHosts: Record<string, string[]> = {};
  for (const name of EXPECTED_SUBGRAPHS) {
    const secret = config.raw(subgraphSecretVariable(name));
    if (!secret || secret.length < 16)
      config.problem(`${subgraphSecretVariable(name)} must be set to a secret of at least 16 characters`);
    subgraphs[name] = secret ?? "";
    if (config.isSet(allowedHostsVariable(name)))
      allowedHosts[name] = config.list(allowedHostsVariable(name), []);
  }
  const gateway = config.raw("REGISTRY_GATEWAY_SECRET");
  if (!gateway || gateway.length < 16)
    config.problem("REGISTRY_GATEWAY_SECRET must be set to a secret of at least 16 characters");
  const operator = config.raw("REGISTRY_OPERATOR_SECRET");
  if (operator !== undefined && operator.length < 16)
    config.problem("REGISTRY_OPERATOR_SECRET must be a secret of at least 16 characters");
  const usageWindowDays = config.integer("REGISTRY_USAGE_DAYS", 30, [1, 3650], "a number of days");
  config.done();
  return {
    port,
    host: config.raw("BIND_HOST"),
    supergraphPath,
    credentials: { subgraphs, gateway: gateway ?? "", operator, allowedHosts },
    database: databaseLocationFromEnv("registry", env),
    usageWindowDays,
  };
}
