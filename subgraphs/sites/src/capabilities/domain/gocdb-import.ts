import type { EntityManager } from "@mikro-orm/postgresql";
import { badInput, notFound } from "@gridgraph/kit";
import {
  CertificationStatus,
  ComputeEndpoint,
  Downtime,
  DowntimeClassification,
  DowntimeSeverity,
  HealthState,
  Infrastructure,
  ServingState,
  Site,
  SiteChange,
  SiteKind,
  StorageEndpoint,
} from "../../entities";
import { applyChanges, type Changes } from "../../registry/domain/changes";
import { checkRecord, Problems, SITE_ID } from "../../registry/domain/record-rules";
import type { GocdbDocument } from "./gocdb-xml";
import { mendSite } from "./record-quirks";
import type { ImportReport } from "./import-report";

/** GOCDB service types that are compute endpoints; the rest (SRM, webdav, site-BDII, APEL...) are reported. */
const COMPUTE = /(htcondorce|condor|arc|arex|cream|slurm|nova|openstack|hpc|\bce\b|-ce$)/i;

/**
 * Applies GOCDB's view of a site: its details (SITE; GOCDB is the topology source, so a site
 * it names that the registry lacks is created), compute endpoints (SERVICE_ENDPOINT) and
 * downtimes (DOWNTIME, matched by GOCDB's PRIMARY_KEY; they affect whichever endpoints GOCDB
 * names: compute, storage or any other service, placement counts the compute ones). GOCDB knows
 * no queues or hardware, so nothing else is touched and nothing is removed. Every value passes
 * the record rules. One transaction; idempotent.
 */
export class GocdbImport {
  constructor(
    private readonly em: EntityManager,
    private readonly actor: string,
  ) {}

