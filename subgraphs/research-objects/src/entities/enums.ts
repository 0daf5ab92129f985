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

registerEnumType(ResearchObjectState, {
  name: "ResearchObjectState",
  description: "LIVE: being assembled, editable; SNAPSHOT: frozen with a DOI; ARCHIVED: frozen and retired.",
});
registerEnumType(ResourceType, { name: "ResourceType", description: "Kind of an external resource." });
