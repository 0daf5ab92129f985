import type { ApolloServerPlugin } from "@apollo/server";
import { ApolloArmor } from "@escape.tech/graphql-armor";
import {
  getNamedType,
  GraphQLError,
  isListType,
  isNonNullType,
  Kind,
  visit,
  type ASTNode,
  type DocumentNode,
  type GraphQLSchema,
  type ValidationContext,
  type ValueNode,
} from "graphql";
import { getComplexity, type ComplexityEstimator } from "graphql-query-complexity";
import { ConfigReader, DEFAULT_PAGE_SIZE, HttpRequestError, limitOf } from "@gridgraph/kit";

/**
 * What the gateway refuses before any subgraph is asked (issue "safe to face the network").
 * Each refusal says which limit and how large it is; the cost model is in
 * schema/cost-model.md. Every number can be set by an environment variable (README).
 */
export interface QueryLimits {
  /** Deepest selection (fragments flattened). */
  maxDepth: number;
  maxAliases: number;
  maxDirectives: number;
  /** Tokens in the query document (a long string is one token). */
  maxTokens: number;
  /** Characters of the query document itself (variables are not counted). */
  maxDocumentBytes: number;
  /** The cost model's total (schema/cost-model.md). */
  maxCost: number;
  /** Items in one list argument. */
  maxListLength: number;
  /** Characters of one string argument, except those in DOCUMENT_ARGUMENTS. */
  maxStringLength: number;
  /** Request body of a caller without a token; authenticated callers have MAX_BODY_BYTES. */
  maxAnonymousBodyBytes: number;
  /** Requests per identity (token subject, or client address) per rate window. */
  rateLimitRequests: number;
  rateLimitWindowSeconds: number;
}

export const DEFAULT_LIMITS: QueryLimits = {
  maxDepth: 15,
  maxAliases: 30,
  maxDirectives: 50,
  maxTokens: 5000,
  maxDocumentBytes: 64 * 1024,
  maxCost: 250_000,
  maxListLength: 1000,
  maxStringLength: 10_000,
  maxAnonymousBodyBytes: 256 * 1024,
  rateLimitRequests: 600,
  rateLimitWindowSeconds: 10,
};

/**
 * Arguments that carry whole documents (a BDII dump, a GLUE 2.0 JSON export, a JDL): only the
 * body limit applies to them.
 */
const DOCUMENT_ARGUMENTS = new Set(["document", "jdl"]);

/** Identifiers are short (GOCDB names, UUIDs, logical file names). */
const MAX_ID_LENGTH = 1024;

export function readLimits(config: ConfigReader): QueryLimits {
  const n = (key: string, fallback: number, max = 1_000_000_000) => config.integer(key, fallback, [1, max]);
  return {
    maxDepth: n("GATEWAY_MAX_DEPTH", DEFAULT_LIMITS.maxDepth, 1000),
    maxAliases: n("GATEWAY_MAX_ALIASES", DEFAULT_LIMITS.maxAliases),
    maxDirectives: n("GATEWAY_MAX_DIRECTIVES", DEFAULT_LIMITS.maxDirectives),
    maxTokens: n("GATEWAY_MAX_TOKENS", DEFAULT_LIMITS.maxTokens),
    maxDocumentBytes: n("GATEWAY_MAX_DOCUMENT_BYTES", DEFAULT_LIMITS.maxDocumentBytes),
    maxCost: n("GATEWAY_MAX_COST", DEFAULT_LIMITS.maxCost),
    maxListLength: n("GATEWAY_MAX_LIST_LENGTH", DEFAULT_LIMITS.maxListLength),
    maxStringLength: n("GATEWAY_MAX_STRING_LENGTH", DEFAULT_LIMITS.maxStringLength),
    maxAnonymousBodyBytes: n("GATEWAY_MAX_ANONYMOUS_BODY_BYTES", DEFAULT_LIMITS.maxAnonymousBodyBytes),
    rateLimitRequests: n("GATEWAY_RATE_LIMIT_REQUESTS", DEFAULT_LIMITS.rateLimitRequests),
    rateLimitWindowSeconds: n("GATEWAY_RATE_LIMIT_WINDOW_S", DEFAULT_LIMITS.rateLimitWindowSeconds, 86_400),
  };
}

/** A refusal of the query itself: stable code QUERY_TOO_COMPLEX, the limit and its value. */
export function tooComplex(message: string, limit: string, max: number, nodes?: readonly ASTNode[]) {
  return new GraphQLError(message, {
    nodes,
    extensions: { code: "QUERY_TOO_COMPLEX", limit, max, http: { status: 400 } },
  });
}

/**
 * The deepest nesting of braces in a query text, outside strings and comments: a cheap look
 * before parsing, because graphql-js parses recursively and a document nested a few thousand
 * levels deep exhausts the stack before its token limit is reached.
 */
