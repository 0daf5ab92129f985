import { createHash } from "node:crypto";
import type { Database, Logger } from "@gridgraph/kit";
import type { EntityManager } from "@mikro-orm/postgresql";
import { composeSupergraph, type SubgraphSource } from "./compose";
import { SubgraphVersion, SupergraphVersion } from "./entities";
import {
  changedTypes,
  diffSupergraphs,
  lintSubgraphSdl,
  weighChanges,
  type CheckReport,
  type SchemaChange,
  type UsageRow,
} from "./domain/schema-checks";

export interface Supergraph {
  /** Content hash of the SDL (what gateways compare). */
  id: string;
  /** Position in the history. */
  version: number;
  sdl: string;
  composedAt: string;
  subgraphs: { name: string; url: string; version: number }[];
}

export interface SupergraphSummary {
  version: number;
  id: string;
  composedAt: string;
  reason: string;
  createdBy: string;
  subgraphs: {
    name: string;
    version: number;
    url: string;
    publishedAt: string;
    publishedBy: string;
    /** Who approved a breaking change that clients used, when this version carried one. */
    approvedBy: string | null;
  }[];
}

export interface Approval {
  by: string;
  reason?: string;
}

/** What a check (dry run) or a publish found, before anything was written. */
export interface Evaluation {
  /** Composition errors; a publish with any is refused. */
  errors: string[];
  /** Subgraphs still missing before a first supergraph can be composed. */
  missing: string[];
  /** Nothing would change: the same URL and SDL are live. */
  unchanged: boolean;
  report: CheckReport;
}

export type PublishOutcome =
  | { status: "refused"; reason: "composition" | "breaking"; evaluation: Evaluation }
  | {
      status: "published" | "unchanged";
      subgraphVersion: number;
      supergraph: Supergraph | null;
      evaluation: Evaluation;
    };

export class NotFound extends Error {}

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");
export const supergraphIdOf = (sdl: string) => sha256(sdl).slice(0, 16);
/** Every change to live state happens under this transaction-scoped lock: one at a time. */
const WRITE_LOCK = 727_001;
const day = (offsetDays = 0) => new Date(Date.now() - offsetDays * 86_400_000).toISOString().slice(0, 10);

interface LiveRow {
  name: string;
  id: number;
  url: string;
  sdl: string;
  sdl_hash: string;
}

/**
 * The registry's state in its own database (decision 0013): every published subgraph version,
 * every supergraph that went live, which subgraph versions are live now, and the usage the
 * gateways report. Nothing needed to answer lives only in this process, so any number of
 * registries on one PostgreSQL serve the same supergraph; the last one read is kept in memory
 * only to keep serving it while the database is unreachable.
 */
export class RegistryStore {
  private lastGood: Supergraph | null = null;

  constructor(
    private readonly db: Database,
    readonly expected: string[],
    private readonly logger: Logger,
    /** How far back usage counts for the breaking-change check. */
    readonly usageWindowDays = 30,
  ) {}

  private em(): EntityManager {
    return this.db.orm.em.fork() as EntityManager;
  }

  private async liveSubgraphs(em: EntityManager): Promise<Map<string, LiveRow>> {
    const rows = await em.execute<LiveRow[]>(
      `select l.name, v.id, v.url, v.sdl, v.sdl_hash from live_subgraph l
         join subgraph_version v on v.id = l.subgraph_version order by l.name`,
    );
    return new Map(rows.map((row) => [row.name, row]));
  }

  private async latest(em: EntityManager): Promise<SupergraphVersion | null> {
    return em.findOne(SupergraphVersion, { version: { $gt: 0 } }, { orderBy: { version: "desc" } });
  }

