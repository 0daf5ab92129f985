import { registerEnumType } from "type-graphql";

export enum ResearchObjectState {
  LIVE = "LIVE",
  SNAPSHOT = "SNAPSHOT",
  ARCHIVED = "ARCHIVED",
}
export enum ItemKind {
  DATASET = "DATASET",
  JOB = "JOB",
  EXTERNAL = "EXTERNAL",
}
export enum ResourceType {
  PAPER = "PAPER",
  CODE = "CODE",
  NOTEBOOK = "NOTEBOOK",
  WORKFLOW = "WORKFLOW",
  CONTAINER = "CONTAINER",
  OTHER = "OTHER",
}

/** DataCite's DOI states: a draft is reserved only; registered resolves; findable is also in DataCite's search. */
export enum DoiState {
  DRAFT = "DRAFT",
  REGISTERED = "REGISTERED",
  FINDABLE = "FINDABLE",
}

registerEnumType(DoiState, {
  name: "DoiState",
  description:
    "DRAFT: reserved, not resolvable; REGISTERED: resolves but hidden from search; FINDABLE: resolves and is indexed.",
});
registerEnumType(ResearchObjectState, {
  name: "ResearchObjectState",
  description:
    "LIVE: being assembled, editable; SNAPSHOT: an immutable version with a DOI; ARCHIVED: immutable and retired, DOI kept.",
});
registerEnumType(ResourceType, { name: "ResourceType", description: "Kind of an external resource." });
