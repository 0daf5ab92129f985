import { Field, Float, Int, ObjectType, registerEnumType } from "type-graphql";
import { REJECTION_CODES, type RejectionCode } from "../domain/rejection-codes";
import { ComputeEndpoint, ComputeShare, Site } from "../../entities";

/** The domain's rejection codes as a GraphQL enum (one list, in evaluate.ts). */
export const RejectionCodeEnum = Object.fromEntries(REJECTION_CODES.map((c) => [c, c])) as {
  [K in RejectionCode]: K;
};
registerEnumType(RejectionCodeEnum, { name: "RejectionCode", description: "Why a site cannot run a job." });

@ObjectType({ description: "A requirement a site does not meet, as a code and a sentence." })
export class PlacementRejection {
  @Field(() => RejectionCodeEnum)
  code!: RejectionCode;

  @Field()
  message!: string;
}

@ObjectType({ description: "One term of a candidate's score." })
export class ScoreReason {
  @Field({
    description:
      "BASE, DATA_LOCAL, FREE_SLOTS, WAITING_TIME, DOWNTIME_WARNING, ENDPOINT_WARNING, ENDPOINT_UNKNOWN, FAST_NODES.",
  })
  code!: string;

  @Field(() => Float)
  points!: number;

  @Field()
  message!: string;
}

@ObjectType({ description: "A site that can run the job, with the queue and endpoint to use." })
export class PlacementCandidate {
  @Field(() => Int, { description: "1 is best." })
  rank!: number;

  @Field(() => Site)
  site!: Site;

  @Field(() => ComputeEndpoint)
  endpoint!: ComputeEndpoint;

  @Field(() => ComputeShare)
  share!: ComputeShare;

  @Field(() => Float, { description: "Higher is better; the sum of `reasons`." })
  score!: number;

  @Field(() => Int, { nullable: true, description: "Estimated wait in the queue, in seconds." })
  estimatedWaitSeconds!: number | null;

  @Field(() => Int, {
    nullable: true,
    description:
      "The job's CPU work (cpuWorkHs06Seconds, a DIRAC JDL's CPUTime) as seconds on one of this site's cores, by its benchmark; null when the job states no CPU work or the site publishes no benchmark.",
  })
  cpuTimeSeconds!: number | null;

  @Field(() => [ScoreReason])
  reasons!: ScoreReason[];
}

@ObjectType({ description: "A site that cannot run the job, with every unmet requirement." })
export class RejectedSite {
  @Field(() => Site)
  site!: Site;

  @Field(() => [PlacementRejection])
  reasons!: PlacementRejection[];
}

@ObjectType({ description: "Where a job can run, best first, and why not elsewhere." })
export class Placement {
  @Field(() => [PlacementCandidate])
  candidates!: PlacementCandidate[];

  @Field(() => [RejectedSite], { description: "Every other site, with its reasons." })
  rejected!: RejectedSite[];

  @Field(() => Int)
  evaluatedSites!: number;
}

@ObjectType({ description: "The requirements read from a JDL." })
export class JdlRequirements {
  @Field()
  vo!: string;

  @Field(() => Int, { nullable: true })
  cores!: number | null;

  @Field(() => Int, { nullable: true, description: "MB (MaxRAM)." })
  memoryMb!: number | null;

  @Field(() => Int)
  gpus!: number;

  @Field(() => Int, {
    nullable: true,
    description: "CPU time in seconds (a JDL's CPUTime is work: see cpuWorkHs06Seconds).",
  })
  cpuTimeSeconds!: number | null;

  @Field(() => Int, {
    nullable: true,
    description:
      "CPU work in HS06-seconds (DIRAC's CPUTime); each site's limit is compared with it over the site's HS06 per core.",
  })
  cpuWorkHs06Seconds!: number | null;

  @Field(() => String, { nullable: true })
  platform!: string | null;

  @Field(() => [String])
  tags!: string[];

  @Field(() => [String], { nullable: true, description: "From Site, as GOCDB short names." })
  allowedSites!: string[] | null;

  @Field(() => [String], { description: "From BannedSite(s), as GOCDB short names." })
  bannedSites!: string[];

  @Field(() => [String], { description: "Compute endpoints the job must go through (GridCE)." })
  computeEndpoints!: string[];

  @Field(() => [String], {
    description: "Sites holding InputData ONLINE, as you see the catalogue: they count as data locality.",
  })
  dataSites!: string[];
}

@ObjectType({ description: "One job a DIRAC JDL describes (a parametric JDL describes one per parameter)." })
export class JdlJobDescription {
  @Field(() => String, {
    nullable: true,
    description: "Its value of the unnamed parameter sequence (%s); null when the JDL is not parametric.",
  })
  parameter!: string | null;

  @Field(() => String, { nullable: true, description: "JobName, with %n and the parameters put in." })
  name!: string | null;

  @Field(() => String, { nullable: true })
  executable!: string | null;

  @Field(() => String, { nullable: true, description: "Arguments, with %n and the parameters put in." })
  arguments!: string | null;

  @Field(() => [String], { description: "This job's LFNs from InputData (%(InputData)s put in)." })
  inputData!: string[];
}

@ObjectType({ description: "A DIRAC JDL, understood and placed." })
export class JdlPlacement {
  @Field(() => JdlRequirements)
  requirements!: JdlRequirements;

  @Field(() => String, { nullable: true })
  executable!: string | null;

  @Field(() => String, { nullable: true })
  arguments!: string | null;

  @Field(() => String, { nullable: true })
  jobGroup!: string | null;

  @Field(() => String, { nullable: true })
  jobName!: string | null;

  @Field(() => [String], { description: "LFNs from InputData (every job's, once each)." })
  inputData!: string[];

  @Field(() => [String], {
    description:
      "A parametric JDL's parameter values (Parameters, ParameterStart/Step/Factor), one job each; empty for a single job.",
  })
  parameters!: string[];

  @Field(() => [JdlJobDescription], {
    description:
      "The jobs the JDL describes, expanded as DIRAC expands them (Parameters and Parameters.<name>, %s, %(name)s, %n); one for a plain JDL.",
  })
  jobs!: JdlJobDescription[];

  @Field(() => [String], { description: "Attributes not used, values ignored, sites not known." })
  warnings!: string[];

  @Field(() => Placement)
  placement!: Placement;
}