  private async toSupergraph(em: EntityManager, row: SupergraphVersion): Promise<Supergraph> {
    const ids = Object.values(row.subgraphVersions);
    const versions = ids.length ? await em.find(SubgraphVersion, { id: { $in: ids } }) : [];
    return {
      id: row.supergraphId,
      version: row.version,
      sdl: row.sdl,
      composedAt: row.composedAt.toISOString(),
      subgraphs: versions
        .map((v) => ({ name: v.name, url: v.url, version: v.id }))
        .sort((a, b) => a.name.localeCompare(b.name)),
    };
  }

  /**
   * The supergraph gateways are served: the newest in the history. When the database cannot
   * be read, the last one this registry served (a gateway keeps its own meanwhile anyway).
   */
  async live(): Promise<Supergraph | null> {
    try {
      const em = this.em();
      const head = await em.execute<{ version: number; supergraph_id: string }[]>(
        `select version, supergraph_id from supergraph_version order by version desc limit 1`,
      );
      if (head.length === 0) return null;
      if (this.lastGood?.version === head[0].version) return this.lastGood;
      const row = await em.findOneOrFail(SupergraphVersion, { version: head[0].version });
      this.lastGood = await this.toSupergraph(em, row);
      return this.lastGood;
    } catch (error) {
      if (!this.lastGood) throw error;
      this.logger.warn("registry database unreadable; serving the last supergraph read", { error });
      return this.lastGood;
    }
  }

  async missing(): Promise<string[]> {
    const live = await this.liveSubgraphs(this.em());
    return this.expected.filter((name) => !live.has(name));
  }

  async listSubgraphs(): Promise<{ name: string; url: string; version: number }[]> {
    const live = await this.liveSubgraphs(this.em());
    return [...live.values()].map((row) => ({ name: row.name, url: row.url, version: row.id }));
  }

  private async usageFor(em: EntityManager, changes: SchemaChange[]): Promise<UsageRow[]> {
    const types = changedTypes(changes.filter((c) => c.schemaSeverity === "BREAKING"));
    if (types.length === 0) return [];
    const rows = await em.execute<
      { client_name: string; operation_name: string; coordinate: string; count: string }[]
    >(
      `select client_name, operation_name, coordinate, sum(count) as count from operation_usage
        where day >= ?::date and split_part(coordinate, '.', 1) in (select jsonb_array_elements_text(?::jsonb))
        group by client_name, operation_name, coordinate`,
      [day(this.usageWindowDays), JSON.stringify(types)],
    );
    return rows.map((r) => ({
      client: r.client_name,
      operation: r.operation_name,
      coordinate: r.coordinate,
      count: Number(r.count),
    }));
  }

  /** Composition, schema diff against the live supergraph weighed by usage, and lint. */
  private async evaluate(
    em: EntityManager,
    source: SubgraphSource,
  ): Promise<{ evaluation: Evaluation; composed: string | null; live: Map<string, LiveRow> }> {
    const live = await this.liveSubgraphs(em);
    const warnings = lintSubgraphSdl(source.sdl);
    const current = live.get(source.name);
    const unchanged = current?.url === source.url && current.sdl_hash === sha256(source.sdl);
    const candidate: SubgraphSource[] = [
      ...[...live.values()]
        .filter((r) => r.name !== source.name)
        .map((r) => ({ name: r.name, url: r.url, sdl: r.sdl })),
      source,
    ];
    const present = new Set(candidate.map((c) => c.name));
    const missing = this.expected.filter((name) => !present.has(name));
    const empty: CheckReport = { changes: [], blocking: [], warnings };
    if (missing.length > 0)
      return { evaluation: { errors: [], missing, unchanged, report: empty }, composed: null, live };
    const composition = composeSupergraph(candidate);
    if (!composition.ok)
      return {
        evaluation: { errors: composition.errors, missing, unchanged, report: empty },
        composed: null,
        live,
      };
    const before = await this.latest(em);
    let report = empty;
    if (before && !unchanged) {
      const changes = await diffSupergraphs(before.sdl, composition.supergraphSdl);
      const weighed = weighChanges(changes, await this.usageFor(em, changes), this.usageWindowDays);
      report = { ...weighed, warnings: [...weighed.warnings, ...warnings] };
    }
    return {
      evaluation: { errors: [], missing, unchanged, report },
      composed: composition.supergraphSdl,
      live,
    };
  }

