import { Entity, Enum, Index, Property, OptionalProps, Unique } from "@mikro-orm/core";
import { Field, Int, ObjectType } from "type-graphql";
import { HealthState, ServingState } from "./enums";
import { SitePart } from "./site-part";

@ObjectType({ description: "GLUE2 ComputingEndpoint: where jobs are submitted." })
@Entity({ tableName: "compute_endpoint" })
// The natural key: two administrators adding the same endpoint at once end in one CONFLICT.
@Unique({ name: "compute_endpoint_site_url_unique", properties: ["site", "url"] })
// sites(filter: { interfaceName }) is an EXISTS sub-query led by the interface.
@Index({ name: "compute_endpoint_interface_name_site_id_index", properties: ["interfaceName", "site"] })
export class ComputeEndpoint extends SitePart {
  [OptionalProps]?: "id" | "siteId" | "healthState" | "servingState" | "capabilities" | "version";

  @Field({ description: "Endpoint URL, e.g. https://ce01.example.org:9619." })
  @Property({ type: "text" })
  url!: string;

  @Field({ description: "GLUE2 InterfaceName, e.g. org.opensciencegrid.htcondorce, org.nordugrid.arcrest." })
  @Property({ type: "text" })
  interfaceName!: string;

  @Field({ description: "Implementation name, e.g. HTCondor-CE, ARC, Slurm." })
  @Property({ type: "text" })
  implementationName!: string;

  @Field(() => String, { nullable: true })
  @Property({ type: "text", nullable: true })
  implementationVersion?: string | null;

  @Field(() => HealthState)
  @Enum({ items: () => HealthState })
  healthState: HealthState = HealthState.UNKNOWN;

  @Field(() => ServingState)
  @Enum({ items: () => ServingState })
  servingState: ServingState = ServingState.PRODUCTION;

  @Field(() => [String], {
    description:
      "GLUE2 Capability values, e.g. executionmanagement.jobexecution, executionmanagement.jobdescription.",
  })
  // Added to existing tables with a default, so rows written before the column keep working.
  @Property({ type: "text[]", defaultRaw: "'{}'" })
  capabilities: string[] = [];

  @Field(() => Int, { description: "Record version; an update must name the version it was based on." })
  @Property({ type: "integer", version: true })
  version: number = 1;
}
