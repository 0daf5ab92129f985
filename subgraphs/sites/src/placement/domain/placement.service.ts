import type { EntityManager } from "@mikro-orm/postgresql";
import { badInput } from "@gridgraph/kit";
import { place, type PlacementResult } from "./evaluate";
import { normalizeRequirements, type JobRequirements } from "./requirements";
import { registrySnapshot } from "./snapshot";

export const MAX_CANDIDATES = 500;

/** Where a job can run. Reading the registry is public, so placement needs no identity. */
export class PlacementService {
  constructor(private readonly em: EntityManager) {}

  async place(
    requirements: JobRequirements,
    first = 10,
    options: { cached?: boolean } = {},
  ): Promise<PlacementResult> {
    if (!Number.isInteger(first) || first < 1 || first > MAX_CANDIDATES) {
      throw badInput(`'first' must be between 1 and ${MAX_CANDIDATES}; got ${first}.`, "first");
    }
    const req = normalizeRequirements(requirements);
    const snapshot = await registrySnapshot(this.em, options);
    return place(snapshot, req, first);
  }
}