  /** What publishing `source` would do, without writing anything. */
  async check(source: SubgraphSource): Promise<Evaluation> {
    return (await this.evaluate(this.em(), source)).evaluation;
  }

  /**
   * Publishes a subgraph version: refused with every composition error, or when a breaking
   * change that clients used is not approved; otherwise stored, made live, and a new
   * supergraph recorded when the composed result differs. One publish at a time (a
   * transaction-scoped advisory lock), so two at once end one after the other.
   */
  async publish(source: SubgraphSource, by: string, approval?: Approval): Promise<PublishOutcome> {
    return this.em().transactional(async (tx) => {
      await tx.execute(`select pg_advisory_xact_lock(${WRITE_LOCK})`);
      const { evaluation, composed, live } = await this.evaluate(tx as EntityManager, source);
      if (evaluation.errors.length > 0) return { status: "refused", reason: "composition", evaluation };
      if (evaluation.report.blocking.length > 0 && !approval)
        return { status: "refused", reason: "breaking", evaluation };
      const current = await this.latest(tx as EntityManager);
      if (evaluation.unchanged) {
        return {
          status: "unchanged",
          subgraphVersion: live.get(source.name)!.id,
          supergraph: current ? await this.toSupergraph(tx as EntityManager, current) : null,
          evaluation,
        };
      }
      const version = new SubgraphVersion({ ...source, sdlHash: sha256(source.sdl), publishedBy: by });
      version.checks = evaluation.report;
      if (approval && evaluation.report.blocking.length > 0) {
        version.approvedBy = approval.by;
        version.approvalReason = approval.reason ?? null;
      }
      tx.persist(version);
      await tx.flush();
      await tx.execute(
        `insert into live_subgraph (name, subgraph_version) values (?, ?)
           on conflict (name) do update set subgraph_version = excluded.subgraph_version`,
        [source.name, version.id],
      );
      let supergraph = current ? await this.toSupergraph(tx as EntityManager, current) : null;
      if (composed !== null && supergraphIdOf(composed) !== current?.supergraphId) {
        const versions = Object.fromEntries([...live.values()].map((r) => [r.name, r.id]));
        versions[source.name] = version.id;
        const row = new SupergraphVersion({
          supergraphId: supergraphIdOf(composed),
          sdl: composed,
          subgraphVersions: versions,
          reason: `publish ${source.name}`,
          createdBy: by,
        });
        tx.persist(row);
        await tx.flush();
        supergraph = await this.toSupergraph(tx as EntityManager, row);
      }
      return { status: "published", subgraphVersion: version.id, supergraph, evaluation };
    });
  }

  /** The newest supergraph versions first, each with the subgraph versions it was made of. */
  async history(limit = 50): Promise<SupergraphSummary[]> {
    const em = this.em();
    const rows = await em.find(SupergraphVersion, {}, { orderBy: { version: "desc" }, limit });
    const ids = [...new Set(rows.flatMap((r) => Object.values(r.subgraphVersions)))];
    const versions = new Map(
      (ids.length ? await em.find(SubgraphVersion, { id: { $in: ids } }) : []).map((v) => [v.id, v]),
    );
    return rows.map((row) => ({
      version: row.version,
      id: row.supergraphId,
      composedAt: row.composedAt.toISOString(),
      reason: row.reason,
      createdBy: row.createdBy,
      subgraphs: Object.entries(row.subgraphVersions)
        .map(([name, id]) => {
          const v = versions.get(id);
          return {
            name,
            version: id,
            url: v?.url ?? "",
            publishedAt: v?.publishedAt.toISOString() ?? "",
            publishedBy: v?.publishedBy ?? "",
            approvedBy: v?.approvedBy ?? null,
          };
        })
        .sort((a, b) => a.name.localeCompare(b.name)),
    }));
  }

