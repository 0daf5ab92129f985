export * from "./enums";
export * from "./research-object.entity";
export * from "./research-object-item.entity";
export * from "./refs";

import { ResearchObjectItem } from "./research-object-item.entity";
import { ResearchObject } from "./research-object.entity";

export const entities = [ResearchObject, ResearchObjectItem];