export function braceDepth(query: string): number {
  let depth = 0;
  let deepest = 0;
  for (let i = 0; i < query.length; i++) {
    const c = query[i];
    if (c === "#") {
      while (i < query.length && query[i] !== "\n") i++;
    } else if (c === '"') {
      if (query.startsWith('"""', i)) {
        const end = query.indexOf('"""', i + 3);
        i = end < 0 ? query.length : end + 2;
      } else {
        for (i++; i < query.length && query[i] !== '"' && query[i] !== "\n"; i++) if (query[i] === "\\") i++;
      }
    } else if (c === "{") {
      if (++depth > deepest) deepest = depth;
    } else if (c === "}") depth--;
  }
  return deepest;
}

/** Refuses, before parsing, a query text nested far deeper than the depth limit allows. */
export function checkQueryText(query: string, limits: QueryLimits) {
  // Input objects nest braces too; twice the selection depth leaves them room.
  const allowed = limits.maxDepth * 2 + 2;
  if (braceDepth(query) > allowed)
    throw new HttpRequestError(
      400,
      "QUERY_TOO_COMPLEX",
      `The query nests deeper than ${limits.maxDepth} levels.`,
      {},
      { limit: "maxDepth", max: limits.maxDepth },
    );
}

/** A refused argument value: BAD_USER_INPUT naming the argument and the limit. */
function badArgument(message: string, argument: string, limit: string, max?: number) {
  return new GraphQLError(message, {
    extensions: {
      code: "BAD_USER_INPUT",
      argument,
      limit,
      ...(max !== undefined ? { max } : {}),
      http: { status: 400 },
    },
  });
}

/**
 * The cost model (schema/cost-model.md), GitHub-style: the cost is the number of objects a
 * query may return. A scalar costs nothing; an object 1 plus what is selected below it; a
 * connection multiplies what one of its nodes costs by `first` (default 50); a plain list of
 * objects by LIST_SIZE; fields that work on the whole registry cost what that work is worth.
 */
export const LIST_SIZE = 5;
export const FIELD_COSTS: Record<string, number> = {
  "Query.placement": 5000,
  "Query.placementForJdl": 5000,
  "Query.exportCapabilities": 30_000,
  "Mutation.importRegistry": 30_000,
  "Mutation.importSiteCapabilities": 1000,
};

const costEstimator: ComplexityEstimator = ({ type, field, args, childComplexity }) => {
  const special = FIELD_COSTS[`${type.name}.${field.name}`];
  const named = getNamedType(field.type);
  const leaf = !("getFields" in named);
  if (leaf) return special ?? 0;
  const own = special ?? 1;
  if (type.name.endsWith("Connection")) {
    // Multiplied by `first` one level up; the page's shape itself is free.
    if (field.name === "edges") return childComplexity;
    if (field.name === "pageInfo") return 0;
  }
  if (type.name.endsWith("Edge") && field.name === "node") return own + childComplexity;
  if (named.name.endsWith("Connection")) {
    const first = typeof args.first === "number" ? args.first : DEFAULT_PAGE_SIZE;
    return own + Math.max(first, 1) * childComplexity;
  }
  let unwrapped = field.type;
  if (isNonNullType(unwrapped)) unwrapped = unwrapped.ofType;
  if (isListType(unwrapped)) return special ?? LIST_SIZE * (1 + childComplexity);
  return own + childComplexity;
};

export function queryCost(
  schema: GraphQLSchema,
  document: Parameters<typeof getComplexity>[0]["query"],
  variables: Record<string, unknown>,
  operationName?: string | null,
) {
  return getComplexity({
    schema,
    query: document,
    variables,
    operationName: operationName ?? undefined,
    estimators: [costEstimator],
  });
}

/**
 * GraphQL Armor's validation rules, each refusal reported with the limit it hit (Apollo gives
 * validation errors the code GRAPHQL_VALIDATION_FAILED; the gateway's formatError turns those
 * that name a limit into QUERY_TOO_COMPLEX). The token limit is graphql-js's own parse option.
 */
function armorProtections(limits: QueryLimits) {
  const refuse = (limit: string, max: number) => [
    (context: ValidationContext | null, error: GraphQLError) => {
      context?.reportError(tooComplex(error.message.replace(/^Syntax Error: /, ""), limit, max, error.nodes));
    },
  ];
  const armor = new ApolloArmor({
    maxDepth: {
      n: limits.maxDepth,
      flattenFragments: true,
      exposeLimits: true,
      propagateOnRejection: false,
      onReject: refuse("maxDepth", limits.maxDepth),
    },
    maxAliases: {
      n: limits.maxAliases,
      exposeLimits: true,
      propagateOnRejection: false,
      onReject: refuse("maxAliases", limits.maxAliases),
    },
    maxDirectives: {
      n: limits.maxDirectives,
      exposeLimits: true,
      propagateOnRejection: false,
      onReject: refuse("maxDirectives", limits.maxDirectives),
    },
    maxTokens: { enabled: false },
    // The cost limit below knows connections; Armor's does not.
    costLimit: { enabled: false },
    blockFieldSuggestion: { enabled: false },
  });
  return armor.protect();
}

