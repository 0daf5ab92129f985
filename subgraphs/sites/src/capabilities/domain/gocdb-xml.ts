/**
 * GOCDB programmatic-interface XML (`get_site`, `get_site_list`, `get_service_endpoint`, `get_downtime`
 * responses; one `<results>` document, any mix of SITE, SERVICE_ENDPOINT and DOWNTIME).
 */
import { XMLParser, XMLValidator } from "fast-xml-parser";

export interface GocdbSite {
  shortName: string;
  officialName?: string;
  ngi?: string;
  countryCode?: string;
  latitude?: number;
  longitude?: number;
  certificationStatus?: string;
  infrastructure?: string;
  scopes?: string[];
  homeUrl?: string;
}
export interface GocdbEndpoint {
  siteName: string;
  hostname: string;
  serviceType: string;
  url: string | null;
  inProduction: boolean;
  interfaces: { url: string | null; interfaceName: string | null }[];
}
export interface GocdbDowntime {
  id: string;
  hostedBy: string;
  hostname: string | null;
  severity: string;
  classification: string;
  description: string;
  startsAt: Date;
  endsAt: Date;
}
export interface GocdbDocument {
  sites: GocdbSite[];
  endpoints: GocdbEndpoint[];
  downtimes: GocdbDowntime[];
  warnings: string[];
}

export class GocdbFormatError extends Error {}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@",
  parseTagValue: false,
  trimValues: true,
  isArray: (name) => ["SITE", "SERVICE_ENDPOINT", "DOWNTIME", "ENDPOINT", "SCOPE", "SERVICE"].includes(name),
});

type Node = Record<string, unknown>;
const text = (n: Node, key: string): string | undefined => {
  const v = n[key];
  if (v === undefined || v === null || v === "") return undefined;
  return typeof v === "object" ? (((v as Node)["#text"] as string | undefined) ?? undefined) : String(v);
};

export function parseGocdbXml(xml: string): GocdbDocument {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    throw new GocdbFormatError(
      `GOCDB XML is not well-formed at line ${valid.err.line}, column ${valid.err.col}: ${valid.err.msg}`,
    );
  }
  const root = (parser.parse(xml) as Node).results as Node | undefined;
  if (!root)
    throw new GocdbFormatError(
      "GOCDB XML must have a <results> root element (a get_site, get_service_endpoint or get_downtime response).",
    );
  const warnings: string[] = [];
  const epoch = (n: Node, key: string, id: string): Date | null => {
    const v = Number(text(n, key));
    if (!Number.isFinite(v) || v <= 0) {
      warnings.push(`Downtime ${id}: ${key} '${text(n, key)}' is not epoch seconds; skipped.`);
      return null;
    }
    return new Date(v * 1000);
  };
  const sites = ((root.SITE as Node[] | undefined) ?? []).map((s): GocdbSite => {
    const num = (k: string) => (text(s, k) === undefined ? undefined : Number(text(s, k)));
    // get_site writes child elements; get_site_list the same facts as attributes of <SITE/>.
    const either = (element: string, attribute = element) => text(s, element) ?? text(s, `@${attribute}`);
    return {
      shortName: either("SHORT_NAME", "NAME") ?? "",
      officialName: text(s, "OFFICIAL_NAME"),
      ngi: either("ROC"),
      countryCode: either("COUNTRY_CODE"),
      latitude: num("LATITUDE"),
      longitude: num("LONGITUDE"),
      certificationStatus: text(s, "CERTIFICATION_STATUS"),
      infrastructure: text(s, "PRODUCTION_INFRASTRUCTURE"),
      scopes: ((s.SCOPES as Node | undefined)?.SCOPE as string[] | undefined)?.map(String),
      homeUrl: text(s, "HOME_URL"),
    };
  });
  const endpoints = ((root.SERVICE_ENDPOINT as Node[] | undefined) ?? []).map((e): GocdbEndpoint => ({
    siteName: text(e, "SITENAME") ?? "",
    hostname: text(e, "HOSTNAME") ?? "",
    serviceType: text(e, "SERVICE_TYPE") ?? "",
    url: text(e, "URL") ?? null,
    inProduction: (text(e, "IN_PRODUCTION") ?? "Y").toUpperCase() === "Y",
    interfaces: (((e.ENDPOINTS as Node | undefined)?.ENDPOINT as Node[] | undefined) ?? []).map((x) => ({
      url: text(x, "URL") ?? null,
      interfaceName: text(x, "INTERFACENAME") ?? null,
    })),
  }));
  const downtimes: GocdbDowntime[] = [];
  for (const d of (root.DOWNTIME as Node[] | undefined) ?? []) {
    const id = String(d["@PRIMARY_KEY"] ?? text(d, "PRIMARY_KEY") ?? d["@ID"] ?? "");
    if (!id) {
      warnings.push("A DOWNTIME without PRIMARY_KEY was skipped.");
      continue;
    }
    const startsAt = epoch(d, "START_DATE", id);
    const endsAt = epoch(d, "END_DATE", id);
    if (!startsAt || !endsAt) continue;
    const common = {
      id,
      severity: (text(d, "SEVERITY") ?? "OUTAGE").toUpperCase(),
      classification: String(d["@CLASSIFICATION"] ?? text(d, "CLASSIFICATION") ?? "SCHEDULED").toUpperCase(),
      description: text(d, "DESCRIPTION") ?? "",
      startsAt,
      endsAt,
    };
    // get_downtime lists one DOWNTIME per affected service; get_downtime_nested_services one
    // DOWNTIME with its services nested (each with its host and the site hosting it).
    const nested = ((d.SERVICES as Node | undefined)?.SERVICE as Node[] | undefined) ?? [];
    if (nested.length)
      for (const service of nested)
        downtimes.push({
          ...common,
          hostedBy: text(service, "HOSTED_BY") ?? text(d, "HOSTED_BY") ?? "",
          hostname: text(service, "HOSTNAME") ?? null,
        });
    else
      downtimes.push({
        ...common,
        hostedBy: text(d, "HOSTED_BY") ?? "",
        hostname: text(d, "HOSTNAME") ?? null,
      });
  }
  return { sites, endpoints, downtimes, warnings };
}
