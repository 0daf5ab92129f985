import { OptimisticLockError, UniqueConstraintViolationException } from "@mikro-orm/core";
import type { EntityManager } from "@mikro-orm/postgresql";
import { badInput, conflict, notFound, type Access } from "@gridgraph/kit";
import { applyChanges, recordFields, removalChanges, type Changes } from "./changes";
import { checkRecord, Problems, SITE_ID, type RecordKind } from "./record-rules";
import {
  ApplicationEnvironment,
  ComputeEndpoint,
  ComputeShare,
  Downtime,
  ExecutionEnvironment,
  Site,
  SiteChange,
  StorageEndpoint,
} from "../../entities";

/** The entity class of every part of a site record. */
export const PART_ENTITIES = {
  ComputeEndpoint,
  ComputeShare,
  ExecutionEnvironment,
  ApplicationEnvironment,
  StorageEndpoint,
  Downtime,
};
export type PartKind = keyof typeof PART_ENTITIES;
type Part = InstanceType<(typeof PART_ENTITIES)[PartKind]>;

/** Short words for messages ("queue long at PSNC"). */
const NOUN: Record<PartKind, string> = {
  ComputeEndpoint: "compute endpoint",
  ComputeShare: "queue",
  ExecutionEnvironment: "execution environment",
  ApplicationEnvironment: "application environment",
  StorageEndpoint: "storage endpoint",
  Downtime: "downtime",
};
const a = (kind: PartKind) => (/^[aeiou]/.test(NOUN[kind]) ? `an ${NOUN[kind]}` : `a ${NOUN[kind]}`);
const describe = (kind: PartKind, part: Record<string, unknown>) =>
  `${NOUN[kind]} ${String(part.url ?? part.name ?? part.id)}`;

/** Application environments are immutable (name + version is what they are): no record version. */
const versioned = (kind: PartKind, part: Part): part is Exclude<Part, ApplicationEnvironment> =>
  kind !== "ApplicationEnvironment" && "version" in part;

/**
 * Editing a site's record, part by part: only that site's administrators and platform
 * administrators. Every update names the version it was based on (CONFLICT otherwise, also
 * when two writers race: the UPDATE itself checks the version), every change is kept in the
 * site's history in the same transaction, and every field is checked by `record-rules.ts`.
 */
export class SiteAdminService {
  constructor(
    private readonly em: EntityManager,
    private readonly access: Access,
  ) {}

  /** History entries go into the same flush, so they commit or roll back with the change. */
  private record(siteId: string, entityType: string, entityId: string, action: string, changes: Changes) {
    this.em.create(SiteChange, { siteId, actor: this.access.sub!, entityType, entityId, action, changes });
  }

  private async flushOrConflict(what: string) {
    try {
      await this.em.flush();
    } catch (error) {
      if (error instanceof OptimisticLockError) {
        throw conflict(`${what} was changed by someone else at the same time; reload it and try again.`);
      }
      if (error instanceof UniqueConstraintViolationException) {
        // Two writers added the same natural key at once; the database let one through.
        throw conflict(
          `${what}: someone else added the same one at the same time; reload the site's record.`,
        );
      }
      throw error;
    }
  }

  private async site(id: string): Promise<Site> {
    const site = await this.em.findOne(Site, { id });
    if (!site) throw notFound("Site", id);
    return site;
  }

  private checkVersion(what: string, current: number, expected: number) {
    if (current !== expected) {
      throw conflict(
        `${what} changed since version ${expected} (now ${current}); reload it and apply your change again.`,
      );
    }
  }

  private check(kind: RecordKind, fields: object, current: object | null, what: string) {
    const problems = new Problems();
    const values = checkRecord(kind, fields as Record<string, unknown>, current as never, problems);
    problems.throwIfAny(what);
    return values;
  }

  /** Registers a new site (an administrator entitlement for that site id, or a platform administrator). */
  async createSite(id: string, fields: object): Promise<Site> {
    this.access.requireSiteAdmin(id, `register site ${id}`);
    if (!SITE_ID.test(id)) {
      throw badInput(
        `'id' must be a GOCDB short name (letters, digits, '-', '_', '.'), such as CYFRONET-LCG2; got '${id}'.`,
        "id",
      );
    }
    const values = this.check("Site", fields, null, `Site ${id}`);
    if (await this.em.findOne(Site, { id })) throw conflict(`Site ${id} already exists; update it instead.`);
    const site = this.em.create(Site, { id, ...values } as never);
    this.record(id, "Site", id, "CREATE", applyChanges({}, recordFields(site)));
    await this.flushOrConflict(`Site ${id}`);
    return site;
  }

  async updateSite(id: string, expectedVersion: number, fields: object): Promise<Site> {
    this.access.requireSiteAdmin(id, `edit site ${id}`);
    const site = await this.site(id);
    this.checkVersion(`Site ${site.id}`, site.version, expectedVersion);
    const diff = applyChanges(site, this.check("Site", fields, site, `Site ${id}`));
    if (Object.keys(diff).length === 0) return site; // nothing changed: no new version, no history
    this.record(site.id, "Site", site.id, "UPDATE", diff);
    await this.flushOrConflict(`Site ${site.id}`);
    return site;
  }

