import { Arg, Ctx, Field, ID, Int, Mutation, ObjectType, Resolver, registerEnumType } from "type-graphql";
import type { SubgraphContext } from "../../../kit/src";
import { CapabilityImportService } from "../domain/import/import.service";
import type { SiteLoaders } from "../loaders";

export enum CapabilityFormatEnum {
  GLUE2_LDIF = "GLUE2_LDIF",
  GOCDB_XML = "GOCDB_XML",
}
registerEnumType(CapabilityFormatEnum, {
  name: "CapabilityFormat",
  description:
    "GLUE2_LDIF: a GLUE 2.0 LDIF dump as a site BDII publishes it. GOCDB_XML: a GOCDB get_site, get_service_endpoint or get_downtime response.",
});

@ObjectType({
  description: "What an import did; importing the same document again reports everything unchanged.",
})
export class ImportReport {
  @Field(() => ID)
  siteId!: string;

  @Field(() => Int)
  created!: number;

  @Field(() => Int)
  updated!: number;

  @Field(() => Int)
  unchanged!: number;

  @Field(() => Int, { description: "Records the document no longer lists." })
  removed!: number;

  @Field(() => [String], { description: "Unknown attributes, values read as 'no value', skipped objects." })
  warnings!: string[];
}

@Resolver()
export class ImportResolver {
  @Mutation(() => ImportReport, {
    description:
      "Replaces a site's compute capabilities with what its information system publishes, in one transaction (site administrators).",
  })
  importSiteCapabilities(
    @Arg("siteId", () => ID) siteId: string,
    @Arg("format", () => CapabilityFormatEnum) format: CapabilityFormatEnum,
    @Arg("document", () => String) document: string,
    @Ctx() ctx: SubgraphContext<SiteLoaders>,
  ) {
    return new CapabilityImportService(ctx.em, ctx.access).import(siteId, format, document);
  }
}
