import { ArrayMaxSize, IsOptional, Length } from "class-validator";
import { Field, ID, InputType } from "type-graphql";
import { ResearchObjectState, ResourceType } from "../entities";

@InputType()
export class CreatorInput {
  @Field()
  name!: string;

  @Field(() => String, { nullable: true, description: "ORCID iD, e.g. 0000-0002-1825-0097." })
  orcid?: string | null;

  @Field(() => String, { nullable: true })
  affiliation?: string | null;
}

@InputType()
export class CreateResearchObjectInput {
  @Field()
  title!: string;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field(() => [CreatorInput], { description: "At least one (DataCite requires creators)." })
  @ArrayMaxSize(500)
  creators!: CreatorInput[];

  @Field(() => [String], { nullable: true })
  keywords?: string[] | null;

  @Field(() => String, { nullable: true, description: "SPDX licence id, e.g. CC-BY-4.0." })
  licence?: string | null;

  @Field()
  @Length(1, 255)
  vo!: string;

  @Field(() => [String], { nullable: true })
  coEditors?: string[] | null;

  @Field(() => [ID], { nullable: true, description: "Datasets to start with (at most 1000)." })
  @IsOptional()
  @ArrayMaxSize(1000)
  datasetIds?: string[] | null;

  @Field(() => [ID], { nullable: true, description: "Jobs to start with (at most 1000)." })
  @IsOptional()
  @ArrayMaxSize(1000)
  jobIds?: string[] | null;

  @Field(() => [ExternalResourceInput], {
    nullable: true,
    description: "Papers, code, notebooks to start with.",
  })
  @IsOptional()
  @ArrayMaxSize(1000)
  externalResources?: ExternalResourceInput[] | null;
}

@InputType({ description: "What to change in a LIVE research object; fields left out stay as they are." })
export class UpdateResearchObjectInput {
  @Field(() => String, { nullable: true })
  title?: string | null;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field(() => [CreatorInput], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(500)
  creators?: CreatorInput[] | null;

  @Field(() => [String], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(100)
  keywords?: string[] | null;

  @Field(() => String, { nullable: true, description: "SPDX licence id, e.g. CC-BY-4.0." })
  licence?: string | null;

  @Field(() => [String], {
    nullable: true,
    description: "Subjects allowed to edit besides the owner (the owner only).",
  })
  @IsOptional()
  @ArrayMaxSize(100)
  coEditors?: string[] | null;
}

@InputType()
export class ExternalResourceInput {
  @Field({ description: "An http(s) URL, or a DOI (10.1051/...), which becomes its https://doi.org/ URL." })
  @Length(1, 2000)
  url!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 500)
  title?: string | null;

  @Field(() => ResourceType, { defaultValue: ResourceType.OTHER })
  resourceType!: ResourceType;
}

@InputType()
export class ResearchObjectFilter {
  @Field(() => ResearchObjectState, { nullable: true })
  state?: ResearchObjectState | null;

  @Field(() => String, { nullable: true })
  vo?: string | null;

  @Field(() => String, { nullable: true })
  owner?: string | null;

  @Field(() => String, { nullable: true })
  keyword?: string | null;
}