  async createPart<K extends PartKind>(
    kind: K,
    siteId: string,
    fields: object,
  ): Promise<InstanceType<(typeof PART_ENTITIES)[K]>> {
    this.access.requireSiteAdmin(siteId, `add ${a(kind)} to site ${siteId}`);
    const site = await this.site(siteId);
    const values = this.check(kind, fields, null, `New ${NOUN[kind]} at ${siteId}`);
    await this.checkReferences(kind, siteId, values, null);
    const part = this.em.create(PART_ENTITIES[kind] as never, { ...values, site } as never) as Part;
    this.record(siteId, kind, part.id, "CREATE", applyChanges({}, recordFields(part)));
    await this.flushOrConflict(`New ${NOUN[kind]} at ${siteId}`);
    return part as never;
  }

  async updatePart<K extends PartKind>(
    kind: K,
    id: string,
    expectedVersion: number,
    fields: object,
  ): Promise<InstanceType<(typeof PART_ENTITIES)[K]>> {
    this.access.requireViewer(`edit ${a(kind)}`);
    const part = await this.findPart(kind, id);
    const what = `The ${describe(kind, part as never)} at ${part.siteId}`;
    this.access.requireSiteAdmin(part.siteId, `edit the ${NOUN[kind]}s of site ${part.siteId}`);
    if (versioned(kind, part)) this.checkVersion(what, part.version, expectedVersion);
    const values = this.check(kind, fields, part, what);
    await this.checkReferences(kind, part.siteId, values, part);
    const diff = applyChanges(part, values);
    if (Object.keys(diff).length === 0) return part as never;
    this.record(part.siteId, kind, part.id, "UPDATE", diff);
    await this.flushOrConflict(what);
    return part as never;
  }

  /** Removes a part; the history keeps what it was. */
  async deletePart(kind: PartKind, id: string, expectedVersion: number | null): Promise<string> {
    this.access.requireViewer(`remove ${a(kind)}`);
    const part = await this.findPart(kind, id);
    const what = `The ${describe(kind, part as never)} at ${part.siteId}`;
    this.access.requireSiteAdmin(part.siteId, `remove the ${NOUN[kind]}s of site ${part.siteId}`);
    if (versioned(kind, part)) {
      if (expectedVersion == null) {
        throw badInput(`'expectedVersion' is required to remove ${a(kind)}.`, "expectedVersion");
      }
      this.checkVersion(what, part.version, expectedVersion);
    }
    if (kind === "ComputeEndpoint") {
      const url = (part as ComputeEndpoint).url;
      const served = await this.em.find(ComputeShare, { site: part.siteId, endpointUrl: url });
      if (served.length) {
        throw badInput(
          `${what} serves the queues ${served.map((s) => s.name).join(", ")}; point them at another endpoint or remove them first.`,
          "id",
        );
      }
    }
    this.record(part.siteId, kind, part.id, "DELETE", removalChanges(part));
    this.em.remove(part);
    await this.flushOrConflict(what);
    return id;
  }

  private async findPart(kind: PartKind, id: string): Promise<Part> {
    const part = (await this.em.findOne(PART_ENTITIES[kind] as never, { id } as never)) as Part | null;
    if (!part) throw notFound(kind, id);
    return part;
  }

  /** Natural keys stay unique within a site, and references point at the site's own endpoints. */
  private async checkReferences(
    kind: PartKind,
    siteId: string,
    values: Record<string, unknown>,
    current: Part | null,
  ) {
    const problems = new Problems();
    const clash = async (field: string, where: Record<string, unknown>) => {
      const other = (await this.em.findOne(
        PART_ENTITIES[kind] as never,
        {
          site: siteId,
          ...where,
        } as never,
      )) as Part | null;
      // A clash with what is there is a CONFLICT, as when the database catches a concurrent one.
      if (other && other.id !== current?.id) {
        throw conflict(
          `Site ${siteId} already has ${a(kind)} ${Object.values(where).filter(Boolean).join(" ")} (id ${other.id}, '${field}'); ${kind === "ApplicationEnvironment" ? "there is nothing to add" : "update that one instead"}.`,
        );
      }
    };
    const after = { ...(current as object), ...values } as Record<string, unknown>;
    if ((kind === "ComputeEndpoint" || kind === "StorageEndpoint") && values.url !== undefined)
      await clash("url", { url: after.url });
    if (kind === "ComputeShare" && values.name !== undefined) await clash("name", { name: after.name });
    if (kind === "ApplicationEnvironment")
      await clash("name", { name: after.name, version: after.version ?? null });

    const endpointUrls = async () => {
      const [compute, storage] = await Promise.all([
        this.em.find(ComputeEndpoint, { site: siteId }),
        this.em.find(StorageEndpoint, { site: siteId }),
      ]);
      return { compute: compute.map((e) => e.url), all: [...compute, ...storage].map((e) => e.url) };
    };
    if (kind === "ComputeShare" && typeof values.endpointUrl === "string") {
      const { compute } = await endpointUrls();
      if (!compute.includes(values.endpointUrl)) {
        problems.add(
          "endpointUrl",
          `'endpointUrl' ${values.endpointUrl} is not a compute endpoint of ${siteId}; its endpoints are ${compute.join(", ") || "none yet (add one first)"}.`,
        );
      }
    }
    if (kind === "Downtime" && Array.isArray(values.affectedEndpoints) && values.affectedEndpoints.length) {
      const { all } = await endpointUrls();
      const unknown = (values.affectedEndpoints as string[]).filter((u) => !all.includes(u));
      if (unknown.length) {
        problems.add(
          "affectedEndpoints",
          `'affectedEndpoints' names ${unknown.join(", ")}, not an endpoint of ${siteId}; leave the list empty for the whole site.`,
        );
      }
    }
    problems.throwIfAny(`${NOUN[kind]} at ${siteId}`);
  }
}
