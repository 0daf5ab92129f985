import {
  Entity,
  Enum,
  Index,
  ManyToOne,
  PrimaryKey,
  Property,
  type Ref,
  OptionalProps,
} from "@mikro-orm/core";
import { Field, Int, ObjectType } from "type-graphql";
import { newId } from "@gridgraph/kit";
import { JobStatus } from "./enums";
import { Job } from "./job.entity";

/**
 * One entry of a job's append-only log: a status change, or something worth knowing on the
 * way (placement, the account it runs as, a backend that did not answer). Written only by
 * the lifecycle (domain/lifecycle.ts), numbered per job so the order is never a guess.
 */
@ObjectType({
  description: "What happened to a job: status, the backend's own state, why, when and who said so.",
})
@Entity({ tableName: "job_event" })
@Index({ properties: ["job", "seq"] })
export class JobEvent {
  [OptionalProps]?: "id" | "at" | "jobId" | "nativeState" | "source";

  @PrimaryKey({ type: "uuid" })
  id: string = newId();

  @ManyToOne(() => Job, { ref: true, deleteRule: "cascade", index: true })
  job!: Ref<Job>;

  @Field(() => Int, { description: "1, 2, 3... in the order things happened to this job." })
  @Property({ type: "integer", default: 0 })
  seq!: number;

  @Field()
  @Property({ type: "timestamptz" })
  at: Date = new Date();

  @Field(() => JobStatus, { description: "The job's status after this event." })
  @Enum({ items: () => JobStatus })
  status!: JobStatus;

  @Field(() => String, {
    nullable: true,
    description: "The backend's own state, e.g. Slurm's PENDING or TIMEOUT.",
  })
  @Property({ type: "text", nullable: true })
  nativeState?: string | null;

  @Field()
  @Property({ type: "text" })
  message!: string;

  @Field({ description: "Who said so: gridgraph, or the backend (local, slurm)." })
  @Property({ type: "text", default: "gridgraph" })
  source: string = "gridgraph";

  get jobId(): string {
    return this.job.id;
  }
}
