/**
 * Reads an RO-Crate made elsewhere (any RO-Crate 1.x metadata document) into the fields and
 * items of a new research object, saying what it did not understand. The `ro-crate` library
 * parses the JSON-LD (flattened graph, linked entities); the mapping to our model is here.
 */
import { ROCrate } from "ro-crate";
// The package exports Validator at run time; its type declarations are only under dist/.
import { Validator } from "ro-crate/dist/lib/validator";
import { badInput, parseJsonDocument } from "@gridgraph/kit";
import { ItemKind, ResourceType } from "../entities";
import type { CreatorFields, MetadataFields } from "../domain/research-object.rules";
import { bareOrcid } from "../domain/research-object.rules";

type Entity = Record<string, unknown[]> & { "@id": string; "@type": string[] };

export interface ImportedItem {
  kind: ItemKind;
  targetId: string;
  title: string | null;
  resourceType: ResourceType | null;
}

export interface ImportedCrate {
  fields: MetadataFields;
  items: ImportedItem[];
  /** What was left out or changed, one sentence each. */
  notUnderstood: string[];
}

const DATASET_URN = /^urn:gridgraph:dataset:(.+)$/;
const JOB_URN = /^urn:gridgraph:job:(.+)$/;
const isWebUrl = (s: string) => /^https?:\/\/\S+$/i.test(s);

const TYPE_TO_RESOURCE: [string, ResourceType][] = [
  ["ScholarlyArticle", ResourceType.PAPER],
  ["Article", ResourceType.PAPER],
  ["ComputationalWorkflow", ResourceType.WORKFLOW],
  ["ContainerImage", ResourceType.CONTAINER],
  ["SoftwareSourceCode", ResourceType.CODE],
  ["SoftwareApplication", ResourceType.CODE],
];

/** Creative Commons licence URLs as SPDX ids (creativecommons.org/licenses/by/4.0/ -> CC-BY-4.0). */
function licenceId(value: unknown): string | null {
  const text = typeof value === "string" ? value : ((value as Entity | undefined)?.["@id"] ?? null);
  if (!text) return null;
  const spdx = /^https?:\/\/spdx\.org\/licenses\/([^/]+?)(\.html|\.json)?$/i.exec(text);
  if (spdx) return spdx[1];
  const cc = /^https?:\/\/creativecommons\.org\/(licenses|publicdomain)\/([a-z-]+)\/(\d\.\d)\/?/i.exec(text);
  if (cc) return cc[2] === "zero" ? `CC0-${cc[3]}` : `CC-${cc[2].toUpperCase()}-${cc[3]}`;
  return text.startsWith("#") ? null : text;
}

const first = (entity: Entity | undefined, prop: string): unknown => entity?.[prop]?.[0];
const text = (value: unknown): string | null =>
  typeof value === "string" ? value : typeof value === "number" ? String(value) : null;

