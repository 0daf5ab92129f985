export * from "./enums";
export * from "./site.entity";
export * from "./compute-endpoint.entity";
export * from "./compute-share.entity";
export * from "./execution-environment.entity";
export * from "./application-environment.entity";
export * from "./storage-endpoint.entity";
export * from "./downtime.entity";
export * from "./site-change.entity";
export * from "./registry-state.entity";
export * from "./harvest.entity";

import { ApplicationEnvironment } from "./application-environment.entity";
import { ComputeEndpoint } from "./compute-endpoint.entity";
import { ComputeShare } from "./compute-share.entity";
import { Downtime } from "./downtime.entity";
import { ExecutionEnvironment } from "./execution-environment.entity";
import { Site } from "./site.entity";
import { SiteChange } from "./site-change.entity";
import { RegistryState } from "./registry-state.entity";
import { StorageEndpoint } from "./storage-endpoint.entity";
import { HarvestRun, HarvestSource } from "./harvest.entity";

export const entities = [
  Site,
  ComputeEndpoint,
  ComputeShare,
  ExecutionEnvironment,
  ApplicationEnvironment,
  StorageEndpoint,
  Downtime,
  SiteChange,
  RegistryState,
  HarvestSource,
  HarvestRun,
];
