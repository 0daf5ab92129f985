import {
  contentUrlOf,
  datasetIdsOf,
  doiInUrl,
  externalOf,
  issuedOf,
  jobIdsOf,
  orcidUrl,
  spdxUrl,
  type Publication,
} from "./publication";
import { ResourceType } from "../entities";

type Related = {
  relatedIdentifier: string;
  relatedIdentifierType: "DOI" | "URL" | "URN";
  relationType: string;
  resourceTypeGeneral?: string;
};

/** How an external resource relates to the research object, by its kind. */
const EXTERNAL_RELATION: Record<ResourceType, { relationType: string; resourceTypeGeneral: string }> = {
  [ResourceType.PAPER]: { relationType: "IsSupplementTo", resourceTypeGeneral: "JournalArticle" },
  [ResourceType.CODE]: { relationType: "IsCompiledBy", resourceTypeGeneral: "Software" },
  [ResourceType.WORKFLOW]: { relationType: "IsCompiledBy", resourceTypeGeneral: "Workflow" },
  [ResourceType.CONTAINER]: { relationType: "IsCompiledBy", resourceTypeGeneral: "Software" },
  [ResourceType.NOTEBOOK]: { relationType: "HasPart", resourceTypeGeneral: "ComputationalNotebook" },
  [ResourceType.OTHER]: { relationType: "References", resourceTypeGeneral: "Other" },
};

/** A URL's identifier: a DOI when it is a doi.org link, the URL otherwise. */
const identifierOf = (url: string): Pick<Related, "relatedIdentifier" | "relatedIdentifierType"> => {
  const doi = doiInUrl(url);
  return doi
    ? { relatedIdentifier: doi, relatedIdentifierType: "DOI" }
    : { relatedIdentifier: url, relatedIdentifierType: "URL" };
};

/** A dataset's identifier: where its bytes are, or a URN of its id when it has no replica. */
const datasetIdentifier = (
  p: Publication,
  id: string,
): Pick<Related, "relatedIdentifier" | "relatedIdentifierType"> => {
  const url = contentUrlOf(p, id);
  return url && /^https?:\/\//.test(url)
    ? { relatedIdentifier: url, relatedIdentifierType: "URL" }
    : { relatedIdentifier: `urn:gridgraph:dataset:${id}`, relatedIdentifierType: "URN" };
};

/**
 * The DataCite attributes of a research object, derived from what the graph knows (nobody
 * types metadata twice): creators with ORCID iDs, subjects from keywords, rights from the
 * SPDX licence, related identifiers from the items, the provenance and the other versions,
 * geoLocations from the sites where the data is and the jobs ran. `researchObject {
 * dataciteMetadata }` shows exactly this; a snapshot sends it with `event: publish`.
 */
