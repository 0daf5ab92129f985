import path from "node:path";
import { createLogger, DEFAULT_PORTS, parsePort } from "@gridgraph/kit";
import { startRegistry } from "./server";

async function main() {
  const logger = createLogger({ service: "registry" });
  const problems: string[] = [];
  const port = parsePort(process.env.REGISTRY_PORT, DEFAULT_PORTS.registry, "REGISTRY_PORT", problems);
  if (problems.length) throw new Error(problems.join("; "));
  const supergraphPath =
    process.env.SUPERGRAPH_OUT === ""
      ? undefined
      : path.resolve(
          process.env.SUPERGRAPH_OUT ??
            path.join(__dirname, "..", "..", "..", "schema", "supergraph.graphql"),
        );
  const registry = await startRegistry({ port, host: process.env.BIND_HOST, logger, supergraphPath });
  const stop = async () => {
    await registry.close();
    process.exit(0);
  };
  process.once("SIGINT", () => void stop());
  process.once("SIGTERM", () => void stop());
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
