import type { Creator, ResearchObject, ResearchObjectItem } from "../entities";
import { ItemKind } from "../entities";
import type { ItemGraph } from "./item-graph";

/**
 * Everything a research object publishes, gathered once and read by the DataCite metadata,
 * the RO-Crate, the landing page and the citations alike, so they cannot disagree.
 */
export interface Publication {
  ro: Pick<
    ResearchObject,
    | "id"
    | "title"
    | "description"
    | "keywords"
    | "licence"
    | "state"
    | "version"
    | "doi"
    | "createdAt"
    | "updatedAt"
    | "publishedAt"
    | "archivedAt"
  > & { creators: Creator[] };
  /** The items in the order added. */
  items: Pick<ResearchObjectItem, "kind" | "targetId" | "title" | "resourceType" | "addedAt">[];
  graph: ItemGraph;
  /** Other versions: the snapshot before and after this one, and what a fork was made from. */
  versions: { previousDoi: string | null; nextDoi: string | null; forkedFromDoi: string | null };
  /** `<landingBaseUrl>/ro/<id>`: the URL the DOI resolves to. */
  landingUrl: string;
  publisher: string;
}

export const datasetIdsOf = (p: Pick<Publication, "items">) =>
  p.items.filter((i) => i.kind === ItemKind.DATASET).map((i) => i.targetId);
export const jobIdsOf = (p: Pick<Publication, "items">) =>
  p.items.filter((i) => i.kind === ItemKind.JOB).map((i) => i.targetId);
export const externalOf = (p: Pick<Publication, "items">) =>
  p.items.filter((i) => i.kind === ItemKind.EXTERNAL);

export const doiUrl = (doi: string) => `https://doi.org/${doi}`;
export const orcidUrl = (orcid: string) => `https://orcid.org/${orcid}`;
export const spdxUrl = (licence: string) => `https://spdx.org/licenses/${licence}`;

/** A DOI inside a URL (https://doi.org/10.1051/...), or null. */
export function doiInUrl(url: string): string | null {
  const match = /^https?:\/\/(dx\.)?doi\.org\/(10\.\d{4,9}\/\S+)$/i.exec(url.trim());
  return match ? decodeURIComponent(match[2]) : null;
}

/** When the research object was (or, for a LIVE one, would be) published. */
export const issuedOf = (p: Pick<Publication, "ro">) => p.ro.publishedAt ?? new Date();

/**
 * Where a dataset's bytes are, as a URL a user can follow: its first online replica (or any
 * replica), the storage endpoint's URL followed by the path.
 */
export function contentUrlOf(p: Publication, datasetId: string): string | null {
  const dataset = p.graph.datasets.get(datasetId);
  if (!dataset?.replicas.length) return null;
  const replica = dataset.replicas.find((r) => r.state === "ONLINE") ?? dataset.replicas[0];
  return `${replica.storageUrl.replace(/\/+$/, "")}/${replica.path.replace(/^\/+/, "")}`;
}
