import { randomBytes } from "node:crypto";
import type { DoiState } from "../entities";
import type { DataciteProblem } from "./datacite-check";

/**
 * Who issues DOIs: DataCite's REST API, or the embedded minter (a table) when DataCite is not
 * configured. Both keep DataCite's states and both are idempotent, so a retry after any
 * failure completes what was started and never makes a second DOI.
 */
export interface DoiMinter {
  readonly prefix: string;
  /** What it is, for messages and the README: "DataCite at https://api.test.datacite.org". */
  readonly description: string;
  /**
   * Reserves `doi` as a draft pointing at `url`. A DOI already reserved for the same URL is
   * this reservation (a retry) and fine; one taken for anything else is a DoiTakenError.
   */
  reserve(doi: string, url: string): Promise<void>;
  /** Registers the attributes and makes the DOI findable (DataCite's `publish` event). */
  publish(doi: string, attributes: Record<string, unknown>): Promise<DoiState>;
}

/** The agency refused or could not be reached; `problems` are its own words (DataCite's 422 errors). */
export class MintError extends Error {
  constructor(
    message: string,
    readonly problems: DataciteProblem[] = [],
    /** Whether the same request may succeed later (the agency was down), as opposed to refused. */
    readonly transient = false,
  ) {
    super(message);
  }
}

export class DoiTakenError extends MintError {}

const CROCKFORD = "0123456789abcdefghjkmnpqrstvwxyz";

/**
 * A new DOI under `prefix`: `gg.` and eight random Crockford base32 characters in two groups
 * (DataCite's own style for generated suffixes), e.g. 10.5072/gg.3f2a-9c1d.
 */
export function newDoi(prefix: string): string {
  const chars = [...randomBytes(8)].map((b) => CROCKFORD[b % 32]).join("");
  return `${prefix}/gg.${chars.slice(0, 4)}-${chars.slice(4)}`;
}
