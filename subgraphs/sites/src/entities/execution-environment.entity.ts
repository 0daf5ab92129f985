import { Entity, Index, Property, OptionalProps } from "@mikro-orm/core";
import { Field, Float, Int, ObjectType } from "type-graphql";
import { SitePart } from "./site-part";

@ObjectType({ description: "GLUE2 ExecutionEnvironment: a class of worker nodes." })
@Entity({ tableName: "execution_environment" })
// sites(filter: { platform, gpu }) are EXISTS sub-queries answered from these indexes.
@Index({ name: "execution_environment_platform_site_id_index", properties: ["platform", "site"] })
@Index({
  name: "execution_environment_gpu_site_id_index",
  expression:
    'create index "execution_environment_gpu_site_id_index" on "execution_environment" ("site_id") where "gpu_count" > 0',
})
export class ExecutionEnvironment extends SitePart {
  [OptionalProps]?: "id" | "siteId" | "gpuCount" | "totalInstances" | "version";

  @Field({ description: "Platform, e.g. x86_64, aarch64." })
  @Property({ type: "text" })
  platform!: string;

  @Field({ description: "OS family, e.g. linux." })
  @Property({ type: "text" })
  osFamily!: string;

  @Field({ description: "OS name, e.g. AlmaLinux, Rocky, Ubuntu." })
  @Property({ type: "text" })
  osName!: string;

  @Field({ description: "OS version, e.g. 9.4." })
  @Property({ type: "text" })
  osVersion!: string;

  @Field(() => Int, { description: "Logical CPUs per node." })
  @Property({ type: "integer" })
  logicalCpus!: number;

  @Field(() => Int, { description: "Main memory per node, in MB." })
  @Property({ type: "integer" })
  mainMemory!: number;

  @Field(() => String, { nullable: true, description: "GPU model, e.g. NVIDIA A100 40GB." })
  @Property({ type: "text", nullable: true })
  gpuModel?: string | null;

  @Field(() => Int, { description: "GPUs per node (0 when none)." })
  @Property({ type: "integer" })
  gpuCount: number = 0;

  @Field(() => Int, { description: "Number of nodes of this kind." })
  @Property({ type: "integer" })
  totalInstances: number = 1;

  @Field(() => String, { nullable: true, description: "Benchmark type, e.g. HEPscore23, HEPSPEC06." })
  @Property({ type: "text", nullable: true })
  benchmarkType?: string | null;

  @Field(() => Float, { nullable: true, description: "Benchmark value per core." })
  @Property({ type: "double", nullable: true })
  benchmarkValue?: number | null;

  @Field(() => Int, { description: "Record version; an update must name the version it was based on." })
  @Property({ type: "integer", version: true })
  version: number = 1;
}
