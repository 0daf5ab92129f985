import { composeServices } from "@apollo/composition";
import { parse } from "graphql";

export interface SubgraphSource {
  name: string;
  url: string;
  sdl: string;
}

export type CompositionResult = { ok: true; supergraphSdl: string } | { ok: false; errors: string[] };

/** Pure: subgraph SDLs in, supergraph SDL or every composition error out. Sorted by name so output is stable. */
export function composeSupergraph(subgraphs: SubgraphSource[]): CompositionResult {
  const sorted = [...subgraphs].sort((a, b) => a.name.localeCompare(b.name));
  let services;
  try {
    services = sorted.map((s) => ({ name: s.name, url: s.url, typeDefs: parse(s.sdl) }));
  } catch (error) {
    return { ok: false, errors: [`SDL does not parse: ${(error as Error).message}`] };
  }
  const result = composeServices(services);
  if (result.errors && result.errors.length > 0) {
    return {
      ok: false,
      errors: result.errors.map(
        (e) => `${(e.extensions?.code as string) ?? "COMPOSITION_ERROR"}: ${e.message}`,
      ),
    };
  }
  return { ok: true, supergraphSdl: result.supergraphSdl! };
}
