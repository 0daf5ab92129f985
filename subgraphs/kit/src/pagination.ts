import DataLoader from "dataloader";
import type { EntityManager, QueryBuilder } from "@mikro-orm/postgresql";
import type { EntityName, FilterQuery, ObjectQuery } from "@mikro-orm/core";
import { ArgsType, Directive, Field, Int, ObjectType, type ClassType } from "type-graphql";
import { badInput } from "./errors";

/** The largest page any connection returns; larger `first` values are refused, not clipped. */
export const MAX_PAGE_SIZE = 250;
export const DEFAULT_PAGE_SIZE = 50;

@ObjectType({ description: "Relay-style page information." })
@Directive("@shareable")
export class PageInfo {
  @Field({ description: "True when more items follow this page." })
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true, description: "Cursor of the last edge; pass it as `after`." })
  endCursor!: string | null;
}

@ArgsType()
export class ConnectionArgs {
  @Field(() => Int, {
    nullable: true,
    description: `Page size, 0..${MAX_PAGE_SIZE} (default ${DEFAULT_PAGE_SIZE}).`,
  })
  first?: number;

  @Field(() => String, { nullable: true, description: "Return items after this cursor." })
  after?: string;
}

export interface Edge<T> {
  node: T;
  cursor: string;
}
export interface ConnectionResult<T> {
  edges: Edge<T>[];
  pageInfo: PageInfo;
  totalCount: number;
}

/** A validated page request: how many rows, after which id. */
export interface Page {
  limit: number;
  afterId: string | null;
}

const CURSOR_PREFIX = "gg1:";

export function encodeCursor(id: string): string {
  return Buffer.from(CURSOR_PREFIX + id, "utf8").toString("base64url");
}

export function decodeCursor(cursor: string): string {
  const decoded = Buffer.from(cursor, "base64url").toString("utf8");
  if (!decoded.startsWith(CURSOR_PREFIX) || decoded.length === CURSOR_PREFIX.length) {
    throw badInput(`'after' is not a cursor returned by this API: '${cursor}'.`, "after");
  }
  return decoded.slice(CURSOR_PREFIX.length);
}

export function toPage(args: ConnectionArgs): Page {
  const first = args.first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE_SIZE) {
    throw badInput(`'first' must be between 0 and ${MAX_PAGE_SIZE}; got ${first}.`, "first");
  }
  return { limit: first, afterId: args.after == null ? null : decodeCursor(args.after) };
}

export function toConnection<T extends { id: string }>(
  rows: T[],
  page: Page,
  totalCount: number,
): ConnectionResult<T> {
  const hasNextPage = rows.length > page.limit;
  const nodes = hasNextPage ? rows.slice(0, page.limit) : rows;
  const edges = nodes.map((node) => ({ node, cursor: encodeCursor(node.id) }));
  return { edges, totalCount, pageInfo: { hasNextPage, endCursor: edges.at(-1)?.cursor ?? null } };
}

/** Declares `<Name>Connection` and `<Name>Edge` object types for a node type. */
export function connectionType<T extends object>(nodeType: ClassType<T>, name: string) {
  @ObjectType(`${name}Edge`)
  class EdgeType {
    @Field(() => nodeType)
    node!: T;

    @Field()
    cursor!: string;
  }

  @ObjectType(`${name}Connection`)
  class ConnectionType {
    @Field(() => [EdgeType])
    edges!: EdgeType[];

    @Field(() => PageInfo)
    pageInfo!: PageInfo;

    @Field(() => Int, { description: "Number of items matching, over all pages." })
    totalCount!: number;
  }
  return ConnectionType;
}

/**
 * One page of a top-level list, ordered by id (ids are time-ordered or stable names):
 * two statements whatever the page size.
 */
export async function findPage<T extends { id: string }>(
  em: EntityManager,
  entity: EntityName<T>,
  filter: FilterQuery<T> | (() => FilterQuery<T>),
  page: Page,
): Promise<ConnectionResult<T>> {
  // A filter with raw SQL fragments (MikroORM `raw()`) can be used once only: give a function
  // and it is built anew for the count and for the page.
  const build = typeof filter === "function" ? filter : () => filter;
  const totalCount = await em.count(entity, build());
  const where = build();
  if (page.limit === 0) return toConnection([], page, totalCount);
  const pageWhere = page.afterId
    ? ({ $and: [where, { id: { $gt: page.afterId } }] } as FilterQuery<T>)
    : where;
  const rows = await em.find(entity, pageWhere, {
    orderBy: { id: "asc" } as never,
    limit: page.limit + 1,
  });
  return toConnection(rows, page, totalCount);
}

