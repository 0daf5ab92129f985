import { IsOptional, Length, Matches } from "class-validator";
import { Field, InputType } from "type-graphql";
import { CertificationStatus, SiteKind } from "../../entities";

@InputType({ description: "Filters for `sites`; all given filters must hold." })
export class SiteFilter {
  @Field(() => String, { nullable: true, description: "Sites supporting this VO, e.g. vo.lofar.eu." })
  @IsOptional()
  @Length(1, 255)
  vo?: string | null;

  @Field(() => SiteKind, { nullable: true })
  kind?: SiteKind | null;

  @Field(() => String, { nullable: true, description: "ISO 3166-1 alpha-2 country code." })
  @IsOptional()
  @Matches(/^[A-Za-z]{2}$/, { message: "country must be a two-letter ISO code such as PL" })
  country?: string | null;

  @Field(() => String, { nullable: true })
  ngi?: string | null;

  @Field(() => CertificationStatus, { nullable: true })
  certificationStatus?: CertificationStatus | null;

  @Field(() => String, {
    nullable: true,
    description: "Offers an endpoint with this interface, e.g. org.nordugrid.arcrest.",
  })
  interface?: string | null;

  @Field(() => String, { nullable: true, description: "Has nodes of this platform, e.g. aarch64." })
  platform?: string | null;

  @Field(() => Boolean, { nullable: true, description: "true: has GPU nodes; false: has none." })
  gpu?: boolean | null;

  @Field(() => String, {
    nullable: true,
    description: "Offers this software (application name, case-insensitive).",
  })
  software?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description: "true: a whole-site OUTAGE is in progress now; false: none is.",
  })
  inDowntime?: boolean | null;

  @Field(() => String, { nullable: true, description: "Case-insensitive text in short or official name." })
  @IsOptional()
  @Length(1, 200)
  text?: string | null;
}
