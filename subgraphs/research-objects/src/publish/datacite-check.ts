import { Ajv, type ErrorObject } from "ajv";
import { DATACITE_REQUEST_SCHEMA } from "./datacite-schema";

const validate = new Ajv({ allErrors: true, strict: false }).compile(DATACITE_REQUEST_SCHEMA);

/** One thing DataCite would refuse, in the shape of DataCite's own 422 errors. */
export interface DataciteProblem {
  source: string;
  title: string;
}

const sourceOf = (error: ErrorObject) => {
  const path = error.instancePath.replace(/^\/data\/attributes\/?/, "").replace(/\//g, ".");
  const missing =
    error.keyword === "required" ? (error.params as { missingProperty: string }).missingProperty : "";
  return [path, missing].filter(Boolean).join(".") || "data";
};

/**
 * The problems DataCite's schema finds in a request body (empty when it would be accepted).
 * The `if` keyword's own error ("must match then schema") repeats the others and is dropped.
 */
export function dataciteProblems(body: unknown): DataciteProblem[] {
  if (validate(body)) return [];
  const seen = new Set<string>();
  const problems: DataciteProblem[] = [];
  const errors = validate.errors ?? [];
  // An anyOf is reported once, as itself: its branches' own errors would only repeat it.
  const anyOfPaths = new Set(errors.filter((e) => e.keyword === "anyOf").map((e) => e.instancePath));
  for (const error of errors) {
    if (error.keyword === "if") continue;
    const branch = anyOfPaths.has(error.instancePath) && error.keyword !== "anyOf";
    const missing = (error.params as { missingProperty?: string }).missingProperty;
    if (branch && (error.keyword !== "required" || missing === "doi" || missing === "prefix")) continue;
    const source = sourceOf(error);
    if (error.keyword === "anyOf") {
      const title = error.instancePath === "/data/attributes" ? "doi can't be blank" : `${source} is invalid`;
      if (!seen.has(title)) problems.push({ source: title.split(" ")[0], title });
      seen.add(title);
      continue;
    }
    const allowed = (error.params as { allowedValues?: unknown[] }).allowedValues;
    const title =
      error.keyword === "required"
        ? `${source} can't be blank`
        : allowed
          ? `${source} must be one of ${allowed.join(", ")}`
          : `${source} ${error.message ?? "is invalid"}`;
    if (!seen.has(title)) problems.push({ source, title });
    seen.add(title);
  }
  return problems;
}

/** A request body for one DOI with these attributes (DataCite's JSON:API envelope). */
export const doiRequest = (attributes: Record<string, unknown>) => ({ data: { type: "dois", attributes } });
