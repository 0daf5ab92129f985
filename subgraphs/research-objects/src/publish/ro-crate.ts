import { ResourceType } from "../entities";
import {
  contentUrlOf,
  datasetIdsOf,
  doiUrl,
  externalOf,
  issuedOf,
  jobIdsOf,
  orcidUrl,
  spdxUrl,
  type Publication,
} from "./publication";
import type { GraphDataset, GraphJob, GraphSite } from "./item-graph";

export const RO_CRATE_SPEC = "https://w3id.org/ro/crate/1.2";
export const PROCESS_RUN_CRATE = "https://w3id.org/ro/wfrun/process/0.5";
const WFRUN = "https://w3id.org/ro/terms/workflow-run#";
/** RO-Crate 1.2's context, plus the Workflow Run terms for containers and a checksum term. */
export const CRATE_CONTEXT = [
  `${RO_CRATE_SPEC}/context`,
  {
    containerImage: `${WFRUN}containerImage`,
    ContainerImage: `${WFRUN}ContainerImage`,
    checksum: "http://spdx.org/rdf/terms#checksumValue",
  },
];

type Entity = Record<string, unknown> & { "@id": string; "@type": string | string[] };
const ref = (id: string) => ({ "@id": id });

/** Identifiers that let a crate come back (importResearchObject) to the same graph objects. */
export const datasetUrn = (id: string) => `urn:gridgraph:dataset:${id}`;
export const jobUrn = (id: string) => `urn:gridgraph:job:${id}`;

const EXTERNAL_TYPE: Record<ResourceType, string> = {
  [ResourceType.PAPER]: "ScholarlyArticle",
  [ResourceType.CODE]: "SoftwareSourceCode",
  [ResourceType.WORKFLOW]: "SoftwareSourceCode",
  [ResourceType.CONTAINER]: "SoftwareApplication",
  [ResourceType.NOTEBOOK]: "SoftwareSourceCode",
  [ResourceType.OTHER]: "CreativeWork",
};

const ACTION_STATUS: Record<string, string> = {
  COMPLETED: "http://schema.org/CompletedActionStatus",
  FAILED: "http://schema.org/FailedActionStatus",
  CANCELLED: "http://schema.org/FailedActionStatus",
  RUNNING: "http://schema.org/ActiveActionStatus",
};

/**
 * The research object as an RO-Crate 1.2 metadata document conforming to the Process Run Crate
 * profile: datasets as File/Dataset data entities at their replicas (size, checksum, where),
 * each job as a CreateAction (instrument: the executable or container; object: its inputs;
 * result: its outputs; agent: the first creator; start and end), sites as Places, the DOI as
 * identifier and cite-as. Entities are yielded one by one so a large crate can be streamed.
 */
