import type { FilterQuery } from "@mikro-orm/core";
import type { EntityManager } from "@mikro-orm/postgresql";
import { badInput, findPage, type ConnectionResult, type Page } from "../../../kit/src";
import { CertificationStatus, Site, SiteKind } from "../entities";

export interface SiteQuery {
  vo?: string | null;
  kind?: SiteKind | null;
  country?: string | null;
  ngi?: string | null;
  certificationStatus?: CertificationStatus | null;
  text?: string | null;
}

/** Reading the site registry. Writing it (with versions and history) is the capability-registry issue. */
export class SiteService {
  constructor(private readonly em: EntityManager) {}

  async get(id: string): Promise<Site | null> {
    if (!id.trim()) throw badInput("'id' must not be empty.", "id");
    return this.em.findOne(Site, { id });
  }

  async list(query: SiteQuery, page: Page): Promise<ConnectionResult<Site>> {
    return findPage(this.em, Site, this.where(query), page);
  }

  private where(query: SiteQuery): FilterQuery<Site> {
    const where: FilterQuery<Site> & Record<string, unknown> = {};
    if (query.vo) where.supportedVos = { $contains: [query.vo] };
    if (query.kind) where.kind = query.kind;
    if (query.country) {
      if (!/^[A-Za-z]{2}$/.test(query.country)) {
        throw badInput(
          `'country' must be an ISO 3166-1 alpha-2 code such as PL; got '${query.country}'.`,
          "country",
        );
      }
      where.country = query.country.toUpperCase();
    }
    if (query.ngi) where.ngi = query.ngi;
    if (query.certificationStatus) where.certificationStatus = query.certificationStatus;
    if (query.text != null) {
      const text = query.text.trim();
      if (!text) throw badInput("'text' must not be empty when given.", "text");
      const like = `%${text.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
      where.$or = [{ id: { $ilike: like } }, { officialName: { $ilike: like } }];
    }
    return where;
  }
}