/**
 * Every string and list in the document's arguments (operation and fragments), literal or
 * from a variable: a variable's value is checked under the name of the argument it feeds, so
 * `document: $doc` gets the document's allowance.
 */
function checkArguments(document: DocumentNode, variables: Record<string, unknown>, limits: QueryLimits) {
  const check = (argument: string, value: unknown) => {
    if (typeof value === "string") {
      if (value.includes("\u0000"))
        throw badArgument(`'${argument}' contains a NUL character, which no field accepts.`, argument, "nul");
      const max = DOCUMENT_ARGUMENTS.has(argument)
        ? Infinity
        : argument === "id" || argument.endsWith("Id")
          ? MAX_ID_LENGTH
          : limits.maxStringLength;
      if (value.length > max)
        throw badArgument(
          `'${argument}' is ${value.length} characters long; at most ${max} are accepted.`,
          argument,
          "maxStringLength",
          max,
        );
    } else if (Array.isArray(value)) {
      if (value.length > limits.maxListLength)
        throw badArgument(
          `'${argument}' has ${value.length} items; at most ${limits.maxListLength} are accepted.`,
          argument,
          "maxListLength",
          limits.maxListLength,
        );
      for (const item of value) check(argument, item);
    } else if (value && typeof value === "object") {
      for (const [key, inner] of Object.entries(value)) check(key, inner);
    }
  };
  const valueOf = (node: ValueNode): unknown => {
    switch (node.kind) {
      case Kind.STRING:
        return node.value;
      case Kind.LIST:
        return node.values.map(valueOf);
      case Kind.OBJECT:
        return Object.fromEntries(node.fields.map((f) => [f.name.value, valueOf(f.value)]));
      case Kind.VARIABLE:
        return variables[node.name.value];
      default:
        return null;
    }
  };
  visit(document, {
    Argument(node) {
      check(node.name.value, valueOf(node.value));
    },
  });
}

/**
 * Limits as Apollo Server options for the gateway: validation rules (depth, aliases,
 * directives), a parse-time token limit, and a plugin that prices the operation and checks
 * its arguments before the query plan runs.
 */
export function queryLimits(limits: QueryLimits, onRefusal: (limit: string) => void) {
  const armor = armorProtections(limits);
  const checks: ApolloServerPlugin = {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, schema, request: resolved, source }) {
          // The token limit already bounded parsing; a long document is one with huge literals.
          if (source.length > limits.maxDocumentBytes) {
            onRefusal("maxDocumentBytes");
            throw tooComplex(
              `The query document is ${source.length} characters long; at most ${limits.maxDocumentBytes} are accepted (send large values as variables).`,
              "maxDocumentBytes",
              limits.maxDocumentBytes,
            );
          }
          const variables = resolved.variables ?? {};
          try {
            checkArguments(document, variables, limits);
          } catch (error) {
            onRefusal(String((error as GraphQLError).extensions?.limit));
            throw error;
          }
          let cost: number;
          try {
            cost = queryCost(schema, document, variables, resolved.operationName);
          } catch (error) {
            // Pricing reads the variables, so a value that does not fit its type surfaces here
            // first: the caller's mistake, said as GraphQL says it.
            if (!(error instanceof GraphQLError)) throw error;
            throw new GraphQLError(error.message, {
              nodes: error.nodes,
              extensions: { code: "BAD_USER_INPUT", http: { status: 400 } },
            });
          }
          if (cost > limits.maxCost) {
            onRefusal("maxCost");
            throw tooComplex(
              `This query would cost ${cost}; at most ${limits.maxCost} is accepted (see schema/cost-model.md: ask for smaller pages with 'first', or fewer nested lists).`,
              "maxCost",
              limits.maxCost,
            );
          }
        },
        async didEncounterErrors({ errors }) {
          for (const error of errors) {
            const limit = limitOf(error);
            if (
              limit &&
              error.extensions?.code !== "QUERY_TOO_COMPLEX" &&
              error.extensions?.code !== "BAD_USER_INPUT"
            )
              onRefusal(limit);
          }
        },
      };
    },
  };
  return {
    plugins: [...armor.plugins, checks],
    validationRules: armor.validationRules,
    parseOptions: { maxTokens: limits.maxTokens },
  };
}
