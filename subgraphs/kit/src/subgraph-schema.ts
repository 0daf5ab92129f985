import { buildSubgraphSchema } from "@apollo/subgraph";
import type { GraphQLResolverMap } from "@apollo/subgraph/dist/schema-helper";
import { printSchemaWithDirectives } from "@graphql-tools/utils";
import { parse, type GraphQLSchema } from "graphql";
import { buildSchema, createResolversMap, type NonEmptyArray } from "type-graphql";

export const FEDERATION_LINK =
  'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable", "@inaccessible"])';

/**
 * type-graphql schema -> Federation 2 subgraph schema. type-graphql knows nothing of
 * federation: its printed SDL (with the `@key`/`@shareable` usages from `@Directive`)
 * gets the federation `@link`, and `buildSubgraphSchema` adds `_service`/`_entities`.
 * Reference resolvers (`__resolveReference`) are merged into type-graphql's resolvers.
 */
export async function buildFederatedSchema(options: {
  resolvers: NonEmptyArray<Function>; // eslint-disable-line @typescript-eslint/no-unsafe-function-type
  orphanedTypes?: Function[]; // eslint-disable-line @typescript-eslint/no-unsafe-function-type
  referenceResolvers: GraphQLResolverMap<unknown>;
}): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    resolvers: options.resolvers,
    orphanedTypes: options.orphanedTypes,
    skipCheck: true,
    validate: { forbidUnknownValues: false },
  });
  const resolvers = createResolversMap(schema) as GraphQLResolverMap<unknown>;
  for (const [typeName, refs] of Object.entries(options.referenceResolvers)) {
    resolvers[typeName] = { ...(resolvers[typeName] as object), ...(refs as object) };
  }
  const typeDefs = parse(`${FEDERATION_LINK}\n${printSchemaWithDirectives(schema)}`);
  return buildSubgraphSchema({ typeDefs, resolvers });
}
