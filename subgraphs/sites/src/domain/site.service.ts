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
  /** Offers a compute endpoint with this GLUE2 interface name. */
  interface?: string | null;
  platform?: string | null;
  /** true: has nodes with GPUs; false: has none. */
  gpu?: boolean | null;
  /** Offers this application (name, case-insensitive). */
  software?: string | null;
  /** true: a whole-site OUTAGE is in progress now; false: none is. */
  inDowntime?: boolean | null;
}

/** Reading the site registry. Writing it (with versions and history) is the capability-registry issue. */
export class SiteService {
  constructor(private readonly em: EntityManager) {}

  async get(id: string): Promise<Site | null> {
    if (!id.trim()) throw badInput("'id' must not be empty.", "id");
    return this.em.findOne(Site, { id });
  }

  async list(query: SiteQuery, page: Page): Promise<ConnectionResult<Site>> {
    const where = this.where(query);
    const ids = await this.capabilityMatches(query);
    const filtered = ids ? ({ $and: [where, { id: { $in: ids } }] } as FilterQuery<Site>) : where;
    return findPage(this.em, Site, filtered, page);
  }

  /**
   * Sites matching the capability filters, one indexed statement per filter given (not per
   * site); null when no capability filter is given.
   */
  private async capabilityMatches(query: SiteQuery): Promise<string[] | null> {
    const conn = this.em.getConnection();
    const sets: Set<string>[] = [];
    const ids = async (sql: string, params: unknown[] = []) =>
      new Set((await conn.execute<{ site_id: string }[]>(sql, params)).map((r) => r.site_id));
    if (query.interface) {
      sets.push(
        await ids("select distinct site_id from compute_endpoint where interface_name = ?", [
          query.interface,
        ]),
      );
    }
    if (query.platform) {
      sets.push(
        await ids("select distinct site_id from execution_environment where platform = ?", [query.platform]),
      );
    }
    if (query.gpu != null) {
      const withGpu = await ids("select distinct site_id from execution_environment where gpu_count > 0");
      if (query.gpu) sets.push(withGpu);
      else
        sets.push(
          new Set([...(await ids("select id as site_id from site"))].filter((id) => !withGpu.has(id))),
        );
    }
    if (query.software) {
      sets.push(
        await ids("select distinct site_id from application_environment where lower(name) = lower(?)", [
          query.software,
        ]),
      );
    }
    if (query.inDowntime != null) {
      const down = await ids(
        "select distinct site_id from downtime where severity = 'OUTAGE' and cardinality(affected_endpoints) = 0 and starts_at <= now() and ends_at > now()",
      );
      if (query.inDowntime) sets.push(down);
      else
        sets.push(new Set([...(await ids("select id as site_id from site"))].filter((id) => !down.has(id))));
    }
    if (!sets.length) return null;
    return [...sets[0]].filter((id) => sets.every((s) => s.has(id)));
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
