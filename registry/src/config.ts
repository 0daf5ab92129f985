import path from "node:path";
import { ConfigReader, DEFAULT_PORTS } from "@gridgraph/kit";

export interface RegistryConfig {
  port: number;
  host: string | undefined;
  /** Where each new supergraph is written too; undefined: nowhere. */
  supergraphPath: string | undefined;
}

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
  config.done();
  return { port, host: config.raw("BIND_HOST"), supergraphPath };
}
