import { Entity, Enum, Index, Property, OptionalProps, Unique } from "@mikro-orm/core";
import { Field, Int, ObjectType } from "type-graphql";
import { ServingState } from "./enums";
import { SitePart } from "./site-part";

@ObjectType({ description: "GLUE2 ComputingShare: a batch queue and its limits." })
@Entity({ tableName: "compute_share" })
// The natural key: two administrators adding the same queue at once end in one CONFLICT.
@Unique({ name: "compute_share_site_name_unique", properties: ["site", "name"] })
@Index({ name: "compute_share_vos_gin", properties: ["vos"], type: "gin" })
export class ComputeShare extends SitePart {
  [OptionalProps]?:
    | "id"
    | "siteId"
    | "freeSlots"
    | "usedSlots"
    | "runningJobs"
    | "waitingJobs"
    | "vos"
    | "tags"
    | "requiredTags"
    | "servingState"
    | "version";

  @Field({ description: "Mapping queue name, e.g. long, gpu, lofar." })
  @Property({ type: "text" })
  name!: string;

  @Field(() => String, { nullable: true, description: "URL of the endpoint that serves this queue." })
  @Property({ type: "text", nullable: true })
  endpointUrl?: string | null;

  @Field(() => Int, { nullable: true, description: "Maximum wall-clock time of a job, in seconds." })
  @Property({ type: "integer", nullable: true })
  maxWallTime?: number | null;

  @Field(() => Int, { nullable: true, description: "Maximum CPU time of a job, in seconds." })
  @Property({ type: "integer", nullable: true })
  maxCpuTime?: number | null;

  @Field(() => Int, { nullable: true, description: "Maximum slots (cores) one job may use." })
  @Property({ type: "integer", nullable: true })
  maxSlotsPerJob?: number | null;

  @Field(() => Int, { nullable: true, description: "Maximum main memory of a job, in MB." })
  @Property({ type: "integer", nullable: true })
  maxMainMemory?: number | null;

  @Field(() => Int, { description: "Free slots (cores) now." })
  @Property({ type: "integer" })
  freeSlots: number = 0;

  @Field(() => Int, { description: "Used slots (cores) now." })
  @Property({ type: "integer" })
  usedSlots: number = 0;

  @Field(() => Int)
  @Property({ type: "integer" })
  runningJobs: number = 0;

  @Field(() => Int)
  @Property({ type: "integer" })
  waitingJobs: number = 0;

  @Field(() => Int, { nullable: true, description: "Estimated waiting time of a new job, in seconds." })
  @Property({ type: "integer", nullable: true })
  estimatedWaitingTime?: number | null;

  @Field(() => [String], { description: "VOs mapped to this queue (GLUE2 policy vo:<name>)." })
  @Property({ type: "text[]" })
  vos: string[] = [];

  @Field(() => [String], { description: "Tags the queue offers, e.g. gpu, wholenode, multicore." })
  @Property({ type: "text[]" })
  tags: string[] = [];

  @Field(() => [String], {
    description: "Tags a job must ask for to be sent here (DIRAC RequiredTag), e.g. gpu on a GPU-only queue.",
  })
  // Added to existing tables with a default, so rows written before the column keep working.
  @Property({ type: "text[]", defaultRaw: "'{}'" })
  requiredTags: string[] = [];

  @Field(() => ServingState, {
    description: "GLUE2 ComputingShare ServingState: a draining or closed queue takes no new jobs.",
  })
  // Added to existing tables with a default, so rows written before the column are production.
  @Enum({ items: () => ServingState, default: ServingState.PRODUCTION })
  servingState: ServingState = ServingState.PRODUCTION;

  @Field(() => Int, { description: "Record version; an update must name the version it was based on." })
  @Property({ type: "integer", version: true })
  version: number = 1;
}
