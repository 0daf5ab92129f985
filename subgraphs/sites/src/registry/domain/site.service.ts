import { raw, type FilterQuery } from "@mikro-orm/core";
import type { EntityManager } from "@mikro-orm/postgresql";
import { badInput, findPage, type ConnectionResult, type Page } from "@gridgraph/kit";
import { CertificationStatus, Site, SiteKind } from "../../entities";

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
    return findPage(
      this.em,
      Site,
      () => {
        const capabilities = this.capabilityConditions(query);
        return capabilities.length ? ({ $and: [where, ...capabilities] } as FilterQuery<Site>) : where;
      },
      page,
    );
  }

  /**
   * Capability filters as EXISTS sub-queries of the site's own rows, so the database answers
   * the whole filter (and the page) in one statement with the indexes of the
   * Migration20261129190000_filter_indexes migration, instead of returning thousands of ids.
   */
  private capabilityConditions(query: SiteQuery): FilterQuery<Site>[] {
    const conditions: FilterQuery<Site>[] = [];
    const exists = (sql: (site: string) => string, params: unknown[] = [], negate = false) =>
      conditions.push({
        [raw((alias: string) => `${negate ? "not " : ""}exists (${sql(alias)})`, params)]: [],
      } as FilterQuery<Site>);
    if (query.interface) {
      exists(
        (s) => `select 1 from compute_endpoint c where c.site_id = ${s}.id and c.interface_name = ?`,
        [query.interface],
      );
    }
    if (query.platform) {
      exists(
        (s) => `select 1 from execution_environment e where e.site_id = ${s}.id and e.platform = ?`,
        [query.platform],
      );
    }
    if (query.gpu != null) {
      exists(
        (s) => `select 1 from execution_environment e where e.site_id = ${s}.id and e.gpu_count > 0`,
        [],
        !query.gpu,
      );
    }
    if (query.software) {
      exists(
        (s) =>
          `select 1 from application_environment a where a.site_id = ${s}.id and lower(a.name) = lower(?)`,
        [query.software],
      );
    }
    if (query.inDowntime != null) {
      exists(
        (s) =>
          `select 1 from downtime d where d.site_id = ${s}.id and d.severity = 'OUTAGE' and cardinality(d.affected_endpoints) = 0 and d.starts_at <= now() and d.ends_at > now()`,
        [],
        !query.inDowntime,
      );
    }
    return conditions;
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
