import { Entity, Enum, ManyToOne, PrimaryKey, Property, type Ref, OptionalProps } from "@mikro-orm/core";
import { Field, ObjectType } from "type-graphql";
import { newId } from "@gridgraph/kit";
import { JobStatus } from "./enums";
import { Job } from "./job.entity";

@ObjectType({ description: "A status change of a job, with when and why." })
@Entity({ tableName: "job_event" })
export class JobEvent {
  [OptionalProps]?: "id" | "at" | "jobId";

  @PrimaryKey({ type: "uuid" })
  id: string = newId();

  @ManyToOne(() => Job, { ref: true, deleteRule: "cascade", index: true })
  job!: Ref<Job>;

  @Field()
  @Property({ type: "timestamptz" })
  at: Date = new Date();

  @Field(() => JobStatus)
  @Enum({ items: () => JobStatus })
  status!: JobStatus;

  @Field()
  @Property({ type: "text" })
  message!: string;

  get jobId(): string {
    return this.job.id;
  }
}
