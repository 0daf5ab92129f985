import { ArrayMaxSize, IsOptional, Length, Min } from "class-validator";
import { Field, ID, InputType, Int } from "type-graphql";
import { CertificationStatus, DowntimeClassification, DowntimeSeverity } from "../entities";

@InputType({ description: "Changes to a site's own record; omitted fields stay as they are." })
export class UpdateSiteInput {
  @Field(() => ID)
  @Length(1, 100)
  id!: string;

  @Field(() => Int, { description: "The `version` you read; CONFLICT if the site changed since." })
  @Min(1)
  expectedVersion!: number;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 300)
  officialName?: string | null;

  @Field(() => String, { nullable: true })
  homeUrl?: string | null;

  @Field(() => CertificationStatus, { nullable: true })
  certificationStatus?: CertificationStatus | null;

  @Field(() => [String], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(500)
  supportedVos?: string[] | null;
}

@InputType()
export class DeclareDowntimeInput {
  @Field(() => ID)
  @Length(1, 100)
  siteId!: string;

  @Field(() => DowntimeSeverity)
  severity!: DowntimeSeverity;

  @Field(() => DowntimeClassification)
  classification!: DowntimeClassification;

  @Field()
  startsAt!: Date;

  @Field()
  endsAt!: Date;

  @Field()
  @Length(1, 2000)
  description!: string;

  @Field(() => [String], { nullable: true, description: "Endpoint URLs; empty or omitted: the whole site." })
  affectedEndpoints?: string[] | null;
}

@InputType({ description: "Corrections to a queue's limits; omitted fields stay, null removes a limit." })
export class UpdateComputeShareInput {
  @Field(() => ID)
  @Length(1, 100)
  id!: string;

  @Field(() => Int, { description: "The queue's `version` you read; CONFLICT if it changed since." })
  @Min(1)
  expectedVersion!: number;

  @Field(() => Int, { nullable: true, description: "Seconds." })
  maxWallTime?: number | null;

  @Field(() => Int, { nullable: true, description: "Seconds." })
  maxCpuTime?: number | null;

  @Field(() => Int, { nullable: true })
  maxSlotsPerJob?: number | null;

  @Field(() => Int, { nullable: true, description: "MB." })
  maxMainMemory?: number | null;

  @Field(() => [String], { nullable: true })
  vos?: string[] | null;

  @Field(() => [String], { nullable: true })
  tags?: string[] | null;
}