  apply(siteId: string, doc: GocdbDocument): Promise<ImportReport> {
    return this.em.transactional(async (em) => {
      let site = await em.findOne(Site, { id: siteId });
      const described = doc.sites.find((s) => s.shortName === siteId);
      if (!site && !described) throw notFound("Site", siteId); // only get_site says enough to create one
      const report: ImportReport = {
        siteId,
        created: 0,
        updated: 0,
        unchanged: 0,
        removed: 0,
        warnings: [...doc.warnings],
      };
      const warn = (w: string) => report.warnings.push(w);
      const record = (entityType: string, entityId: string, action: string, changes: Changes) =>
        em.create(SiteChange, { siteId, actor: this.actor, entityType, entityId, action, changes });
      const patch = (
        target: object,
        values: Record<string, unknown>,
        entityType: string,
        entityId: string,
      ) => {
        const changes = applyChanges(target, values);
        if (Object.keys(changes).length) {
          record(entityType, entityId, "UPDATE", changes);
          report.updated++;
        } else report.unchanged++;
      };

      for (const s of doc.sites) {
        if (s.shortName !== siteId) {
          warn(`SITE ${s.shortName} is not ${siteId}; ignored.`);
          continue;
        }
        const cert = Object.values(CertificationStatus).find(
          (c) => c.toLowerCase() === s.certificationStatus?.toLowerCase(),
        );
        if (site && s.certificationStatus && !cert)
          warn(
            `CERTIFICATION_STATUS '${s.certificationStatus}' is not a GOCDB status; kept ${site.certificationStatus}.`,
          );
        const infra = Object.values(Infrastructure).find(
          (c) => c.toLowerCase() === s.infrastructure?.toLowerCase(),
        );
        if (site && s.infrastructure && !infra)
          warn(`PRODUCTION_INFRASTRUCTURE '${s.infrastructure}' is unknown; kept ${site.infrastructure}.`);
        const values: Record<string, unknown> = {
          officialName: s.officialName,
          ngi: s.ngi,
          country: s.countryCode?.toUpperCase(),
          latitude: Number.isFinite(s.latitude) ? s.latitude : undefined,
          longitude: Number.isFinite(s.longitude) ? s.longitude : undefined,
          certificationStatus: cert,
          infrastructure: infra,
          scopes: s.scopes,
          homeUrl: s.homeUrl,
        };
        if (!site) {
          if (!SITE_ID.test(siteId))
            throw badInput(
              `GOCDB's site '${siteId}' cannot be created: a site id is a GOCDB short name (letters, digits, '.', '_', '-'; no spaces).`,
              "siteId",
            );
          // GOCDB does not say what kind of resources a site has; its BDII or an administrator will.
          values.kind = SiteKind.HTC;
          warn(
            `Site ${siteId} created from GOCDB as kind HTC (GOCDB does not say); correct it with updateSite if not.`,
          );
          // get_site_list and other instances' get_site say less than EGI's get_site: a new site
          // gets the cautious value for what is missing, said, and a later get_site corrects it.
          if (!values.officialName) {
            values.officialName = siteId;
            warn(`GOCDB gives no OFFICIAL_NAME for ${siteId}; its short name is used.`);
          }
          if (!values.certificationStatus) {
            values.certificationStatus = CertificationStatus.CANDIDATE;
            warn(
              `${siteId} recorded as ${CertificationStatus.CANDIDATE}: GOCDB gives ${s.certificationStatus ? `'${s.certificationStatus}', which is not a GOCDB status` : "no CERTIFICATION_STATUS"}.`,
            );
          }
          if (!values.infrastructure) {
            values.infrastructure = Infrastructure.TEST;
            warn(
              `${siteId} recorded in the ${Infrastructure.TEST} infrastructure: GOCDB gives ${s.infrastructure ? `'${s.infrastructure}', which is not Production or Test` : "no PRODUCTION_INFRASTRUCTURE"}.`,
            );
          }
        }
        mendSite(siteId, values, report.warnings);
        const problems = new Problems();
        const checked = checkRecord("Site", values, site ? (site as never) : null, problems);
        problems.throwIfAny(`GOCDB's SITE ${siteId} cannot be imported`);
        if (!site) {
          site = em.create(Site, { id: siteId, ...checked } as never);
          record("Site", siteId, "CREATE", applyChanges({}, checked));
          report.created++;
        } else patch(site, checked, "Site", site.id);
      }
      if (!site) throw notFound("Site", siteId);
      const owner = site;

      const endpoints = await em.find(ComputeEndpoint, { site: siteId });
      for (const e of doc.endpoints) {
        if (e.siteName !== siteId) {
          warn(`SERVICE_ENDPOINT ${e.hostname} belongs to ${e.siteName}, not ${siteId}; ignored.`);
          continue;
        }
        if (!COMPUTE.test(e.serviceType)) {
          warn(`SERVICE_ENDPOINT ${e.hostname} (${e.serviceType}) is not a compute endpoint; not imported.`);
          continue;
        }
        const url = e.interfaces.find((i) => i.url)?.url ?? e.url;
        if (!url) {
          warn(`SERVICE_ENDPOINT ${e.hostname} (${e.serviceType}) publishes no URL; not imported.`);
          continue;
        }
        const problems = new Problems();
        checkRecord("ComputeEndpoint", { url }, {}, problems);
        if (problems.list.length) {
          warn(
            `SERVICE_ENDPOINT ${e.hostname}: ${problems.list.map((p) => p.message).join(" ")} Not imported.`,
          );
          continue;
        }
        const interfaceName = e.interfaces.find((i) => i.interfaceName)?.interfaceName ?? e.serviceType;
        const servingState = e.inProduction ? ServingState.PRODUCTION : ServingState.CLOSED;
        const existing = endpoints.find((x) => x.url === url);
        if (existing) {
          patch(existing, { interfaceName, servingState }, "ComputeEndpoint", existing.id);
        } else {
          const created = em.create(ComputeEndpoint, {
            site: owner,
            url,
            interfaceName,
            implementationName: e.serviceType,
            healthState: HealthState.UNKNOWN,
            servingState,
          });
          endpoints.push(created);
          record("ComputeEndpoint", created.id, "CREATE", {
            url: { before: null, after: url },
            interfaceName: { before: null, after: interfaceName },
          });
          report.created++;
        }
      }

      // GOCDB lists a downtime once per affected service: merge them by PRIMARY_KEY.
      const merged = new Map<string, { d: GocdbDocument["downtimes"][number]; hosts: Set<string | null> }>();
      for (const d of doc.downtimes) {
        if (d.hostedBy !== siteId) {
          warn(`DOWNTIME ${d.id} is hosted by ${d.hostedBy}, not ${siteId}; ignored.`);
          continue;
        }
        const entry = merged.get(d.id) ?? { d, hosts: new Set() };
        entry.hosts.add(d.hostname);
        merged.set(d.id, entry);
      }
      const downtimes = await em.find(Downtime, { site: siteId });
      const storage = await em.find(StorageEndpoint, { site: siteId });
      // What GOCDB itself says of each host (a BDII, an SRM...), for downtimes of services the
      // registry keeps no record of.
      const gocdbUrls = new Map<string, string>();
      for (const e of doc.endpoints)
        if (e.siteName === siteId)
          gocdbUrls.set(e.hostname, e.interfaces.find((i) => i.url)?.url ?? e.url ?? e.hostname);
      for (const [id, { d, hosts }] of merged) {
        const severity = Object.values(DowntimeSeverity).find((s) => s === d.severity);
        const classification = Object.values(DowntimeClassification).find((c) => c === d.classification);
        if (!severity || !classification) {
          warn(
            `DOWNTIME ${id}: severity '${d.severity}' or classification '${d.classification}' unknown; skipped.`,
          );
          continue;
        }
        if (d.endsAt <= d.startsAt) {
          warn(`DOWNTIME ${id} ends before it starts; skipped.`);
          continue;
        }
        let affectedEndpoints: string[] = [];
        if (!hosts.has(null)) {
          // Each affected host as the registry knows it: its compute or storage endpoints' URLs,
          // or else what GOCDB calls it. Placement counts the compute endpoints among them.
          const hostOf = (url: string) => {
            try {
              return new URL(url).hostname;
            } catch {
              return url;
            }
          };
          for (const host of hosts as Set<string>) {
            const known = [...endpoints, ...storage].filter((e) => hostOf(e.url) === host).map((e) => e.url);
            affectedEndpoints.push(...(known.length ? known : [gocdbUrls.get(host) ?? host]));
          }
          affectedEndpoints = [...new Set(affectedEndpoints)].sort();
        }
        const values = {
          severity,
          classification,
          startsAt: d.startsAt,
          endsAt: d.endsAt,
          description: d.description,
          affectedEndpoints,
        };
        const existing = downtimes.find((x) => x.externalId === id);
        if (existing) patch(existing, values, "Downtime", existing.id);
        else {
          const created = em.create(Downtime, { site: owner, externalId: id, ...values });
          record(
            "Downtime",
            created.id,
            "CREATE",
            Object.fromEntries(Object.entries(values).map(([k, v]) => [k, { before: null, after: v }])),
          );
          report.created++;
        }
      }
      return report;
    });
  }
}
