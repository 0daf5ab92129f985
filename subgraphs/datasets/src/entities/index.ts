export * from "./enums";
export * from "./dataset.entity";
export * from "./replica.entity";
export * from "./site-ref";

import { Dataset, Observation } from "./dataset.entity";
import { Replica } from "./replica.entity";

export const entities = [Dataset, Observation, Replica];
