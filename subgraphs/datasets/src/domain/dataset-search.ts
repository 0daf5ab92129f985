import { raw, type ObjectQuery } from "@mikro-orm/core";
import type { EntityManager, QueryBuilder } from "@mikro-orm/postgresql";
import {
  andVisible,
  badInput,
  encodeCursor,
  type Access,
  type ConnectionResult,
  type Page,
} from "@gridgraph/kit";
import { visibleDatasetFilter } from "./dataset.policy";
import { AccessLevel, Community, DataLevel, Dataset, OBSERVED_RANGE, ReplicaState } from "../entities";

/** What `datasets(filter:)` and `datasetFacets(filter:)` select; every given condition must hold. */
export interface DatasetQuery {
  community?: Community | null;
  level?: DataLevel | null;
  vo?: string | null;
  instrument?: string | null;
  format?: string | null;
  access?: AccessLevel | null;
  /**
   * Full-text search (web-search syntax: words, "a phrase", -not, or), weighted title >
   * observation target > description, language-neutral.
   */
  text?: string | null;
  /** Observation overlapping [observedFrom, observedTo]. */
  observedFrom?: Date | null;
  observedTo?: Date | null;
  minSizeBytes?: number | null;
  maxSizeBytes?: number | null;
  /** With a replica at one of these sites (and, when given too, in one of `replicaStates`). */
  siteIds?: string[] | null;
  replicaStates?: ReplicaState[] | null;
  /** Only these datasets (hidden ones are simply not found). */
  ids?: string[] | null;
  /** Only datasets with these logical file names (DIRAC InputData). */
  lfns?: string[] | null;
}

export enum DatasetSortField {
  /** Registration order (the default). */
  ID = "ID",
  CREATED = "CREATED",
  OBSERVED = "OBSERVED",
  SIZE = "SIZE",
  TITLE = "TITLE",
  /** Full-text rank; needs `filter.text`. */
  RELEVANCE = "RELEVANCE",
}
export enum SortDirection {
  ASC = "ASC",
  DESC = "DESC",
}
export interface DatasetSort {
  field: DatasetSortField;
  direction?: SortDirection | null;
}

export interface FacetCount {
  value: string;
  count: number;
}
export type DatasetFacets = Record<
  "community" | "level" | "instrument" | "format" | "access" | "site" | "replicaState",
  FacetCount[]
>;

const TS_QUERY = "websearch_to_tsquery('simple', ?)";

/**
 * The sort key of each field as SQL over `d` (the dataset), with the id as tie-breaker so
 * cursors are stable under any sort: a cursor carries the sort, the last key and the last id,
 * and the next page starts strictly after that pair.
 */
function sortKey(sort: DatasetSort, text: string | null): { sql: string; params: unknown[] } {
  switch (sort.field) {
    case DatasetSortField.ID:
      return { sql: "d.id", params: [] };
    case DatasetSortField.CREATED:
      return { sql: "extract(epoch from d.created_at)::float8", params: [] };
    case DatasetSortField.OBSERVED:
      // Datasets without an observation time come first ascending, last descending.
      return { sql: "coalesce(extract(epoch from d.observation_start_time)::float8, -1e15)", params: [] };
    case DatasetSortField.SIZE:
      return { sql: "d.size_bytes::float8", params: [] };
    case DatasetSortField.TITLE:
      return { sql: "lower(d.title)", params: [] };
    case DatasetSortField.RELEVANCE:
      if (!text) throw badInput("Sorting by RELEVANCE needs 'filter.text'.", "sort.field");
      return { sql: `ts_rank(d.search_vector, ${TS_QUERY})::float8`, params: [text] };
  }
}

/** Discovery over the catalogue for one viewer: pages under any sort, and facet counts. */
export class DatasetSearch {
  constructor(
    private readonly em: EntityManager,
    private readonly access: Access,
  ) {}

  async page(
    query: DatasetQuery,
    page: Page,
    sort: DatasetSort = { field: DatasetSortField.ID },
  ): Promise<ConnectionResult<Dataset>> {
    const text = normalText(query.text);
    const key = sortKey(sort, text);
    const desc = sort.direction === SortDirection.DESC;
    const name = `${sort.field}:${desc ? "desc" : "asc"}`;
    const totalCount = await this.count(query);
    if (page.limit === 0) return { edges: [], totalCount, pageInfo: { hasNextPage: false, endCursor: null } };

    // The matches first, then their order: with a selective full-text filter, walking an
    // index in sort order and testing each row would read the whole table when few match.
    const inner = this.matching(query)
      .select(["d.*", raw(`${key.sql} as __sort`, key.params)])
      .getKnexQuery()
      .toSQL();
    const after = page.afterId ? parseCursor(page.afterId, name) : null;
    const dir = desc ? "desc" : "asc";
    const sql = `with m as ${normalText(query.text) ? "materialized" : "not materialized"} (${inner.sql})
      select * from m ${after ? `where (m.__sort, m.id) ${desc ? "<" : ">"} (?, ?)` : ""}
      order by m.__sort ${dir}, m.id ${dir} limit ?`;
    const rows = await this.em
      .getConnection()
      .execute<Record<string, unknown>[]>(sql, [
        ...inner.bindings,
        ...(after ? [after.key, after.id] : []),
        page.limit + 1,
      ]);
    const hasNextPage = rows.length > page.limit;
    const edges = rows.slice(0, page.limit).map((row) => {
      const node = this.em.map(Dataset, row);
      return { node, cursor: encodeCursor(JSON.stringify([name, row.__sort, node.id])) };
    });
    return { edges, totalCount, pageInfo: { hasNextPage, endCursor: edges.at(-1)?.cursor ?? null } };
  }

