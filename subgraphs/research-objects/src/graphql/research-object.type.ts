import { Field, ObjectType } from "type-graphql";
import { connectionType } from "@gridgraph/kit";
import { ResearchObject } from "../entities";

export const ResearchObjectConnection = connectionType(ResearchObject, "ResearchObject");

@ObjectType()
export class ResearchObjectPayload {
  @Field(() => ResearchObject)
  researchObject!: ResearchObject;
}
