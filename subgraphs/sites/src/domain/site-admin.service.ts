import { OptimisticLockError } from "@mikro-orm/core";
import type { EntityManager } from "@mikro-orm/postgresql";
import { badInput, conflict, notFound, type Access } from "../../../kit/src";
import { CertificationStatus, Downtime, DowntimeClassification, DowntimeSeverity, Site } from "../entities";

export interface SiteChanges {
  id: string;
  /** The `version` the change was based on; a different current version means someone else changed it. */
  expectedVersion: number;
  officialName?: string | null;
  homeUrl?: string | null;
  certificationStatus?: CertificationStatus | null;
  supportedVos?: string[] | null;
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
    if (changes.officialName != null) {
      if (!changes.officialName.trim()) throw badInput("'officialName' must not be empty.", "officialName");
      site.officialName = changes.officialName.trim();
    }
    if (changes.homeUrl !== undefined) {
      if (changes.homeUrl !== null && !/^https?:\/\/\S+$/.test(changes.homeUrl)) {
        throw badInput(`'homeUrl' must be an http(s) URL; got '${changes.homeUrl}'.`, "homeUrl");
      }
      site.homeUrl = changes.homeUrl;
    }
    if (changes.certificationStatus != null) site.certificationStatus = changes.certificationStatus;
    if (changes.supportedVos != null) {
      if (changes.supportedVos.some((vo) => !vo.trim()))
        throw badInput("'supportedVos' must not contain empty names.", "supportedVos");
      site.supportedVos = [...new Set(changes.supportedVos.map((vo) => vo.trim()))];
    }
    try {
      await this.em.flush(); // the UPDATE checks the version too: a concurrent writer loses here
    } catch (error) {
      if (error instanceof OptimisticLockError) {
        throw conflict(
          `Site ${site.id} was changed by someone else at the same time; reload it and try again.`,
        );
      }
      throw error;
    }
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
    await this.em.flush();
    return downtime;
  }
}
