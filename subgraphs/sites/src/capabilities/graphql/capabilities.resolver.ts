import { GraphQLJSONObject } from "graphql-scalars";
import {
  Arg,
  Ctx,
  Field,
  ID,
  Int,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  registerEnumType,
} from "type-graphql";
import type { SubgraphContext } from "@gridgraph/kit";
import { CapabilityImportService } from "../domain/import.service";
import { SiteRecordsService } from "../domain/site-records.service";
import type { SiteLoaders } from "../../loaders";

export enum CapabilityFormatEnum {
  GLUE2_JSON = "GLUE2_JSON",
  GLUE2_LDIF = "GLUE2_LDIF",
  GOCDB_XML = "GOCDB_XML",
}
registerEnumType(CapabilityFormatEnum, {
  name: "CapabilityFormat",
  description:
    "GLUE2_JSON: the OGF GLUE 2.0 JSON rendering (what exportCapabilities and GET /glue2 produce). GLUE2_LDIF: a GLUE 2.0 LDIF dump as a site BDII publishes it. GOCDB_XML: a GOCDB get_site, get_service_endpoint or get_downtime response.",
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
export class CapabilitiesResolver {
  @Mutation(() => ImportReport, {
    description:
      "Replaces a site's compute capabilities with what its information system publishes, in one transaction (site administrators).",
  })
  importSiteCapabilities(
    @Arg("siteId", () => ID) siteId: string,
    @Arg("format", () => CapabilityFormatEnum) format: CapabilityFormatEnum,
    @Arg("document", () => String) document: string,
    @Arg("allowRemovals", () => Boolean, {
      defaultValue: false,
      description:
        "Apply even when the document would remove more than IMPORT_MAX_REMOVAL_SHARE (default 50%) of the site's records of the kinds it states; otherwise such an import is refused with CONFLICT.",
    })
    allowRemovals: boolean,
    @Ctx() ctx: SubgraphContext<SiteLoaders>,
  ) {
    return new CapabilityImportService(ctx.em, ctx.access).import(siteId, format, document, {
      allowRemovals,
    });
  }

  @Mutation(() => [ImportReport], {
    description:
      "Imports a GLUE 2.0 JSON document of any number of sites (an export of the registry, say) in one transaction: sites are created or updated, and each kind of part the document has replaces the site's (administrators of every site in it, or platform administrators).",
  })
  importRegistry(
    @Arg("document", () => String) document: string,
    @Arg("allowRemovals", () => Boolean, {
      defaultValue: false,
      description: "As for importSiteCapabilities, per site.",
    })
    allowRemovals: boolean,
    @Ctx() ctx: SubgraphContext<SiteLoaders>,
  ) {
    return new SiteRecordsService(ctx.em, ctx.access).importGlue2Json(document, null, { allowRemovals });
  }

  @Query(() => GraphQLJSONObject, {
    description:
      "Site records as a GLUE 2.0 JSON document: the given sites, or the whole registry when siteIds is omitted. Also served as plain HTTP by the gateway: GET /glue2 and GET /glue2/sites/<id>.",
  })
  exportCapabilities(
    @Arg("siteIds", () => [ID], { nullable: true }) siteIds: string[] | null,
    @Ctx() ctx: SubgraphContext<SiteLoaders>,
  ) {
    return new SiteRecordsService(ctx.em, ctx.access).export(siteIds ?? null);
  }
}
