import { Field, Int, ObjectType } from "type-graphql";
import { connectionType } from "@gridgraph/kit";
import { DatasetRef, JobRef, ResearchObject, SiteRef } from "../entities";

export const ResearchObjectConnection = connectionType(ResearchObject, "ResearchObject");

@ObjectType()
export class ResearchObjectPayload {
  @Field(() => ResearchObject)
  researchObject!: ResearchObject;
}

@ObjectType({ description: "A research object made from an RO-Crate, and what of the crate was not taken." })
export class ImportResearchObjectPayload {
  @Field(() => ResearchObject)
  researchObject!: ResearchObject;

  @Field(() => [String], { description: "What was left out or changed, one sentence each." })
  notUnderstood!: string[];
}

@ObjectType({ description: "How to cite a research object." })
export class Citation {
  @Field({ description: "APA 7th edition, plain text." })
  apa!: string;

  @Field()
  bibtex!: string;
}

@ObjectType({
  description:
    "Everything behind a research object as you may see it: its datasets and jobs, the jobs that produced the datasets, their inputs, recursively to `depth`, and the sites involved.",
})
export class ResearchObjectProvenance {
  @Field(() => [DatasetRef], { nullable: "items" })
  datasets!: DatasetRef[];

  @Field(() => [JobRef], { nullable: "items" })
  jobs!: JobRef[];

  @Field(() => [SiteRef], { description: "Where the jobs ran and the datasets' replicas are." })
  sites!: SiteRef[];

  @Field(() => Int, { description: "How many levels were followed." })
  depth!: number;

  @Field({ description: "True when there was more to follow beyond `depth` (or the node limit)." })
  truncated!: boolean;
}
