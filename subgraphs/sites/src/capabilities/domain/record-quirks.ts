import countries from "i18n-iso-countries";
import english from "i18n-iso-countries/langs/en.json";
import { HealthState, ServingState } from "../../entities";
import { platformAlias } from "../../registry/domain/record-rules";
import type { ImportedDocument, ImportedSiteRecord } from "./capability-document";

countries.registerLocale(english);

/**
 * What real publishers write that the record rules would refuse, mapped on the way in with a
 * warning each, before the rules (record-rules.ts) see the records: every importer goes through
 * here, so a quirk is understood once. What cannot be mapped is left for the rules to refuse
 * with its position.
 *
 * - country names (`Italy`, `SWITZERLAND`) -> ISO 3166-1 alpha-2 codes; a home page written as
 *   a bare host name -> its https URL;
 * - `amd64`/`arm64` -> the GLUE2 platform names;
 * - limits published as 0 (GLUE2 placeholders for "not set") -> no limit; node types whose CPUs
 *   or memory are 0 -> left out;
 * - endpoint URLs with unexpanded template placeholders (`$(port)s`) -> left out;
 * - URLs without a scheme, completed from the endpoint's interface or protocol when that says
 *   which scheme it is;
 * - health and serving states outside GLUE2's lists -> unknown / production.
 */

/** Interface names (lower case) and the one URL scheme each speaks. */
const INTERFACE_SCHEMES: Record<string, string> = {
  "org.nordugrid.arcrest": "https",
  "org.ogf.emies": "https",
  "org.glite.ce.cream": "https",
  "org.slurm.rest": "https",
  "org.openstack.nova": "https",
  "org.opensciencegrid.htcondorce": "https",
  "org.nordugrid.gridftpjob": "gsiftp",
  "org.nordugrid.ldapglue2": "ldap",
  "org.nordugrid.ldapng": "ldap",
  bdii_site: "ldap",
  bdii_top: "ldap",
  srm: "httpg",
  gsiftp: "gsiftp",
  xroot: "root",
  root: "root",
  webdav: "davs",
  https: "https",
  s3: "s3",
};

const LIMITS = ["maxWallTime", "maxCpuTime", "maxSlotsPerJob", "maxMainMemory"] as const;
const HEALTH = new Set<string>(Object.values(HealthState));
const SERVING = new Set<string>(Object.values(ServingState));

/** `host:port/path` with no scheme, completed when one of `names` says which scheme it speaks. */
function completeUrl(url: string, names: string[]): string | null {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(url) || !url.trim()) return null;
  const schemes = new Set(names.map((n) => INTERFACE_SCHEMES[n.toLowerCase()]).filter(Boolean));
  return schemes.size === 1 ? `${[...schemes][0]}://${url.trim()}` : null;
}

/** A site's own fields as publishers write them: country names, a web page without a scheme. */
export function mendSite(
  id: string,
  site: { country?: unknown; homeUrl?: unknown },
  warnings: string[],
): void {
  if (typeof site.country === "string" && !/^[A-Za-z]{2}$/.test(site.country.trim())) {
    const code = countries.getAlpha2Code(site.country.trim(), "en");
    if (code) {
      warnings.push(`Country '${site.country}' of ${id} read as ${code}.`);
      site.country = code;
    }
  }
  // A web page written as a bare host name (www.example.org) is an https page.
  if (typeof site.homeUrl === "string" && /^[a-z0-9-]+(\.[a-z0-9-]+)+(\/\S*)?$/i.test(site.homeUrl.trim())) {
    warnings.push(`Home page '${site.homeUrl}' of ${id} read as https://${site.homeUrl.trim()}.`);
    site.homeUrl = `https://${site.homeUrl.trim()}`;
  }
}

export function mendRecords(doc: ImportedDocument): void {
  const where = (row: object, fallback: string) => {
    const origin = doc.origins?.get(row);
    return origin ? `${fallback} (${origin})` : fallback;
  };
  for (const record of doc.records) mendRecord(record, doc.warnings, where);
}