  async supergraphVersion(version: number): Promise<Supergraph> {
    const em = this.em();
    const row = await em.findOne(SupergraphVersion, { version });
    if (!row) throw new NotFound(`There is no supergraph version ${version}.`);
    return this.toSupergraph(em, row);
  }

  /** What changed for clients between two supergraph versions, and which subgraph versions. */
  async diff(from: number, to: number) {
    const [a, b] = [await this.supergraphVersion(from), await this.supergraphVersion(to)];
    const names = [...new Set([...a.subgraphs, ...b.subgraphs].map((s) => s.name))].sort();
    const subgraphs = names.flatMap((name) => {
      const before = a.subgraphs.find((s) => s.name === name);
      const after = b.subgraphs.find((s) => s.name === name);
      return before?.version === after?.version
        ? []
        : [
            {
              name,
              from: before?.version ?? null,
              to: after?.version ?? null,
              url: after?.url ?? before?.url,
            },
          ];
    });
    return { from, to, subgraphs, changes: await diffSupergraphs(a.sdl, b.sdl) };
  }

  /**
   * Makes an earlier supergraph version live again, recorded as a new version: its subgraph
   * versions become the live ones, so the next publish of any subgraph composes with them.
   */
  async rollback(target: number, by: string): Promise<{ supergraph: Supergraph; changed: boolean }> {
    return this.em().transactional(async (tx) => {
      await tx.execute(`select pg_advisory_xact_lock(${WRITE_LOCK})`);
      const old = await tx.findOne(SupergraphVersion, { version: target });
      if (!old) throw new NotFound(`There is no supergraph version ${target}.`);
      const current = await this.latest(tx as EntityManager);
      if (current && current.supergraphId === old.supergraphId)
        return { supergraph: await this.toSupergraph(tx as EntityManager, current), changed: false };
      await tx.execute(`delete from live_subgraph`);
      for (const [name, id] of Object.entries(old.subgraphVersions))
        await tx.execute(`insert into live_subgraph (name, subgraph_version) values (?, ?)`, [name, id]);
      const row = new SupergraphVersion({
        supergraphId: old.supergraphId,
        sdl: old.sdl,
        subgraphVersions: old.subgraphVersions,
        reason: `rollback to ${target}`,
        createdBy: by,
      });
      tx.persist(row);
      await tx.flush();
      return { supergraph: await this.toSupergraph(tx as EntityManager, row), changed: true };
    });
  }

  /** Adds the gateways' usage counts to today's (UTC) rows. */
  async recordUsage(reports: { client: string; operation: string; coordinates: string[]; count: number }[]) {
    // One row per key in one statement (ON CONFLICT may not touch a row twice).
    const rows = new Map<string, { client: string; operation: string; coordinate: string; count: number }>();
    for (const report of reports)
      for (const coordinate of new Set(report.coordinates)) {
        const key = `${report.client}\u0000${report.operation}\u0000${coordinate}`;
        const row = rows.get(key) ?? {
          client: report.client,
          operation: report.operation,
          coordinate,
          count: 0,
        };
        row.count += report.count;
        rows.set(key, row);
      }
    if (rows.size === 0) return 0;
    await this.em().execute(
      `insert into operation_usage (day, client_name, operation_name, coordinate, count)
         select ?::date, r.client, r.operation, r.coordinate, r.count
           from jsonb_to_recordset(?::jsonb) as r(client text, operation text, coordinate text, count bigint)
       on conflict (day, client_name, operation_name, coordinate)
         do update set count = operation_usage.count + excluded.count`,
      [day(), JSON.stringify([...rows.values()])],
    );
    return rows.size;
  }
}
