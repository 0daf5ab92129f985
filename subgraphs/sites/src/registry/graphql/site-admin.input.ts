/**
 * Inputs of the site-record mutations. Each part has one set of fields shared by its create
 * and update inputs: on create the fields marked "required" must be given, on update omitted
 * fields stay as they are and null removes an optional value. The rules themselves (units,
 * ranges, URL schemes, known platforms) are in domain/record-rules.ts, so imports obey them too.
 */
import { Length, Min } from "class-validator";
import { Field, Float, ID, InputType, Int, registerEnumType } from "type-graphql";
import {
  AccessLatency,
  CertificationStatus,
  DowntimeClassification,
  DowntimeSeverity,
  HealthState,
  Infrastructure,
  ServingState,
  SiteKind,
} from "../../entities";
import { PLATFORMS } from "../domain/record-rules";

const REQUIRED = "Required when creating.";

@InputType()
abstract class SiteFields {
  @Field(() => String, { nullable: true, description: `Official (long) name. ${REQUIRED}` })
  officialName?: string | null;

  @Field(() => String, { nullable: true, description: `National Grid Initiative, e.g. NGI_PL. ${REQUIRED}` })
  ngi?: string | null;

  @Field(() => String, { nullable: true, description: `ISO 3166-1 alpha-2 country code. ${REQUIRED}` })
  country?: string | null;

  @Field(() => Float, { nullable: true, description: "Decimal degrees, -90..90; give with longitude." })
  latitude?: number | null;

  @Field(() => Float, { nullable: true, description: "Decimal degrees, -180..180; give with latitude." })
  longitude?: number | null;

  @Field(() => CertificationStatus, { nullable: true, description: REQUIRED })
  certificationStatus?: CertificationStatus | null;

  @Field(() => Infrastructure, { nullable: true, description: REQUIRED })
  infrastructure?: Infrastructure | null;

  @Field(() => SiteKind, { nullable: true, description: REQUIRED })
  kind?: SiteKind | null;

  @Field(() => [String], { nullable: true, description: "GOCDB scopes, e.g. EGI, wlcg." })
  scopes?: string[] | null;

  @Field(() => [String], { nullable: true, description: "VO names, e.g. vo.lofar.eu." })
  supportedVos?: string[] | null;

  @Field(() => String, { nullable: true, description: "http(s) URL of the site's home page." })
  homeUrl?: string | null;
}

@InputType({ description: "A new site (GOCDB short name as id)." })
export class CreateSiteInput extends SiteFields {
  @Field(() => ID, { description: "GOCDB short name, e.g. CYFRONET-LCG2." })
  @Length(1, 100)
  id!: string;
}

@InputType({ description: "Changes to a site's own record; omitted fields stay as they are." })
export class UpdateSiteInput extends SiteFields {
  @Field(() => ID)
  @Length(1, 100)
  id!: string;

  @Field(() => Int, { description: "The `version` you read; CONFLICT if the site changed since." })
  @Min(1)
  expectedVersion!: number;
}

@InputType()
abstract class ComputeEndpointFields {
  @Field(() => String, {
    nullable: true,
    description: `URL, e.g. https://ce01.example.org:9619. ${REQUIRED}`,
  })
  url?: string | null;

  @Field(() => String, { nullable: true, description: `GLUE2 InterfaceName. ${REQUIRED}` })
  interfaceName?: string | null;

  @Field(() => String, { nullable: true, description: `e.g. HTCondor-CE, ARC. ${REQUIRED}` })
  implementationName?: string | null;

  @Field(() => String, { nullable: true })
  implementationVersion?: string | null;

  @Field(() => HealthState, { nullable: true, description: "Default unknown." })
  healthState?: HealthState | null;

  @Field(() => ServingState, { nullable: true, description: "Default production." })
  servingState?: ServingState | null;

  @Field(() => [String], { nullable: true, description: "GLUE2 Capability values." })
  capabilities?: string[] | null;
}

@InputType()
abstract class ComputeShareFields {
  @Field(() => String, { nullable: true, description: `Mapping queue name. ${REQUIRED}` })
  name?: string | null;

  @Field(() => String, { nullable: true, description: "URL of one of the site's compute endpoints." })
  endpointUrl?: string | null;

  @Field(() => Int, { nullable: true, description: "Seconds; null: no limit." })
  maxWallTime?: number | null;

  @Field(() => Int, { nullable: true, description: "Seconds; null: no limit." })
  maxCpuTime?: number | null;

  @Field(() => Int, { nullable: true, description: "Slots (cores); null: no limit." })
  maxSlotsPerJob?: number | null;

  @Field(() => Int, { nullable: true, description: "MB; null: no limit." })
  maxMainMemory?: number | null;

  @Field(() => Int, { nullable: true })
  freeSlots?: number | null;

  @Field(() => Int, { nullable: true })
  usedSlots?: number | null;

  @Field(() => Int, { nullable: true })
  runningJobs?: number | null;

  @Field(() => Int, { nullable: true })
  waitingJobs?: number | null;

  @Field(() => Int, { nullable: true, description: "Seconds; null: unknown." })
  estimatedWaitingTime?: number | null;

  @Field(() => [String], { nullable: true })
  vos?: string[] | null;