function mendRecord(r: ImportedSiteRecord, warnings: string[], where: (row: object, what: string) => string) {
  mendSite(r.site.id, r.site, warnings);
  // An endpoint whose URL still holds its publisher's template placeholders (OpenStack's
  // `$(compute_port)s`, `${port}`) names no reachable address: left out, said so.
  const templated = (url: string) => /\$\([^)]*\)|\$\{[^}]*\}/.test(url);
  r.endpoints = r.endpoints.filter((e) => {
    if (!templated(e.url)) return true;
    warnings.push(
      `${where(e, `ComputingEndpoint ${e.url}`)}: the URL holds unexpanded template placeholders; not imported.`,
    );
    return false;
  });
  for (const q of r.shares) if (q.endpointUrl && templated(q.endpointUrl)) q.endpointUrl = null;
  for (const e of r.endpoints) {
    const what = where(e, `ComputingEndpoint ${e.url}`);
    const completed = completeUrl(e.url, [e.interfaceName]);
    if (completed) {
      warnings.push(`${what}: URL without a scheme read as ${completed} (interface ${e.interfaceName}).`);
      e.url = completed;
    }
    if (!e.interfaceName) {
      warnings.push(`${what} names no interface; stored as 'unknown'.`);
      e.interfaceName = "unknown";
    }
    if (!HEALTH.has(e.healthState)) {
      warnings.push(`${what}: health state '${e.healthState}' is not a GLUE2 value; stored as unknown.`);
      e.healthState = "unknown";
    }
    if (!SERVING.has(e.servingState)) {
      warnings.push(`${what}: serving state '${e.servingState}' is not a GLUE2 value; stored as production.`);
      e.servingState = "production";
    }
  }
  const endpointUrls = new Map(
    r.endpoints.map((e) => [e.url.replace(/^[a-z][a-z0-9+.-]*:\/\//i, ""), e.url]),
  );
  for (const q of r.shares) {
    if (!SERVING.has(q.servingState)) {
      warnings.push(
        `${where(q, `ComputingShare ${q.name}`)}: serving state '${q.servingState}' is not a GLUE2 value; stored as production.`,
      );
      q.servingState = "production";
    }
    for (const limit of LIMITS) {
      if (q[limit] === 0) {
        warnings.push(`${where(q, `ComputingShare ${q.name}`)}: ${limit} 0 read as "not set".`);
        q[limit] = null;
      }
    }
    // A queue naming an endpoint whose URL was completed above follows it.
    if (q.endpointUrl && !/:\/\//.test(q.endpointUrl))
      q.endpointUrl = endpointUrls.get(q.endpointUrl) ?? q.endpointUrl;
  }
  // A node type whose CPUs or memory are GLUE2's placeholder 0 describes nothing placement can
  // use (the OGF templates publish exactly that): left out, said so.
  r.environments = r.environments.filter((e) => {
    if (e.logicalCpus > 0 && e.mainMemory > 0) return true;
    warnings.push(
      `${where(e, "ExecutionEnvironment")} publishes ${e.logicalCpus} CPUs and ${e.mainMemory} MB (placeholders for "unknown"); not imported.`,
    );
    return false;
  });
  for (const e of r.environments) {
    if (e.totalInstances < 1) {
      warnings.push(
        `${where(e, "ExecutionEnvironment")}: TotalInstances ${e.totalInstances} read as 1 (unknown).`,
      );
      e.totalInstances = 1;
    }
    const alias = platformAlias(e.platform);
    if (alias) {
      warnings.push(`${where(e, "ExecutionEnvironment")}: platform ${e.platform} read as ${alias}.`);
      e.platform = alias;
    }
  }
  for (const s of r.storageEndpoints) {
    const completed = completeUrl(s.url, s.protocols);
    if (completed) {
      warnings.push(`${where(s, `StorageEndpoint ${s.url}`)}: URL without a scheme read as ${completed}.`);
      s.url = completed;
    }
  }
}