export function dataciteAttributes(p: Publication): Record<string, unknown> {
  const { ro } = p;
  const related: Related[] = [];
  const seen = new Set<string>();
  const relate = (r: Related) => {
    const key = `${r.relationType} ${r.relatedIdentifier}`;
    if (!seen.has(key)) related.push(r);
    seen.add(key);
  };
  const datasetIds = datasetIdsOf(p);
  const inObject = new Set(datasetIds);
  for (const id of datasetIds)
    relate({ ...datasetIdentifier(p, id), relationType: "HasPart", resourceTypeGeneral: "Dataset" });
  // Provenance: what the research object's data was made from, outside the object.
  for (const id of datasetIds) {
    const dataset = p.graph.datasets.get(id);
    const producer = dataset?.producedBy ? p.graph.jobs.get(dataset.producedBy.id) : undefined;
    const sources = [
      ...(dataset?.derivedFrom.map((d) => d.id) ?? []),
      ...(producer?.inputs.flatMap((d) => (d ? [d.id] : [])) ?? []),
    ];
    for (const source of sources)
      if (!inObject.has(source))
        relate({
          ...datasetIdentifier(p, source),
          relationType: "IsDerivedFrom",
          resourceTypeGeneral: "Dataset",
        });
  }
  for (const item of externalOf(p)) {
    const relation = EXTERNAL_RELATION[item.resourceType ?? ResourceType.OTHER];
    relate({ ...identifierOf(item.targetId), ...relation });
  }
  if (p.versions.previousDoi)
    relate({
      relatedIdentifier: p.versions.previousDoi,
      relatedIdentifierType: "DOI",
      relationType: "IsNewVersionOf",
    });
  if (p.versions.nextDoi)
    relate({
      relatedIdentifier: p.versions.nextDoi,
      relatedIdentifierType: "DOI",
      relationType: "IsPreviousVersionOf",
    });
  if (p.versions.forkedFromDoi)
    relate({
      relatedIdentifier: p.versions.forkedFromDoi,
      relatedIdentifierType: "DOI",
      relationType: "IsVersionOf",
    });

  const sites = new Map<string, { name: string; lat: number | null; lon: number | null }>();
  for (const id of datasetIds)
    for (const r of p.graph.datasets.get(id)?.replicas ?? [])
      if (r.site)
        sites.set(r.site.id, { name: r.site.officialName, lat: r.site.latitude, lon: r.site.longitude });
  for (const id of jobIdsOf(p)) {
    const site = p.graph.jobs.get(id)?.site;
    if (site) sites.set(site.id, { name: site.officialName, lat: site.latitude, lon: site.longitude });
  }
  const observed = datasetIds
    .map((id) => p.graph.datasets.get(id)?.observation)
    .filter((o): o is { target: string | null; startTime: string; endTime: string | null } => !!o?.startTime);
  const firstObserved = observed.map((o) => o.startTime).sort()[0];
  const lastObserved = observed
    .map((o) => o.endTime ?? o.startTime)
    .sort()
    .at(-1);
  const totalBytes = datasetIds.reduce((sum, id) => sum + (p.graph.datasets.get(id)?.sizeBytes ?? 0), 0);
  const formats = [...new Set(datasetIds.flatMap((id) => p.graph.datasets.get(id)?.format ?? []))];

  return {
    ...(ro.doi ? { doi: ro.doi } : {}),
    url: p.landingUrl,
    creators: ro.creators.map((c) => ({
      name: c.name,
      nameType: "Personal",
      ...(c.orcid
        ? {
            nameIdentifiers: [
              {
                nameIdentifier: orcidUrl(c.orcid),
                nameIdentifierScheme: "ORCID",
                schemeUri: "https://orcid.org",
              },
            ],
          }
        : {}),
      ...(c.affiliation ? { affiliation: [{ name: c.affiliation }] } : {}),
    })),
    titles: [{ title: ro.title }],
    publisher: p.publisher,
    publicationYear: issuedOf(p).getUTCFullYear(),
    types: { resourceTypeGeneral: "Collection", resourceType: "Research Object" },
    subjects: ro.keywords.map((subject) => ({ subject })),
    ...(ro.description
      ? { descriptions: [{ description: ro.description, descriptionType: "Abstract" }] }
      : {}),
    ...(ro.licence
      ? {
          rightsList: [
            {
              rights: ro.licence,
              rightsUri: spdxUrl(ro.licence),
              rightsIdentifier: ro.licence,
              rightsIdentifierScheme: "SPDX",
              schemeUri: "https://spdx.org/licenses/",
            },
          ],
        }
      : {}),
    dates: [
      { date: ro.createdAt.toISOString().slice(0, 10), dateType: "Created" },
      ...(ro.publishedAt ? [{ date: ro.publishedAt.toISOString().slice(0, 10), dateType: "Issued" }] : []),
      ...(firstObserved ? [{ date: `${firstObserved}/${lastObserved}`, dateType: "Collected" }] : []),
    ],
    relatedIdentifiers: related,
    sizes: [`${totalBytes} bytes`, `${datasetIds.length} datasets`],
    formats,
    version: String(ro.version),
    geoLocations: [...sites.values()].map((s) => ({
      geoLocationPlace: s.name,
      ...(s.lat !== null && s.lon !== null
        ? { geoLocationPoint: { pointLatitude: s.lat, pointLongitude: s.lon } }
        : {}),
    })),
    schemaVersion: "http://datacite.org/schema/kernel-4",
  };
}