  @Field(() => [String], { nullable: true })
  tags?: string[] | null;

  @Field(() => [String], { nullable: true, description: "Tags a job must ask for to be sent here." })
  requiredTags?: string[] | null;

  @Field(() => ServingState, {
    nullable: true,
    description: "Default production; draining or closed: no new jobs.",
  })
  servingState?: ServingState | null;
}

@InputType()
abstract class ExecutionEnvironmentFields {
  @Field(() => String, {
    nullable: true,
    description: `One of ${PLATFORMS.join(", ")}. ${REQUIRED}`,
  })
  platform?: string | null;

  @Field(() => String, { nullable: true, description: `e.g. linux. ${REQUIRED}` })
  osFamily?: string | null;

  @Field(() => String, { nullable: true, description: `e.g. AlmaLinux. ${REQUIRED}` })
  osName?: string | null;

  @Field(() => String, { nullable: true, description: `e.g. 9.4. ${REQUIRED}` })
  osVersion?: string | null;

  @Field(() => Int, { nullable: true, description: `Logical CPUs per node. ${REQUIRED}` })
  logicalCpus?: number | null;

  @Field(() => Int, { nullable: true, description: `Main memory per node, in MB. ${REQUIRED}` })
  mainMemory?: number | null;

  @Field(() => String, { nullable: true })
  gpuModel?: string | null;

  @Field(() => Int, { nullable: true, description: "GPUs per node; default 0." })
  gpuCount?: number | null;

  @Field(() => Int, { nullable: true, description: "Nodes of this kind; default 1." })
  totalInstances?: number | null;

  @Field(() => String, { nullable: true, description: "e.g. HEPscore23." })
  benchmarkType?: string | null;

  @Field(() => Float, { nullable: true, description: "Per core." })
  benchmarkValue?: number | null;
}

@InputType()
abstract class StorageEndpointFields {
  @Field(() => String, { nullable: true, description: `e.g. davs://webdav.example.org:2880. ${REQUIRED}` })
  url?: string | null;

  @Field(() => [String], { nullable: true, description: "e.g. https, webdav, xroot, s3." })
  protocols?: string[] | null;

  @Field(() => AccessLatency, { nullable: true, description: "Default online." })
  accessLatency?: AccessLatency | null;

  @Field(() => Float, { nullable: true, description: "TB." })
  totalCapacity?: number | null;

  @Field(() => Float, { nullable: true, description: "TB; at most totalCapacity." })
  freeCapacity?: number | null;

  @Field(() => [String], { nullable: true })
  vos?: string[] | null;
}

@InputType()
abstract class DowntimeFields {
  @Field(() => DowntimeSeverity, { nullable: true, description: REQUIRED })
  severity?: DowntimeSeverity | null;

  @Field(() => DowntimeClassification, { nullable: true, description: REQUIRED })
  classification?: DowntimeClassification | null;

  @Field(() => Date, { nullable: true, description: REQUIRED })
  startsAt?: Date | null;

  @Field(() => Date, { nullable: true, description: `After startsAt. ${REQUIRED}` })
  endsAt?: Date | null;

  @Field(() => String, { nullable: true, description: REQUIRED })
  description?: string | null;

  @Field(() => [String], { nullable: true, description: "Endpoint URLs of the site; empty: the whole site." })
  affectedEndpoints?: string[] | null;
}

/** `Create<Part>Input` (with siteId) and `Update<Part>Input` (with id and expectedVersion). */
function partInputs<T extends abstract new () => object>(fields: T, name: string) {
  @InputType(`Create${name}Input`)
  class Create extends (fields as unknown as new () => object) {
    @Field(() => ID)
    @Length(1, 100)
    siteId!: string;
  }
  @InputType(`Update${name}Input`, { description: "Omitted fields stay as they are; null removes a value." })
  class Update extends (fields as unknown as new () => object) {
    @Field(() => ID)
    @Length(1, 100)
    id!: string;

    @Field(() => Int, { description: "The `version` you read; CONFLICT if it changed since." })
    @Min(1)
    expectedVersion!: number;
  }
  return { Create, Update };
}

export const ComputeEndpointInputs = partInputs(ComputeEndpointFields, "ComputeEndpoint");
export const ComputeShareInputs = partInputs(ComputeShareFields, "ComputeShare");
export const ExecutionEnvironmentInputs = partInputs(ExecutionEnvironmentFields, "ExecutionEnvironment");
export const StorageEndpointInputs = partInputs(StorageEndpointFields, "StorageEndpoint");
export const DowntimeInputs = partInputs(DowntimeFields, "Downtime");

@InputType({ description: "Software on the site's nodes; to change one, add the new and remove the old." })
export class CreateApplicationEnvironmentInput {
  @Field(() => ID)
  @Length(1, 100)
  siteId!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String, { nullable: true })
  version?: string | null;
}

export enum SitePartKind {
  ComputeEndpoint = "ComputeEndpoint",
  ComputeShare = "ComputeShare",
  ExecutionEnvironment = "ExecutionEnvironment",
  ApplicationEnvironment = "ApplicationEnvironment",
  StorageEndpoint = "StorageEndpoint",
  Downtime = "Downtime",
}
registerEnumType(SitePartKind, { name: "SitePartKind", description: "The parts of a site record." });
