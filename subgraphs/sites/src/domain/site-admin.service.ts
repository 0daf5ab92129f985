import { OptimisticLockError } from "@mikro-orm/core";
import type { EntityManager } from "@mikro-orm/postgresql";
import { badInput, conflict, notFound, type Access } from "../../../kit/src";
import { applyChanges, type Changes } from "./changes";
import {
  CertificationStatus,
  ComputeShare,
  Downtime,
  DowntimeClassification,
  DowntimeSeverity,
  Site,
  SiteChange,
} from "../entities";

export interface SiteChanges {
  id: string;
  /** The `version` the change was based on; a different current version means someone else changed it. */
  expectedVersion: number;
  officialName?: string | null;
  homeUrl?: string | null;
  certificationStatus?: CertificationStatus | null;
  supportedVos?: string[] | null;
}

export interface ShareChanges {
  id: string;
  expectedVersion: number;
  maxWallTime?: number | null;
  maxCpuTime?: number | null;
  maxSlotsPerJob?: number | null;
  maxMainMemory?: number | null;
  vos?: string[] | null;
  tags?: string[] | null;
}

export interface NewDowntime {
  siteId: string;
  severity: DowntimeSeverity;
  classification: DowntimeClassification;
  startsAt: Date;
  endsAt: Date;
  description: string;
  affectedEndpoints?: string[] | null;
}

/**
 * Editing a site's record: only that site's administrators and platform administrators.
 * (The full capability administration with history and imports is the registry issue.)
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
      await this.em.flush(); // the UPDATE checks the version too: a concurrent writer loses here
    } catch (error) {
      if (error instanceof OptimisticLockError) {
        throw conflict(`${what} was changed by someone else at the same time; reload it and try again.`);
      }
      throw error;
    }
  }

  private async site(id: string): Promise<Site> {
    const site = await this.em.findOne(Site, { id });
    if (!site) throw notFound("Site", id);
    return site;
  }

  async update(changes: SiteChanges): Promise<Site> {
    this.access.requireSiteAdmin(changes.id, `edit site ${changes.id}`);
    const site = await this.site(changes.id);
    if (site.version !== changes.expectedVersion) {
      throw conflict(
        `Site ${site.id} changed since version ${changes.expectedVersion} (now ${site.version}); reload it and apply your change again.`,
      );
    }
    const patch: Partial<Site> = {};
    if (changes.officialName != null) {
      if (!changes.officialName.trim()) throw badInput("'officialName' must not be empty.", "officialName");
      patch.officialName = changes.officialName.trim();
    }
    if (changes.homeUrl !== undefined) {
      if (changes.homeUrl !== null && !/^https?:\/\/\S+$/.test(changes.homeUrl)) {
        throw badInput(`'homeUrl' must be an http(s) URL; got '${changes.homeUrl}'.`, "homeUrl");
      }
      patch.homeUrl = changes.homeUrl;
    }
    if (changes.certificationStatus != null) patch.certificationStatus = changes.certificationStatus;
    if (changes.supportedVos != null) {
      if (changes.supportedVos.some((vo) => !vo.trim())) {
        throw badInput("'supportedVos' must not contain empty names.", "supportedVos");
      }
      patch.supportedVos = [...new Set(changes.supportedVos.map((vo) => vo.trim()))];
    }
    const diff = applyChanges(site, patch);
    if (Object.keys(diff).length === 0) return site; // nothing changed: no new version, no history
    this.record(site.id, "Site", site.id, "UPDATE", diff);
    await this.flushOrConflict(`Site ${site.id}`);
    return site;
  }

  async declareDowntime(input: NewDowntime): Promise<Downtime> {
    this.access.requireSiteAdmin(input.siteId, `declare downtimes of site ${input.siteId}`);
    const site = await this.site(input.siteId);
    if (input.endsAt <= input.startsAt) throw badInput("'endsAt' must be after 'startsAt'.", "endsAt");
    if (!input.description.trim()) throw badInput("'description' must not be empty.", "description");
    const downtime = this.em.create(Downtime, {
      site,
      severity: input.severity,
      classification: input.classification,
      startsAt: input.startsAt,
      endsAt: input.endsAt,
      description: input.description.trim(),
      affectedEndpoints: input.affectedEndpoints ?? [],
    });
    this.record(site.id, "Downtime", downtime.id, "CREATE", {
      severity: { before: null, after: downtime.severity },
      startsAt: { before: null, after: downtime.startsAt },
      endsAt: { before: null, after: downtime.endsAt },
      description: { before: null, after: downtime.description },
    });
    await this.em.flush();
    return downtime;
  }

  /** Corrects a queue's published limits (GLUE2 ComputingShare), with history. */
  async updateShare(changes: ShareChanges): Promise<ComputeShare> {
    const share = await this.em.findOne(ComputeShare, { id: changes.id });
    if (!share) throw notFound("ComputeShare", changes.id);
    this.access.requireSiteAdmin(share.siteId, `edit the queues of site ${share.siteId}`);
    if (share.version !== changes.expectedVersion) {
      throw conflict(
        `Queue ${share.name} at ${share.siteId} changed since version ${changes.expectedVersion} (now ${share.version}); reload it and apply your change again.`,
      );
    }
    const patch: Partial<ComputeShare> = {};
    for (const key of ["maxWallTime", "maxCpuTime", "maxSlotsPerJob", "maxMainMemory"] as const) {
      const value = changes[key];
      if (value === undefined) continue;
      if (value !== null && (!Number.isInteger(value) || value < 1)) {
        throw badInput(
          `'${key}' must be a whole number of at least 1 (or null for no limit); got ${value}.`,
          key,
        );
      }
      patch[key] = value;
    }
    if (changes.vos != null) patch.vos = [...new Set(changes.vos.map((v) => v.trim()).filter(Boolean))];
    if (changes.tags != null) patch.tags = [...new Set(changes.tags.map((t) => t.trim()).filter(Boolean))];
    const diff = applyChanges(share, patch);
    if (Object.keys(diff).length === 0) return share;
    this.record(share.siteId, "ComputeShare", share.id, "UPDATE", diff);
    await this.flushOrConflict(`Queue ${share.name} at ${share.siteId}`);
    return share;
  }
}
