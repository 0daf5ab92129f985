import { Entity, Enum, Index, PrimaryKey, Property, OptionalProps } from "@mikro-orm/core";
import { Directive, Field, ID, Int, ObjectType } from "type-graphql";
import { newId, REF_KEY } from "@gridgraph/kit";
import { JobStatus } from "./enums";

@ObjectType("Job", { description: "A job: what to run, where it was placed, and how it went." })
@Directive('@key(fields: "id")')
// The hidden second key other subgraphs refer by (see the kit's references.ts).
@Directive(REF_KEY)
@Entity({ tableName: "job" })
@Index({
  name: "job_input_dataset_ids_gin",
  expression: 'create index "job_input_dataset_ids_gin" on "job" using gin ("input_dataset_ids")',
})
export class Job {
  [OptionalProps]?:
    | "id"
    | "ref"
    | "arguments"
    | "cores"
    | "memoryMb"
    | "gpus"
    | "wallTimeSeconds"
    | "requiredSoftware"
    | "tags"
    | "inputDatasetIds"
    | "status"
    | "submittedAt"
    | "updatedAt";

  @Field(() => ID)
  @PrimaryKey({ type: "text" })
  id: string = newId();

  /** Equal to `id`; not in the API (see the kit's references.ts). */
  @Field(() => ID)
  @Directive("@inaccessible")
  get ref(): string {
    return this.id;
  }

  @Field({ description: "A name for people, e.g. 'LOFAR L2 calibration L123456'." })
  @Property({ type: "text" })
  name!: string;

  @Field({ description: "Subject (OIDC sub) of the submitter." })
  @Property({ type: "text", index: true })
  owner!: string;

  @Field({ description: "VO the job runs as, e.g. vo.lofar.eu." })
  @Property({ type: "text", index: true })
  vo!: string;

  @Field()
  @Property({ type: "text" })
  executable!: string;

  @Field(() => [String])
  @Property({ type: "text[]" })
  arguments: string[] = [];

  @Field(() => Int, { description: "Cores (slots) requested." })
  @Property({ type: "integer" })
  cores: number = 1;

  @Field(() => Int, { description: "Memory requested, in MB." })
  @Property({ type: "integer" })
  memoryMb: number = 2000;

  @Field(() => Int, { description: "GPUs requested." })
  @Property({ type: "integer" })
  gpus: number = 0;

  @Field(() => Int, { description: "Wall-clock time requested, in seconds." })
  @Property({ type: "integer" })
  wallTimeSeconds: number = 3600;

  @Field(() => String, { nullable: true, description: "Platform, e.g. x86_64." })
  @Property({ type: "text", nullable: true })
  platform?: string | null;

  @Field(() => [String], { description: "Software needed, as name or name/version." })
  @Property({ type: "text[]" })
  requiredSoftware: string[] = [];

  @Field(() => String, {
    nullable: true,
    description: "Container image, e.g. docker://astronrd/linc:latest.",
  })
  @Property({ type: "text", nullable: true })
  containerImage?: string | null;

  @Field(() => [String])
  @Property({ type: "text[]" })
  tags: string[] = [];

  /** Input datasets, in the order given (resolved by `inputs`). */
  @Property({ type: "text[]" })
  inputDatasetIds: string[] = [];

  @Field(() => JobStatus)
  @Enum({ items: () => JobStatus, index: true })
  status: JobStatus = JobStatus.SUBMITTED;

  /** Placement: GOCDB short name of the site (resolved by `site`). */
  @Property({ type: "text", nullable: true, index: true })
  siteId?: string | null;

  @Field(() => String, { nullable: true, description: "Queue (ComputeShare) the job was placed in." })
  @Property({ type: "text", nullable: true })
  queue?: string | null;

  @Field(() => String, { nullable: true, description: "Execution backend, e.g. local, slurm." })
  @Property({ type: "text", nullable: true })
  backend?: string | null;

  @Field(() => String, { nullable: true, description: "The backend's own id of the job." })
  @Property({ type: "text", nullable: true })
  backendJobId?: string | null;

  @Field(() => Int, { nullable: true })
  @Property({ type: "integer", nullable: true })
  exitCode?: number | null;

  @Field()
  @Property({ type: "timestamptz" })
  submittedAt: Date = new Date();

  @Field()
  @Property({ type: "timestamptz", onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
