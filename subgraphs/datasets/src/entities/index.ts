export * from "./enums";
export * from "./dataset.entity";
export * from "./replica.entity";
export * from "./site-ref";
export * from "./dataset-change.entity";
export * from "./data-request.entity";

import { Dataset, Observation } from "./dataset.entity";
import { Replica } from "./replica.entity";
import { DatasetChange } from "./dataset-change.entity";
import { DataRequest, DataRequestEvent, DataRequestFile } from "./data-request.entity";

export const entities = [
  Dataset,
  Observation,
  Replica,
  DatasetChange,
  DataRequest,
  DataRequestFile,
  DataRequestEvent,
];