  async count(query: DatasetQuery): Promise<number> {
    const inner = this.matching(query).select(raw("1")).getKnexQuery().toSQL();
    const [row] = await this.em
      .getConnection()
      .execute<{ count: number }[]>(`select count(*)::int as count from (${inner.sql}) m`, [
        ...inner.bindings,
      ]);
    return row.count;
  }

  /**
   * Counts per community, level, instrument, format, access, site and replica state of the
   * datasets the filter selects, in one statement: the selection is computed once (a CTE) and
   * grouped per facet; site and state count datasets, not replicas.
   */
  async facets(query: DatasetQuery): Promise<DatasetFacets> {
    const inner = this.matching(query)
      .select(["d.id", "d.community", "d.level", "d.instrument", "d.format", "d.access"])
      .getKnexQuery()
      .toSQL();
    const column = (facet: string, col: string) =>
      `select '${facet}' as facet, ${col}::text as value, count(*)::int as count from m group by ${col}`;
    // The selection's replicas are read once (mr) for both replica facets.
    const byReplica = (facet: string, col: string) =>
      `select '${facet}', ${col}::text, count(distinct dataset_id)::int from mr group by ${col}`;
    const sql = `with m as (${inner.sql}),
      mr as (select r.site_id, r.state, r.dataset_id from replica r where r.dataset_id in (select id from m)) ${[
        column("community", "community"),
        column("level", "level"),
        column("instrument", "instrument"),
        column("format", "format"),
        column("access", "access"),
        byReplica("site", "site_id"),
        byReplica("replicaState", "state"),
      ].join(" union all ")}`;
    const rows = await this.em
      .getConnection()
      .execute<{ facet: keyof DatasetFacets; value: string; count: number }[]>(sql, [...inner.bindings]);
    const facets: DatasetFacets = {
      community: [],
      level: [],
      instrument: [],
      format: [],
      access: [],
      site: [],
      replicaState: [],
    };
    for (const row of rows) facets[row.facet].push({ value: row.value, count: row.count });
    for (const counts of Object.values(facets))
      counts.sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
    return facets;
  }

  /** The datasets the viewer may see that the query selects, as `d`. */
  private matching(query: DatasetQuery): QueryBuilder<Dataset> {
    const where: Record<string, unknown> = {};
    if (query.community) where.community = query.community;
    if (query.level) where.level = query.level;
    if (query.vo) where.vo = query.vo;
    if (query.instrument) where.instrument = query.instrument;
    if (query.format) where.format = query.format;
    if (query.access) where.access = query.access;
    if (query.ids) where.id = { $in: query.ids };
    if (query.lfns) where.lfn = { $in: query.lfns.map((lfn) => lfn.trim()) };
    const size: Record<string, number> = {};
    if (query.minSizeBytes != null) size.$gte = query.minSizeBytes;
    if (query.maxSizeBytes != null) size.$lte = query.maxSizeBytes;
    if (size.$gte != null && size.$lte != null && size.$gte > size.$lte)
      throw badInput("'minSizeBytes' must not be above 'maxSizeBytes'.", "filter.minSizeBytes");
    if (Object.keys(size).length) where.sizeBytes = size;
    const { observedFrom: from, observedTo: to } = query;
    if (from && to && to < from)
      throw badInput("'observedTo' must not be before 'observedFrom'.", "filter.observedTo");
    const structured = where;
    const qb = this.em
      .createQueryBuilder(Dataset, "d")
      .where(andVisible(structured as ObjectQuery<Dataset>, visibleDatasetFilter(this.access)));
    // Overlap of the observation with the range, as the GiST index on OBSERVED_RANGE answers it.
    if (from || to) qb.andWhere(`${OBSERVED_RANGE} && tstzrange(?, ?, '[]')`, [from ?? null, to ?? null]);
    const text = normalText(query.text);
    if (text) qb.andWhere(`d.search_vector @@ ${TS_QUERY}`, [text]);
    const sites = query.siteIds ?? [];
    const states = query.replicaStates ?? [];
    if (query.siteIds && !sites.length)
      throw badInput("'siteIds' must not be empty when given.", "filter.siteIds");
    if (query.replicaStates && !states.length)
      throw badInput("'replicaStates' must not be empty when given.", "filter.replicaStates");
    if (sites.length || states.length) {
      const conditions = ["r.dataset_id = d.id"];
      if (sites.length) conditions.push(`r.site_id in (${sites.map(() => "?").join(", ")})`);
      if (states.length) conditions.push(`r.state in (${states.map(() => "?").join(", ")})`);
      qb.andWhere(`exists (select 1 from replica r where ${conditions.join(" and ")})`, [
        ...sites,
        ...states,
      ]);
    }
    return qb;
  }
}

function normalText(text: string | null | undefined): string | null {
  if (text == null) return null;
  const trimmed = text.trim();
  if (!trimmed) throw badInput("'text' must not be empty when given.", "filter.text");
  return trimmed;
}

function parseCursor(decoded: string, sort: string): { key: unknown; id: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(decoded);
  } catch {
    parsed = null;
  }
  if (!Array.isArray(parsed) || parsed.length !== 3 || typeof parsed[2] !== "string")
    throw badInput("'after' is not a cursor of this list.", "after");
  if (parsed[0] !== sort)
    throw badInput(
      `'after' is a cursor of another sort (${String(parsed[0])}); ask again from the start.`,
      "after",
    );
  return { key: parsed[1], id: parsed[2] };
}
