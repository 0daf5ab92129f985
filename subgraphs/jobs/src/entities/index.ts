export * from "./enums";
export * from "./job.entity";
export * from "./job-event.entity";
export * from "./job-collection.entity";
export * from "./refs";

import { Job } from "./job.entity";
import { JobCollection } from "./job-collection.entity";
import { JobEvent } from "./job-event.entity";

export const entities = [Job, JobEvent, JobCollection];