export function* crateEntities(p: Publication): Generator<Entity> {
  const { ro } = p;
  const datasetIds = datasetIdsOf(p).filter((id) => p.graph.datasets.has(id));
  const jobIds = new Set(jobIdsOf(p).filter((id) => p.graph.jobs.has(id)));
  // The jobs that made the object's datasets are part of its story, listed or not.
  for (const id of datasetIds) {
    const producer = p.graph.datasets.get(id)?.producedBy?.id;
    if (producer && p.graph.jobs.has(producer)) jobIds.add(producer);
  }
  const dataEntityId = new Map<string, string>();
  const idOfDataset = (id: string) => {
    let entityId = dataEntityId.get(id);
    if (!entityId) {
      entityId = contentUrlOf(p, id) ?? datasetUrn(id);
      // Two datasets at the same URL stay two entities.
      if ([...dataEntityId.values()].includes(entityId)) entityId = datasetUrn(id);
      dataEntityId.set(id, entityId);
    }
    return entityId;
  };
  const creatorId = (i: number) =>
    ro.creators[i].orcid ? orcidUrl(ro.creators[i].orcid!) : `#creator-${i + 1}`;
  const external = externalOf(p);
  const papers = external.filter((x) => x.resourceType === ResourceType.PAPER);
  const parts = external.filter((x) => x.resourceType !== ResourceType.PAPER);

  yield {
    "@id": "ro-crate-metadata.json",
    "@type": "CreativeWork",
    conformsTo: ref(RO_CRATE_SPEC),
    about: ref("./"),
  };
  yield {
    "@id": "./",
    "@type": "Dataset",
    name: ro.title,
    description: ro.description ?? ro.title,
    datePublished: issuedOf(p).toISOString(),
    dateCreated: ro.createdAt.toISOString(),
    dateModified: ro.updatedAt.toISOString(),
    ...(ro.licence ? { license: ref(spdxUrl(ro.licence)) } : {}),
    author: ro.creators.map((_, i) => ref(creatorId(i))),
    keywords: ro.keywords,
    publisher: ref("#publisher"),
    version: String(ro.version),
    url: p.landingUrl,
    ...(ro.doi ? { identifier: ref(doiUrl(ro.doi)), "cite-as": ref(doiUrl(ro.doi)) } : {}),
    conformsTo: ref(PROCESS_RUN_CRATE),
    hasPart: [...datasetIds.map((id) => ref(idOfDataset(id))), ...parts.map((x) => ref(x.targetId))],
    ...(papers.length ? { citation: papers.map((x) => ref(x.targetId)) } : {}),
    mentions: [...jobIds].map((id) => ref(`#job-${id}`)),
  };
  yield { "@id": PROCESS_RUN_CRATE, "@type": "CreativeWork", name: "Process Run Crate", version: "0.5" };
  yield { "@id": "#publisher", "@type": "Organization", name: p.publisher };
  if (ro.licence)
    yield {
      "@id": spdxUrl(ro.licence),
      "@type": "CreativeWork",
      name: ro.licence,
      identifier: ro.licence,
      description: `The ${ro.licence} licence, as the SPDX licence list identifies it.`,
    };
  const organisations = new Map<string, string>();
  for (const [i, c] of ro.creators.entries()) {
    if (c.affiliation && !organisations.has(c.affiliation))
      organisations.set(c.affiliation, `#organization-${organisations.size + 1}`);
    yield {
      "@id": creatorId(i),
      "@type": "Person",
      name: c.name,
      ...(c.affiliation ? { affiliation: ref(organisations.get(c.affiliation)!) } : {}),
    };
  }
  for (const [name, id] of organisations) yield { "@id": id, "@type": "Organization", name };

  const sitesUsed = new Map<string, GraphSite>();
  const datasetEntity = (d: GraphDataset): Entity => {
    for (const r of d.replicas) if (r.site) sitesUsed.set(r.site.id, r.site);
    const urls = d.replicas.map((r) => `${r.storageUrl.replace(/\/+$/, "")}/${r.path.replace(/^\/+/, "")}`);
    const places = [...new Set(d.replicas.flatMap((r) => (r.site ? [`#site-${r.site.id}`] : [])))];
    return {
      "@id": idOfDataset(d.id),
      "@type": d.fileCount > 1 ? "Dataset" : "File",
      name: d.title,
      ...(d.description ? { description: d.description } : {}),
      identifier: datasetUrn(d.id),
      alternateName: d.lfn,
      encodingFormat: d.format,
      contentSize: String(d.sizeBytes),
      ...(d.checksum ? { checksum: d.checksum } : {}),
      ...(urls.length ? { contentUrl: urls } : {}),
      ...(places.length ? { contentLocation: places.map(ref) } : {}),
      ...(d.observation?.startTime
        ? {
            temporalCoverage: `${d.observation.startTime}/${d.observation.endTime ?? d.observation.startTime}`,
          }
        : {}),
      keywords: [d.community, d.instrument, d.level, d.productType],
      dateCreated: d.createdAt,
    };
  };
  const written = new Set<string>();
  for (const id of datasetIds) {
    written.add(id);
    yield datasetEntity(p.graph.datasets.get(id)!);
  }
  for (const x of external)
    yield {
      "@id": x.targetId,
      "@type": EXTERNAL_TYPE[x.resourceType ?? ResourceType.OTHER],
      name: x.title ?? x.targetId,
      url: x.targetId,
    };

  const instruments = new Map<string, Entity>();
  const jobEntity = (j: GraphJob): Entity => {
    if (j.site) sitesUsed.set(j.site.id, j.site);
    const instrumentId = `#software-${encodeURIComponent(j.executable)}`;
    if (!instruments.has(instrumentId))
      instruments.set(instrumentId, {
        "@id": instrumentId,
        "@type": "SoftwareApplication",
        name: j.executable.split("/").at(-1) || j.executable,
        alternateName: j.executable,
      });
    const ids = (refs: ({ id: string } | null)[]) =>
      refs.flatMap((d) => (d && p.graph.datasets.has(d.id) ? [ref(idOfDataset(d.id))] : []));
    const status = ACTION_STATUS[j.status] ?? "http://schema.org/PotentialActionStatus";
    return {
      "@id": `#job-${j.id}`,
      "@type": "CreateAction",
      name: j.name,
      identifier: jobUrn(j.id),
      instrument: ref(instrumentId),
      ...(j.containerImage
        ? { containerImage: ref(`#container-${encodeURIComponent(j.containerImage)}`) }
        : {}),
      object: ids(j.inputs),
      result: ids(j.outputs),
      ...(ro.creators.length ? { agent: ref(creatorId(0)) } : {}),
      ...(j.startedAt ? { startTime: j.startedAt } : {}),
      ...(j.finishedAt ? { endTime: j.finishedAt } : {}),
      actionStatus: ref(status),
      ...(j.status === "FAILED" && j.statusReason ? { error: j.statusReason } : {}),
      ...(j.site ? { location: ref(`#site-${j.site.id}`) } : {}),
      ...(j.arguments.length ? { description: `${j.executable} ${j.arguments.join(" ")}` } : {}),
    };
  };
  const containers = new Set<string>();
  for (const id of jobIds) {
    const job = p.graph.jobs.get(id)!;
    yield jobEntity(job);
    if (job.containerImage) containers.add(job.containerImage);
    for (const d of [...job.inputs, ...job.outputs])
      if (d && !written.has(d.id) && p.graph.datasets.has(d.id)) {
        written.add(d.id);
        yield datasetEntity(p.graph.datasets.get(d.id)!);
      }
  }
  yield* instruments.values();
  for (const image of containers)
    yield { "@id": `#container-${encodeURIComponent(image)}`, "@type": "ContainerImage", name: image };
  for (const site of sitesUsed.values()) {
    const hasGeo = site.latitude !== null && site.longitude !== null;
    yield {
      "@id": `#site-${site.id}`,
      "@type": "Place",
      name: site.officialName,
      identifier: site.id,
      address: site.country,
      ...(site.homeUrl ? { url: site.homeUrl } : {}),
      ...(hasGeo ? { geo: ref(`#geo-${site.id}`) } : {}),
    };
    if (hasGeo)
      yield {
        "@id": `#geo-${site.id}`,
        "@type": "GeoCoordinates",
        latitude: site.latitude,
        longitude: site.longitude,
      };
  }
}

/** The whole metadata document (what `GET /ro/<id>/ro-crate-metadata.json` serves). */
export function crateDocument(p: Publication) {
  return { "@context": CRATE_CONTEXT, "@graph": [...crateEntities(p)] };
}

/** A crate document as chunks of JSON text, one entity each, for streaming. */
export function* crateJsonChunks(document: { "@context": unknown; "@graph": unknown[] }): Generator<string> {
  yield `{"@context":${JSON.stringify(document["@context"])},"@graph":[`;
  let first = true;
  for (const entity of document["@graph"]) {
    yield (first ? "" : ",") + JSON.stringify(entity);
    first = false;
  }
  yield "]}";
}
