import { createHash } from "node:crypto";
import { composeSupergraph, type CompositionResult, type SubgraphSource } from "./compose";

export interface Supergraph {
  id: string;
  sdl: string;
  composedAt: string;
  subgraphs: { name: string; url: string }[];
}

export type RegisterResult =
  { ok: true; supergraph: Supergraph | null; missing: string[] } | { ok: false; errors: string[] };

/**
 * The registry's state: registered subgraphs and the current supergraph. In memory for
 * this first cut (subgraphs re-register on start); persistence, checks against clients'
 * operations and hot reload arrive with the registry issue behind this seam.
 */
export class SubgraphStore {
  private readonly subgraphs = new Map<string, SubgraphSource>();
  private current: Supergraph | null = null;

  constructor(readonly expected: string[]) {}

  register(source: SubgraphSource): RegisterResult {
    const candidate = new Map(this.subgraphs).set(source.name, source);
    const missing = this.expected.filter((name) => !candidate.has(name));
    let composed: CompositionResult | null = null;
    if (missing.length === 0) {
      composed = composeSupergraph([...candidate.values()]);
      if (!composed.ok) return { ok: false, errors: composed.errors };
    }
    this.subgraphs.set(source.name, source);
    if (composed?.ok) {
      const id = createHash("sha256").update(composed.supergraphSdl).digest("hex").slice(0, 16);
      if (id !== this.current?.id) {
        this.current = {
          id,
          sdl: composed.supergraphSdl,
          composedAt: new Date().toISOString(),
          subgraphs: [...candidate.values()].map((s) => ({ name: s.name, url: s.url })),
        };
      }
    }
    return { ok: true, supergraph: this.current, missing };
  }

  supergraph(): Supergraph | null {
    return this.current;
  }

  missing(): string[] {
    return this.expected.filter((name) => !this.subgraphs.has(name));
  }

  list(): { name: string; url: string }[] {
    return [...this.subgraphs.values()].map((s) => ({ name: s.name, url: s.url }));
  }
}
