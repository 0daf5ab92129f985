import {
  BigIntType,
  Collection,
  Entity,
  Enum,
  Index,
  ManyToOne,
  OneToMany,
  PrimaryKey,
  Property,
  type Ref,
  OptionalProps,
} from "@mikro-orm/core";
import { GraphQLSafeInt } from "graphql-scalars";
import { Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { newId } from "@gridgraph/kit";

export enum DataRequestKind {
  STAGE = "STAGE",
  TRANSFER = "TRANSFER",
}
/** A request as a whole (FTS3's job states). */
export enum DataRequestState {
  SUBMITTED = "SUBMITTED",
  ACTIVE = "ACTIVE",
  FINISHED = "FINISHED",
  /** Some files finished, others failed for good. */
  FINISHED_DIRTY = "FINISHED_DIRTY",
  FAILED = "FAILED",
  CANCELED = "CANCELED",
}
/** One file's state (FTS3's file states). */
export enum DataFileState {
  SUBMITTED = "SUBMITTED",
  STAGING = "STAGING",
  ACTIVE = "ACTIVE",
  FINISHED = "FINISHED",
  FAILED = "FAILED",
  CANCELED = "CANCELED",
}
export const FINAL_FILE_STATES = [DataFileState.FINISHED, DataFileState.FAILED, DataFileState.CANCELED];
export const FINAL_REQUEST_STATES = [
  DataRequestState.FINISHED,
  DataRequestState.FINISHED_DIRTY,
  DataRequestState.FAILED,
  DataRequestState.CANCELED,
];
registerEnumType(DataRequestKind, {
  name: "DataRequestKind",
  description: "STAGE: recall from tape to disk at the same site; TRANSFER: copy to another site.",
});
registerEnumType(DataRequestState, { name: "DataRequestState" });
registerEnumType(DataFileState, { name: "DataFileState" });

/** A staging or transfer request over some datasets, with per-file states (FTS3 / Rucio-like). */
@ObjectType({ description: "A request to stage datasets from tape or copy them to another site." })
@Entity({ tableName: "data_request" })
@Index({ properties: ["owner", "createdAt"] })
export class DataRequest {
  [OptionalProps]?:
    "id" | "state" | "createdAt" | "updatedAt" | "finishedAt" | "eventCount" | "bytesTotal" | "maxAttempts";

  @Field(() => ID)
  @PrimaryKey({ type: "uuid" })
  id: string = newId();

  @Field(() => DataRequestKind)
  @Enum({ items: () => DataRequestKind })
  kind!: DataRequestKind;

  @Field(() => DataRequestState)
  @Enum({ items: () => DataRequestState })
  state: DataRequestState = DataRequestState.SUBMITTED;

  /** Subject of who asked; only they, their VO's managers and platform admins see the request. */
  @Property({ type: "text" })
  owner!: string;

  @Field({ description: "VO the request was made for (the datasets' VO)." })
  @Property({ type: "text" })
  vo!: string;

  @Field(() => ID, { description: "Site the data goes to (for STAGE: the site holding the tape copy)." })
  @Property({ type: "text" })
  destinationSiteId!: string;

  @Field({ description: "Storage endpoint the data goes to." })
  @Property({ type: "text" })
  destinationStorageUrl!: string;

  @Field(() => GraphQLSafeInt, { description: "Bytes of all files together." })
  @Property({ type: new BigIntType("number") })
  bytesTotal: number = 0;

  @Field(() => Int, { description: "Tries per file before it is FAILED for good." })
  @Property({ type: "integer" })
  maxAttempts: number = 3;

  @Field()
  @Property({ type: "timestamptz" })
  createdAt: Date = new Date();

  @Field()
  @Property({ type: "timestamptz", onUpdate: () => new Date() })
  updatedAt: Date = new Date();

  @Field(() => Date, { nullable: true })
  @Property({ type: "timestamptz", nullable: true })
  finishedAt?: Date | null;

  /** Events recorded so far; the next event's sequence number (the SSE id). */
  @Property({ type: "integer" })
  eventCount: number = 0;

  @OneToMany(() => DataRequestFile, (f) => f.request, { orderBy: { index: "asc" } })
  files = new Collection<DataRequestFile>(this);
}

/** One dataset's copy within a request: its source, destination and progress. */
@ObjectType("DataRequestFile", { description: "One file of a data request and how it is going." })
@Entity({ tableName: "data_request_file" })
// The mover claims due files: state and the time of the next try.
@Index({ properties: ["state", "nextAttemptAt"] })
export class DataRequestFile {
  [OptionalProps]?:
    | "id"
    | "state"
    | "bytesDone"
    | "attempts"
    | "nextAttemptAt"
    | "leaseUntil"
    | "requestId"
    | "sourceReplicaId"
    | "sourceSiteId"
    | "sourceStorageUrl"
    | "sourcePath";

  @Field(() => ID)
  @PrimaryKey({ type: "uuid" })
  id: string = newId();

  @ManyToOne(() => DataRequest, { ref: true, deleteRule: "cascade", index: true })
  request!: Ref<DataRequest>;

  @Property({ type: "integer" })
  index!: number;

  @Field(() => ID)
  @Property({ type: "text" })
  datasetId!: string;

  @Field(() => DataFileState)
  @Enum({ items: () => DataFileState })
  state: DataFileState = DataFileState.SUBMITTED;

  /** The replica read from (chosen at submit; another may be chosen on retry). */
  @Property({ type: "uuid", nullable: true })
  sourceReplicaId?: string | null;

  @Field(() => ID, { nullable: true, description: "Site the copy is read from." })
  @Property({ type: "text", nullable: true })
  sourceSiteId?: string | null;

  @Field(() => String, { nullable: true })
  @Property({ type: "text", nullable: true })
  sourceStorageUrl?: string | null;

  @Field(() => String, { nullable: true })
  @Property({ type: "text", nullable: true })
  sourcePath?: string | null;

  @Field({ description: "Path the copy gets at the destination endpoint." })
  @Property({ type: "text" })
  destinationPath!: string;

  @Field(() => GraphQLSafeInt, { description: "Bytes to move (the source copy's size)." })
  @Property({ type: new BigIntType("number") })
  bytesTotal!: number;

  @Field(() => GraphQLSafeInt)
  @Property({ type: new BigIntType("number") })
  bytesDone: number = 0;

  @Field(() => String, { nullable: true, description: "The checksum the copy must have (adler32:...)." })
  @Property({ type: "text", nullable: true })
  checksumExpected?: string | null;

  @Field(() => String, { nullable: true, description: "The checksum measured on the copy." })
  @Property({ type: "text", nullable: true })
  checksumActual?: string | null;

  @Field(() => Int)
  @Property({ type: "integer" })
  attempts: number = 0;

  @Field(() => String, { nullable: true, description: "Why the last try failed, in words." })
  @Property({ type: "text", nullable: true })
  lastError?: string | null;

  /** When the mover may take this file (again); null once it is final. */
  @Property({ type: "timestamptz", nullable: true })
  nextAttemptAt?: Date | null = new Date();

  /** Held by a mover until then; an expired lease means that mover died (restart): try again. */
  @Property({ type: "timestamptz", nullable: true })
  leaseUntil?: Date | null;

  @Field(() => ID, { nullable: true, description: "The replica registered when the copy finished." })
  @Property({ type: "uuid", nullable: true })
  replicaId?: string | null;

  @Field(() => Date, { nullable: true })
  @Property({ type: "timestamptz", nullable: true })
  startedAt?: Date | null;

  @Field(() => Date, { nullable: true })
  @Property({ type: "timestamptz", nullable: true })
  finishedAt?: Date | null;

  get requestId(): string {
    return this.request.id;
  }
}

/** What happened to a request or one of its files, in order (streamed as server-sent events). */
@ObjectType("DataRequestEvent")
@Entity({ tableName: "data_request_event" })
@Index({ properties: ["request", "seq"] })
export class DataRequestEvent {
  [OptionalProps]?: "id" | "at" | "fileId" | "datasetId" | "bytesDone";

  @Field(() => ID)
  @PrimaryKey({ type: "uuid" })
  id: string = newId();

  @ManyToOne(() => DataRequest, { ref: true, deleteRule: "cascade" })
  request!: Ref<DataRequest>;

  @Field(() => Int, { description: "Position in the request's events; the stream's event id." })
  @Property({ type: "integer" })
  seq!: number;

  @Field()
  @Property({ type: "timestamptz" })
  at: Date = new Date();

  @Field(() => ID, { nullable: true })
  @Property({ type: "uuid", nullable: true })
  fileId?: string | null;

  @Field(() => ID, { nullable: true })
  @Property({ type: "text", nullable: true })
  datasetId?: string | null;

  @Field({ description: "The request's or the file's state after this event." })
  @Property({ type: "text" })
  state!: string;

  @Field(() => GraphQLSafeInt, { nullable: true })
  @Property({ type: new BigIntType("number"), nullable: true })
  bytesDone?: number | null;

  @Field()
  @Property({ type: "text" })
  message!: string;
}
