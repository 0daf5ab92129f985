/**
 * Writes schema/<subgraph>.graphql and schema/supergraph.graphql from the code.
 * `npm run schema` regenerates them; test/schema.test.ts fails when they are stale.
 */
import "reflect-metadata";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { DEFAULT_PORTS, subgraphSdl } from "@gridgraph/kit";
import { composeSupergraph } from "../registry/src/compose";
import { subgraphs } from "./subgraphs";

export async function generateSchemas() {
  const sources = await Promise.all(
    subgraphs.map(async (def) => ({
      name: def.name,
      url: `http://127.0.0.1:${DEFAULT_PORTS[def.name as keyof typeof DEFAULT_PORTS]}/graphql`,
      sdl: await subgraphSdl(def),
    })),
  );
  const composed = composeSupergraph(sources);
  if (!composed.ok) throw new Error(`Composition failed:\n  ${composed.errors.join("\n  ")}`);
  return { sources, supergraphSdl: composed.supergraphSdl };
}

async function main() {
  const dir = path.resolve(__dirname, "..", "..", "schema");
  const { sources, supergraphSdl } = await generateSchemas();
  for (const s of sources) writeFileSync(path.join(dir, `${s.name}.graphql`), s.sdl + "\n");
  writeFileSync(path.join(dir, "supergraph.graphql"), supergraphSdl + "\n");
  console.log(`wrote ${sources.length} subgraph schemas and the supergraph to schema/`);
}

if (require.main === module) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