/**
 * Pages of children for many parents at once (`Site.replicas`, `Dataset.consumedBy`...).
 * `rows` is a query builder over the child entity that keeps only the rows a caller may see
 * (the entity's one visibility filter, see each `*.policy.ts`) for the asked parents, and
 * selects the parent's id as `__parent`. Two statements per batch, whatever the number of
 * parents: a window function cuts each parent's page. Values travel as bindings only.
 */
export async function loadChildPages<T extends { id: string }>(
  em: EntityManager,
  entity: EntityName<T>,
  rows: QueryBuilder<T>,
  parentIds: readonly string[],
  page: Page,
): Promise<ConnectionResult<T>[]> {
  const conn = em.getConnection();
  const ids = [...parentIds];
  const source = rows.getKnexQuery().toSQL();
  // Keeping only the asked parents also cuts rows that fan out to others (an unnested array).
  const src = `with src as (${source.sql}), asked as (select * from src where __parent in (?))`;
  const srcParams = [...source.bindings, ids];
  const counts = await conn.execute<{ parent: string; total: number }[]>(
    `${src} select __parent as parent, count(*)::int as total from asked group by __parent`,
    srcParams,
  );
  const totals = new Map(counts.map((c) => [c.parent, Number(c.total)]));
  const byParent = new Map<string, T[]>();
  if (page.limit > 0 && totals.size > 0) {
    const found = await conn.execute<Record<string, unknown>[]>(
      `${src}
       select * from (
         select asked.*, row_number() over (partition by __parent order by id) as __rn
         from asked where (?::text is null or id > ?)
       ) paged where __rn <= ? order by __parent, id`,
      [...srcParams, page.afterId, page.afterId, page.limit + 1],
    );
    for (const row of found) {
      const parent = row.__parent as string;
      delete row.__parent;
      delete row.__rn;
      const list = byParent.get(parent) ?? [];
      list.push(em.map(entity, row as never) as T);
      byParent.set(parent, list);
    }
  }
  return parentIds.map((id) => toConnection(byParent.get(id) ?? [], page, totals.get(id) ?? 0));
}

/** `filter` and-ed with a visibility filter (null: the caller sees everything). */
export function andVisible<T>(filter: ObjectQuery<T>, visible: ObjectQuery<T> | null): ObjectQuery<T> {
  return visible ? ({ $and: [filter, visible] } as ObjectQuery<T>) : filter;
}

/**
 * A family of DataLoaders for a paged child list: one loader per distinct page request,
 * each batching every parent asked for in the same tick.
 */
export function childPageLoaders<T extends { id: string }>(
  fetch: (parentIds: readonly string[], page: Page) => Promise<ConnectionResult<T>[]>,
) {
  const loaders = new Map<string, DataLoader<string, ConnectionResult<T>>>();
  return (page: Page) => {
    const key = `${page.limit}|${page.afterId ?? ""}`;
    let loader = loaders.get(key);
    if (!loader) {
      loader = new DataLoader((parentIds) => fetch(parentIds, page));
      loaders.set(key, loader);
    }
    return loader;
  };
}

/** A DataLoader that groups rows by a key: one `IN (...)` statement per batch. */
export function groupLoader<K, V>(fetch: (keys: readonly K[]) => Promise<V[]>, keyOf: (value: V) => K) {
  return new DataLoader<K, V[]>(async (keys) => {
    const rows = await fetch(keys);
    const groups = new Map<K, V[]>();
    for (const row of rows) {
      const k = keyOf(row);
      const list = groups.get(k) ?? [];
      list.push(row);
      groups.set(k, list);
    }
    return keys.map((k) => groups.get(k) ?? []);
  });
}

/** A DataLoader by id: one `IN (...)` statement per batch; missing ids load as null. */
export function byIdLoader<V extends { id: string }>(fetch: (ids: readonly string[]) => Promise<V[]>) {
  return new DataLoader<string, V | null>(async (ids) => {
    const rows = await fetch(ids);
    const map = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => map.get(id) ?? null);
  });
}
