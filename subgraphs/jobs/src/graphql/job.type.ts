import { Field, ObjectType } from "type-graphql";
import { connectionType } from "@gridgraph/kit";
import { Job } from "../entities";

export const JobConnection = connectionType(Job, "Job");

@ObjectType()
export class SubmitJobPayload {
  @Field(() => Job)
  job!: Job;
}
