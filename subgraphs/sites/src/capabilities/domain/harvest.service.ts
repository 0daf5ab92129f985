import type { EntityManager } from "@mikro-orm/postgresql";
import { LockMode } from "@mikro-orm/core";
import { Access, badInput, notFound, type AccessPolicyConfig, type Logger } from "@gridgraph/kit";
import { HarvestRun, HarvestSource, Site } from "../../entities";
import { harvest } from "./harvest-source";
import { CapabilityImportService, type CapabilityFormat } from "./import.service";

const FORMATS: CapabilityFormat[] = ["GLUE2_LDIF", "GLUE2_JSON", "GOCDB_XML"];
/** Shortest interval between two harvests of one source: BDIIs refresh every few minutes. */
export const MIN_INTERVAL_SECONDS = 300;

export interface HarvestSourceInput {
  url: string;
  format: CapabilityFormat;
  base?: string | null;
  intervalSeconds: number;
}

/**
 * Harvest schedules: per site, the sources its record is read from (a BDII, GOCDB), how often,
 * and every run's outcome. A run imports through the same path as an administrator's import
 * (CapabilityImportService), as the source itself (`harvest:<url>`, an administrator of that site
 * only), so the site's history says which source changed what. Replicas of the sites service
 * share the work: each due source is claimed with FOR UPDATE SKIP LOCKED and pushed forward
 * before it runs, so one replica runs it.
 */
export class HarvestService {
  constructor(
    private readonly em: EntityManager,
    private readonly access: Access,
  ) {}

  async sources(siteId: string): Promise<HarvestSource[]> {
    return this.em.find(HarvestSource, { siteId }, { orderBy: { url: "asc" } });
  }

  async runs(sourceId: string, first: number): Promise<HarvestRun[]> {
    return this.em.find(HarvestRun, { sourceId }, { orderBy: { startedAt: "desc" }, limit: first });
  }

  async setSource(siteId: string, input: HarvestSourceInput): Promise<HarvestSource> {
    this.access.requireSiteAdmin(siteId, `set harvest sources of site ${siteId}`);
    const problems: string[] = [];
    let url: URL | null = null;
    try {
      url = new URL(input.url);
    } catch {
      problems.push(`'url' is not a URL: ${input.url}`);
    }
    if (url && !["ldap:", "ldaps:", "http:", "https:"].includes(url.protocol))
      problems.push(`'url' must be ldap://, ldaps://, http:// or https://; got ${url.protocol}//`);
    if (url && url.protocol.startsWith("ldap") && input.format !== "GLUE2_LDIF")
      problems.push("An ldap:// source is a BDII: its format is GLUE2_LDIF.");
    if (!FORMATS.includes(input.format)) problems.push(`'format' must be one of ${FORMATS.join(", ")}.`);
    if (!Number.isInteger(input.intervalSeconds) || input.intervalSeconds < MIN_INTERVAL_SECONDS)
      problems.push(`'intervalSeconds' must be a whole number of at least ${MIN_INTERVAL_SECONDS}.`);
    if (problems.length) throw badInput(problems.join(" "), "input");
    if (!(await this.em.findOne(Site, { id: siteId }))) throw notFound("Site", siteId);
    const existing = await this.em.findOne(HarvestSource, { siteId, url: input.url });
    const source = existing ?? this.em.create(HarvestSource, { siteId, url: input.url } as never);
    Object.assign(source, {
      format: input.format,
      base: input.base?.trim() || null,
      intervalSeconds: input.intervalSeconds,
      enabled: true,
      createdBy: existing?.createdBy ?? this.access.sub!,
      nextRunAt: new Date(),
    });
    await this.em.flush();
    return source;
  }

  async removeSource(id: string): Promise<boolean> {
    const source = await this.em.findOne(HarvestSource, { id });
    if (!source) throw notFound("HarvestSource", id);
    this.access.requireSiteAdmin(source.siteId, `remove harvest sources of site ${source.siteId}`);
    this.em.remove(source);
    await this.em.flush();
    return true;
  }

  /** Runs one source now (an administrator asking); the schedule goes on from now. */
  async runNow(id: string, policy?: AccessPolicyConfig): Promise<HarvestRun> {
    const source = await this.em.findOne(HarvestSource, { id });
    if (!source) throw notFound("HarvestSource", id);
    this.access.requireSiteAdmin(source.siteId, `harvest site ${source.siteId}`);
    source.nextRunAt = new Date(Date.now() + source.intervalSeconds * 1000);
    await this.em.flush();
    return runSource(this.em, source, policy);
  }
}

/** The identity a source imports as: an administrator of its one site, named after it. */
function harvesterOf(source: HarvestSource, policy?: AccessPolicyConfig): Access {
  const template = policy?.siteAdmin ?? "urn:mace:egi.eu:group:gridgraph.egi.eu:sites:{site}:role=admin";
  return new Access(
    { sub: `harvest:${source.url}`, entitlements: [template.replace("{site}", source.siteId)] },
    policy,
  );
}

/** Harvests one source and records the run; a failure is recorded too and changes nothing. */
export async function runSource(
  em: EntityManager,
  source: HarvestSource,
  policy?: AccessPolicyConfig,
): Promise<HarvestRun> {
  const started = Date.now();
  const run = new HarvestRun();
  Object.assign(run, { sourceId: source.id, siteId: source.siteId, startedAt: new Date(started) });
  try {
    const text = await harvest(source.url, { base: source.base ?? undefined });
    const importer = new CapabilityImportService(em.fork() as EntityManager, harvesterOf(source, policy));
    const report = await importer.import(source.siteId, source.format as CapabilityFormat, text);
    Object.assign(run, {
      outcome: "SUCCEEDED",
      created: report.created,
      updated: report.updated,
      unchanged: report.unchanged,
      removed: report.removed,
      warnings: report.warnings.slice(0, 500),
    });
  } catch (error) {
    Object.assign(run, { outcome: "FAILED", error: (error as Error).message });
  }
  run.durationMs = Date.now() - started;
  const writer = em.fork();
  writer.persist(run);
  await writer.flush();
  return run;
}

/**
 * The scheduler's tick: claims the sources that are due (skipping those another replica holds),
 * moves each one's next run forward, then harvests them one after another.
 */
export async function runDueHarvests(
  em: EntityManager,
  logger: Logger,
  policy?: AccessPolicyConfig,
  now = new Date(),
): Promise<HarvestRun[]> {
  const claimed = await em.fork().transactional(async (tx) => {
    const due = await tx.find(
      HarvestSource,
      { enabled: true, nextRunAt: { $lte: now } },
      // FOR UPDATE SKIP LOCKED: a source another replica is claiming right now is left to it.
      { orderBy: { nextRunAt: "asc" }, limit: 20, lockMode: LockMode.PESSIMISTIC_PARTIAL_WRITE },
    );
    for (const source of due) source.nextRunAt = new Date(now.getTime() + source.intervalSeconds * 1000);
    return due;
  });
  const runs: HarvestRun[] = [];
  for (const source of claimed) {
    const run = await runSource(em, source, policy);
    logger[run.outcome === "SUCCEEDED" ? "info" : "warn"]("harvest run", {
      siteId: source.siteId,
      source: source.url,
      outcome: run.outcome,
      error: run.error ?? undefined,
      created: run.created,
      updated: run.updated,
      removed: run.removed,
      durationMs: run.durationMs,
    });
    runs.push(run);
  }
  return runs;
}
