import type { ApolloServerPlugin, BaseContext } from "@apollo/server";
import { GraphQLError, type GraphQLFormattedError } from "graphql";
import type { Logger } from "./logger";

/** The stable `extensions.code` values that are part of gridgraph's API. */
export type ErrorCode =
  | "BAD_USER_INPUT"
  | "NOT_FOUND"
  | "UNAUTHENTICATED"
  | "FORBIDDEN"
  | "CONFLICT"
  | "SUBGRAPH_UNAVAILABLE"
  | "QUERY_TOO_COMPLEX"
  | "RATE_LIMITED"
  /** A job that fits no site: the placement's rejections are in `extensions.rejected`. */
  | "NO_PLACEMENT"
  /** A per-VO or per-user limit on concurrent jobs. */
  | "QUOTA_EXCEEDED"
  /** The service lacks configuration the request needs (the message says which). */
  | "SERVICE_MISCONFIGURED"
  | "INTERNAL_SERVER_ERROR";

export class ApiError extends GraphQLError {
  constructor(code: ErrorCode, message: string, extra: Record<string, unknown> = {}) {
    super(message, { extensions: { code, ...extra } });
  }
}

export const badInput = (message: string, field?: string) =>
  new ApiError("BAD_USER_INPUT", message, field ? { field } : {});
export const notFound = (type: string, id: string) =>
  new ApiError("NOT_FOUND", `${type} '${id}' does not exist (or is not visible to you).`, { type, id });
export const conflict = (message: string) => new ApiError("CONFLICT", message);
export const forbidden = (message: string) => new ApiError("FORBIDDEN", message);
export const unauthenticated = (message: string) => new ApiError("UNAUTHENTICATED", message);

/**
 * For errors raised while building a request's context (before any resolver runs): Apollo
 * answers them as the whole response, with this HTTP status instead of 500.
 */
export function asRequestError(error: unknown, status: number): unknown {
  if (!(error instanceof ApiError)) return error;
  return new GraphQLError(error.message, { extensions: { ...error.extensions, http: { status } } });
}

/** Codes that GraphQL servers themselves produce for bad requests; passed through as they are. */
const PASS_THROUGH = new Set([
  "BAD_USER_INPUT",
  "NOT_FOUND",
  "UNAUTHENTICATED",
  "FORBIDDEN",
  "CONFLICT",
  "SUBGRAPH_UNAVAILABLE",
  "QUERY_TOO_COMPLEX",
  "RATE_LIMITED",
  "NO_PLACEMENT",
  "QUOTA_EXCEEDED",
  "SERVICE_MISCONFIGURED",
  "PAYLOAD_TOO_LARGE",
  "GRAPHQL_PARSE_FAILED",
  "GRAPHQL_VALIDATION_FAILED",
  "BAD_REQUEST",
  "PERSISTED_QUERY_NOT_FOUND",
  "PERSISTED_QUERY_NOT_SUPPORTED",
  "OPERATION_RESOLUTION_FAILURE",
]);

interface ClassValidatorError {
  property: string;
  constraints?: Record<string, string>;
  children?: ClassValidatorError[];
}

/** Turns class-validator's tree into "input.title: title should not be empty; ..." */
function describeValidationErrors(errors: ClassValidatorError[], prefix = ""): string[] {
  return errors.flatMap((e) => {
    const path = prefix ? `${prefix}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((c) => `${path}: ${c}`);
    return [...own, ...describeValidationErrors(e.children ?? [], path)];
  });
}

/**
 * The limit a refusal names (depth, aliases, tokens...): validation rules put it in
 * `extensions.limit`; graphql-js's own token limit says so in its message.
 */
export function limitOf(error: { message: string; extensions?: Record<string, unknown> }): string | null {
  if (typeof error.extensions?.limit === "string") return error.extensions.limit;
  // graphql-js words it "Document contains more that N tokens. Parsing aborted."
  if (/Document contains more th(?:an|at|en) \d+ tokens/.test(error.message)) return "maxTokens";
  return null;
}

function validationErrorsOf(original: unknown): ClassValidatorError[] | undefined {
  return (original as { extensions?: { validationErrors?: ClassValidatorError[] } })?.extensions
    ?.validationErrors;
}

/** An error the API answers as it is (bad input, not found...), not a fault of the service. */
function isExpected(error: GraphQLError): boolean {
  const code = error.extensions?.code as string | undefined;
  return Boolean((code && PASS_THROUGH.has(code)) || validationErrorsOf(error.originalError ?? error));
}

/**
 * Logs every unexpected error of a request with its stack, through the request's own logger
 * (`loggerOf`), so the line carries the request id the caller can quote.
 */
export function unexpectedErrorLogging<C extends BaseContext>(
  loggerOf: (context: C | undefined) => Logger,
): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, contextValue }) {
          for (const error of errors) {
            if (isExpected(error)) continue;
            loggerOf(contextValue).error("unexpected error while resolving", {
              error: error.originalError ?? error,
              path: error.path,
            });
          }
        },
      };
    },
  };
}

/**
 * Apollo Server `formatError`: known API errors keep their code and message; anything else
 * becomes INTERNAL_SERVER_ERROR with no internals (unexpectedErrorLogging logs the details).
 */
export function createFormatError(exposeInternals: boolean) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
    const code = formatted.extensions?.code as string | undefined;

    const validationErrors = validationErrorsOf(original);
    if (validationErrors) {
      const details = describeValidationErrors(validationErrors);
      return {
        message: `Invalid input: ${details.join("; ")}`,
        locations: formatted.locations,
        path: formatted.path,
        extensions: { code: "BAD_USER_INPUT", details },
      };
    }
    // A document refused by a limit (validation or parsing): one stable code for all of them.
    const limit = limitOf(formatted as { message: string; extensions?: Record<string, unknown> });
    if (limit && (code === "GRAPHQL_VALIDATION_FAILED" || code === "GRAPHQL_PARSE_FAILED")) {
      return {
        message: formatted.message.replace(/^Syntax Error: /, ""),
        locations: formatted.locations,
        extensions: { ...formatted.extensions, code: "QUERY_TOO_COMPLEX", limit },
      };
    }
    if (code && PASS_THROUGH.has(code)) {
      if (exposeInternals) return formatted;
      const { stacktrace: _ignored, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions };
    }
    return {
      message: exposeInternals ? formatted.message : "Internal server error; the service logged the details.",
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: "INTERNAL_SERVER_ERROR" },
    };
  };
}
