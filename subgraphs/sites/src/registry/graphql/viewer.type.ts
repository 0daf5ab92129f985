import { Field, ObjectType } from "type-graphql";
import type { Access } from "@gridgraph/kit";

@ObjectType({ description: "The caller, as their access token describes them, and what follows from it." })
export class ViewerType {
  @Field({ description: "OIDC subject." })
  sub!: string;

  @Field(() => String, { nullable: true })
  vopersonId!: string | null;

  @Field(() => String, { nullable: true })
  name!: string | null;

  @Field(() => String, { nullable: true })
  email!: string | null;

  @Field(() => [String], { description: "eduperson_entitlement URNs as the token carried them." })
  entitlements!: string[];

  @Field(() => [String], { description: "VOs the viewer is a member of (any role, any subgroup)." })
  vos!: string[];

  @Field(() => [String], { description: "VOs the viewer manages (sees all their jobs)." })
  managedVos!: string[];

  @Field(() => [String], { description: "Sites whose record the viewer may edit." })
  adminOfSites!: string[];

  @Field()
  platformAdmin!: boolean;
}

export function viewerOf(access: Access): ViewerType | null {
  const v = access.viewer;
  if (!v) return null;
  return {
    sub: v.sub,
    vopersonId: v.vopersonId ?? null,
    name: v.name ?? null,
    email: v.email ?? null,
    entitlements: v.entitlements,
    vos: access.vos(),
    managedVos: access.managedVos(),
    adminOfSites: access.adminOfSites(),
    platformAdmin: access.isPlatformAdmin(),
  };
}
