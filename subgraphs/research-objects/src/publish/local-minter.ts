import type { EntityManager } from "@mikro-orm/postgresql";
import { UniqueConstraintViolationException } from "@mikro-orm/core";
import type { Database } from "@gridgraph/kit";
import { DoiRecord, DoiState } from "../entities";
import { dataciteProblems, doiRequest } from "./datacite-check";
import { DoiTakenError, MintError, type DoiMinter } from "./minter";

/**
 * The embedded minter (decision 0017): a table of DOIs under the configured prefix with
 * DataCite's states, so that `npm start` publishes offline. It refuses what DataCite would
 * refuse (the same schema check) and never issues a DOI twice: the DOI is the primary key.
 * Its DOIs are not registered anywhere; they do not resolve at doi.org.
 */
export class LocalMinter implements DoiMinter {
  readonly description: string;

  constructor(
    private readonly db: Database,
    readonly prefix: string,
  ) {
    this.description = `the embedded minter (prefix ${prefix}; not registered at doi.org)`;
  }

  private em = () => this.db.orm.em.fork() as EntityManager;

  async reserve(doi: string, url: string): Promise<void> {
    const problems = dataciteProblems(doiRequest({ doi, url }));
    if (problems.length)
      throw new MintError(`Reserving ${doi} failed: ${problems.map((p) => p.title).join("; ")}.`, problems);
    const em = this.em();
    try {
      await em.insert(DoiRecord, {
        doi,
        url,
        state: DoiState.DRAFT,
        createdAt: new Date(),
        updatedAt: new Date(),
      });
    } catch (error) {
      if (!(error instanceof UniqueConstraintViolationException)) throw error;
      const existing = await em.findOne(DoiRecord, { doi });
      if (existing?.url !== url) throw new DoiTakenError(`${doi} is already taken.`);
    }
  }

  async publish(doi: string, attributes: Record<string, unknown>): Promise<DoiState> {
    const problems = dataciteProblems(doiRequest({ ...attributes, doi, event: "publish" }));
    if (problems.length)
      throw new MintError(
        `Publishing ${doi} failed: ${problems.map((p) => `${p.source}: ${p.title}`).join("; ")}.`,
        problems,
      );
    const em = this.em();
    const record = await em.findOne(DoiRecord, { doi });
    if (!record) throw new MintError(`Publishing ${doi} failed: it was never reserved.`);
    record.state = DoiState.FINDABLE;
    record.url = (attributes.url as string | undefined) ?? record.url;
    record.attributes = attributes;
    await em.flush();
    return record.state;
  }
}
