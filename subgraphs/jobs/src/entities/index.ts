export * from "./enums";
export * from "./job.entity";
export * from "./job-event.entity";
export * from "./refs";

import { Job } from "./job.entity";
import { JobEvent } from "./job-event.entity";

export const entities = [Job, JobEvent];
