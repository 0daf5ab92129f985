import { registerEnumType } from "type-graphql";

export enum Community {
  LOFAR = "LOFAR",
  NENUFAR = "NENUFAR",
  EISCAT = "EISCAT",
  PROCESS = "PROCESS",
}
/** Processing level: L0 raw ... L4 science-ready products (LOFAR/NenuFAR conventions). */
export enum DataLevel {
  L0 = "L0",
  L1 = "L1",
  L2 = "L2",
  L3 = "L3",
  L4 = "L4",
}
export enum AccessLevel {
  PUBLIC = "PUBLIC",
  VO = "VO",
  PRIVATE = "PRIVATE",
}
export enum ReplicaState {
  ONLINE = "ONLINE",
  NEARLINE = "NEARLINE",
  STAGING = "STAGING",
  LOST = "LOST",
}

registerEnumType(Community, { name: "Community", description: "Research community that produced the data." });
registerEnumType(DataLevel, {
  name: "DataLevel",
  description:
    "L0 raw, L1 averaged/flagged, L2 calibrated, L3 images/cubes, L4 catalogues and science products.",
});
registerEnumType(AccessLevel, {
  name: "AccessLevel",
  description: "PUBLIC: anyone; VO: members of the dataset's VO; PRIVATE: the owner.",
});
registerEnumType(ReplicaState, { name: "ReplicaState" });