export function readCrate(input: unknown): ImportedCrate {
  let json = input;
  if (typeof input === "string") {
    try {
      json = parseJsonDocument(input);
    } catch (error) {
      throw badInput(`'crate' is not JSON: ${(error as Error).message}`, "crate");
    }
  }
  const validator = new Validator(null);
  // The library links entities in place: it gets a copy.
  validator.parseJSON(structuredClone(json));
  const errors = validator.results.filter((r: { status: string }) => r.status === "error");
  if (errors.length || !Array.isArray((json as { "@graph"?: unknown })["@graph"]))
    throw badInput(
      `'crate' is not an RO-Crate metadata document: ${errors.map((e: { message: string }) => e.message).join("; ") || "it has no @graph"}.`,
      "crate",
    );
  const graph = (json as { "@graph": { "@id"?: string; about?: { "@id"?: string } }[] })["@graph"];
  const descriptor = graph.find((e) => /(^|\/)ro-crate-metadata\.json(ld)?$/.test(e["@id"] ?? ""));
  if (!descriptor?.about?.["@id"])
    throw badInput(
      "'crate' has no RO-Crate metadata descriptor (ro-crate-metadata.json about the root).",
      "crate",
    );

  const crate = new ROCrate(structuredClone(json) as object, { array: true, link: true });
  const root = crate.rootDataset as unknown as Entity;
  const notUnderstood: string[] = [];

  const creators: CreatorFields[] = [];
  for (const person of [...(root.author ?? []), ...(root.creator ?? [])] as (Entity | string)[]) {
    if (typeof person === "string") {
      creators.push({ name: person });
      continue;
    }
    const name = text(first(person, "name"));
    if (!name) {
      notUnderstood.push(`Author '${person["@id"]}' has no name; left out.`);
      continue;
    }
    const ids = [person["@id"], ...((person.identifier ?? []) as unknown[]).map(text)].filter(
      Boolean,
    ) as string[];
    const orcid = ids.find((id) => /orcid\.org\//i.test(id));
    const affiliation = first(person, "affiliation");
    creators.push({
      name,
      orcid: orcid ? bareOrcid(orcid) : null,
      affiliation: text(affiliation) ?? text(first(affiliation as Entity | undefined, "name")),
    });
  }

  const keywords = ((root.keywords ?? []) as unknown[])
    .flatMap((k) => (typeof k === "string" ? k.split(",") : []))
    .map((k) => k.trim())
    .filter(Boolean);
  const licence = licenceId(first(root, "license"));
  if (root.license?.length && !licence)
    notUnderstood.push("The crate's licence is not an SPDX id or URL; left empty.");

  const items: ImportedItem[] = [];
  const seen = new Set<string>();
  const add = (item: ImportedItem) => {
    const key = `${item.kind} ${item.targetId}`;
    if (!seen.has(key)) items.push(item);
    seen.add(key);
  };
  const urnOf = (entity: Entity, pattern: RegExp) =>
    [entity["@id"], ...((entity.identifier ?? []) as unknown[]).map((i) => text(i) ?? (i as Entity)?.["@id"])]
      .map((id) => (id ? pattern.exec(String(id))?.[1] : undefined))
      .find(Boolean);
  const resourceTypeOf = (entity: Entity) =>
    TYPE_TO_RESOURCE.find(([type]) => entity["@type"].includes(type))?.[1] ??
    (((entity.encodingFormat ?? []) as unknown[]).some((f) => /ipynb|jupyter/i.test(String(f)))
      ? ResourceType.NOTEBOOK
      : ResourceType.OTHER);
  const external = (entity: Entity, resourceType?: ResourceType) => {
    const urls = [
      entity["@id"],
      text(first(entity, "url")),
      ...((entity.contentUrl ?? []) as unknown[]).map(text),
    ];
    const url = urls.find((u): u is string => !!u && isWebUrl(u));
    if (!url) {
      notUnderstood.push(
        `'${entity["@id"]}' (${entity["@type"].join(", ")}) has no web address: files inside a crate are not imported; register them as datasets first.`,
      );
      return;
    }
    add({
      kind: ItemKind.EXTERNAL,
      targetId: url,
      title: text(first(entity, "name")),
      resourceType: resourceType ?? resourceTypeOf(entity),
    });
  };

  for (const part of (root.hasPart ?? []) as Entity[]) {
    if (typeof part !== "object") continue;
    const dataset = urnOf(part, DATASET_URN);
    if (dataset) add({ kind: ItemKind.DATASET, targetId: dataset, title: null, resourceType: null });
    else external(part);
  }
  for (const paper of (root.citation ?? []) as Entity[])
    if (typeof paper === "object") external(paper, ResourceType.PAPER);
  for (const entity of crate.entities() as Iterable<Entity>) {
    if (!entity["@type"]?.includes("CreateAction")) continue;
    const job = urnOf(entity, JOB_URN);
    if (job) add({ kind: ItemKind.JOB, targetId: job, title: null, resourceType: null });
    else
      notUnderstood.push(
        `CreateAction '${entity["@id"]}'${first(entity, "name") ? ` (${text(first(entity, "name"))})` : ""} describes a run outside this graph; it is not a job here and was left out.`,
      );
  }
  return {
    fields: {
      title: text(first(root, "name")),
      description: text(first(root, "description")),
      creators,
      keywords,
      licence,
    },
    items,
    notUnderstood,
  };
}
