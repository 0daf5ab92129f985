export * from "./enums";
export * from "./research-object.entity";
export * from "./research-object-item.entity";
export * from "./refs";
export * from "./doi-record.entity";

import { DoiRecord } from "./doi-record.entity";
import { ResearchObjectItem } from "./research-object-item.entity";
import { ResearchObject } from "./research-object.entity";

export const entities = [ResearchObject, ResearchObjectItem, DoiRecord];
