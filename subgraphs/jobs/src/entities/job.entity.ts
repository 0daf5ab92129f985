import { Entity, Enum, Index, PrimaryKey, Property, Unique, OptionalProps } from "@mikro-orm/core";
import { Directive, Field, Float, ID, Int, ObjectType } from "type-graphql";
import { newId, REF_KEY } from "@gridgraph/kit";
import { JobStatus, PendingAction } from "./enums";

@ObjectType({ description: "One term of the placement score a job was placed with." })
export class JobPlacementReason {
  @Field()
  code!: string;

  @Field(() => Float)
  points!: number;

  @Field()
  message!: string;
}

/** What a job's submitter said about where it may go (see Job.placementLimits). */
export interface PlacementLimits {
  siteId?: string | null;
  queue?: string | null;
  allowedSites?: string[] | null;
  bannedSites?: string[] | null;
  computeEndpoints?: string[] | null;
  cpuWorkHs06Seconds?: number | null;
}

@ObjectType("Job", { description: "A job: what to run, where it was placed, and how it went." })
@Directive('@key(fields: "id")')
// The hidden second key other subgraphs refer by (see the kit's references.ts).
@Directive(REF_KEY)
@Entity({ tableName: "job" })
@Index({
  name: "job_input_dataset_ids_gin",
  expression: 'create index "job_input_dataset_ids_gin" on "job" using gin ("input_dataset_ids")',
})
@Index({
  name: "job_output_dataset_ids_gin",
  expression: 'create index "job_output_dataset_ids_gin" on "job" using gin ("output_dataset_ids")',
})
// A retried submit with the same key finds the job the first one made.
@Unique({ properties: ["owner", "idempotencyKey"] })
// What the dispatcher and the reconciler look for, without reading finished jobs.
@Index({
  name: "job_active_index",
  expression:
    'create index "job_active_index" on "job" ("status", "id") where "managed" and "status" not in (\'COMPLETED\', \'FAILED\', \'CANCELLED\')',
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
    | "dataRequestIds"
    | "status"
    | "submittedAt"
    | "updatedAt"
    | "managed"
    | "reschedules"
    | "excludedEndpoints"
    | "outputPatterns"
    | "outputDatasetIds"
    | "environment"
    | "ownerEntitlements"
    | "eventCount"
    | "attempt"
    | "dispatchClaims"
    | "placementReasons";

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

  @Field(() => String, { nullable: true, description: "The compute endpoint the job was sent to." })
  @Property({ type: "text", nullable: true })
  endpointUrl?: string | null;

  /** The endpoint's GLUE2 InterfaceName (which backend rule applies). */
  @Property({ type: "text", nullable: true })
  endpointInterface?: string | null;

  /**
   * Where the job may go, as submitted: a named site or queue, a JDL's Site, BannedSite(s) and
   * GridCE, and its CPU work (a JDL's CPUTime). Kept so that every later placement (resubmit,
   * reschedule after the infrastructure lost it, after staging) keeps to what was asked.
   */
  @Property({ type: "jsonb", nullable: true })
  placementLimits?: PlacementLimits | null;

  /**
   * Inputs that must be brought to the chosen site before the job can go (it waits in
   * STAGING): recalled from tape there, or copied there from another site.
   */
  @Property({ type: "jsonb", nullable: true })
  dataToMove?: { stage: string[]; transfer: string[] } | null;

  @Field(() => [ID], {
    description: "The datasets service's staging and transfer requests this job waited (or waits) for.",
  })
  @Property({ type: "text[]" })
  dataRequestIds: string[] = [];

  /** The inputs' replicas at the chosen site, as resolved when the job was placed. */
  @Property({ type: "jsonb", nullable: true })
  inputReplicas?: { datasetId: string; lfn: string; storageUrl: string; path: string }[] | null;

  @Field(() => Float, { nullable: true, description: "The placement score it was placed with." })
  @Property({ type: "double precision", nullable: true })
  placementScore?: number | null;

  @Field(() => [JobPlacementReason], { description: "Why it was placed where it is: the score's terms." })
  @Property({ type: "jsonb" })
  placementReasons: JobPlacementReason[] = [];

  @Field(() => String, {
    nullable: true,
    description: "The backend's own state, e.g. Slurm's PENDING, RUNNING, TIMEOUT.",
  })
  @Property({ type: "text", nullable: true })
  nativeState?: string | null;

  @Field(() => String, { nullable: true, description: "Why, in the backend's or gridgraph's words." })
  @Property({ type: "text", nullable: true })
  statusReason?: string | null;

  @Field(() => String, {
    nullable: true,
    description: "The local account the job runs as at its site (mapped from your identity).",
  })
  @Property({ type: "text", nullable: true })
  account?: string | null;

  @Field(() => String, { nullable: true, description: "The key a retried submit is recognised by." })
  @Property({ type: "text", nullable: true })
  idempotencyKey?: string | null;

  @Field(() => Int, {
    description: "How often the infrastructure failed the job and it was sent elsewhere.",
  })
  @Property({ type: "integer", default: 0 })
  reschedules: number = 0;

  /** Endpoints that failed this job for infrastructure reasons: not tried again. */
  @Property({ type: "text[]" })
  excludedEndpoints: string[] = [];

  @Field(() => [String], {
    description: "Declared outputs: file names or patterns relative to the working directory.",
  })
  @Property({ type: "text[]" })
  outputPatterns: string[] = [];

  /** Datasets registered from the outputs (resolved by `outputs`). */
  @Property({ type: "text[]" })
  outputDatasetIds: string[] = [];

  /** null: nothing to register yet; PENDING: to register; DONE; FAILED (see the events). */
  @Property({ type: "text", nullable: true })
  outputsState?: "PENDING" | "DONE" | "FAILED" | null;

  /** Environment variables given at submit (checked: none that would change the runner). */
  @Property({ type: "jsonb" })
  environment: Record<string, string> = {};

  /** The owner's entitlements at submit: what calls on the owner's behalf carry (decision 0015). */
  @Property({ type: "text[]" })
  ownerEntitlements: string[] = [];

  /** Submitted through the jobs service (dispatched and reconciled); seeded history is not. */
  @Property({ type: "boolean", default: false })
  managed: boolean = false;

  /** Attempts so far (resubmits and reschedules each start one); the token names the current one. */
  @Field(() => Int, { description: "Which attempt this is: 0 first, one more per resubmit or reschedule." })
  @Property({ type: "integer", default: 0 })
  attempt: number = 0;

  /** A dispatcher's claim on this attempt, so two replicas never send it twice (see dispatcher.ts). */
  @Property({ type: "timestamptz", nullable: true })
  dispatchLeaseUntil?: Date | null;

  /** How often the attempt was claimed: more than once, and the backend is asked whether it has it. */
  @Property({ type: "integer", default: 0 })
  dispatchClaims: number = 0;

  /** Where the attempt's files are (local executor: its working directory). */
  @Property({ type: "text", nullable: true })
  workDir?: string | null;

  @Enum({ items: () => PendingAction, nullable: true })
  pendingAction?: PendingAction | null;

  /** Since when the backend has not answered for this job; null while it does. */
  @Property({ type: "timestamptz", nullable: true })
  unreachableSince?: Date | null;

  /** Events written so far: the next one's `seq`. */
  @Property({ type: "integer", default: 0 })
  eventCount: number = 0;

  @Property({ type: "text", nullable: true, index: true })
  collectionId?: string | null;

  /** Its place in the collection (a parametric JDL's parameter order), from 0. */
  @Property({ type: "integer", nullable: true })
  collectionIndex?: number | null;

  @Field(() => Date, { nullable: true })
  @Property({ type: "timestamptz", nullable: true })
  startedAt?: Date | null;

  @Field(() => Date, { nullable: true })
  @Property({ type: "timestamptz", nullable: true })
  finishedAt?: Date | null;

  @Field()
  @Property({ type: "timestamptz" })
  submittedAt: Date = new Date();

  @Field()
  @Property({ type: "timestamptz", onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
