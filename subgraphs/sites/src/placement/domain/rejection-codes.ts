/**
 * The vocabulary of placement's answers: why a site cannot run a job. The GraphQL enum
 * RejectionCode is built from this list; the README's table documents each code.
 */
import type { EndpointRow, ShareRow } from "./snapshot";

/** Why a site cannot run a job; the GraphQL enum RejectionCode is built from this list. */
export const REJECTION_CODES = [
  "BANNED_SITE",
  "SITE_NOT_CERTIFIED",
  "VO_NOT_SUPPORTED",
  "SITE_IN_DOWNTIME",
  "ENDPOINT_UNHEALTHY",
  "QUEUE_CLOSED",
  "INTERFACE_MISMATCH",
  "ENDPOINT_NOT_NAMED",
  "TOO_MANY_CORES",
  "INSUFFICIENT_MEMORY",
  "WALLTIME_EXCEEDS_LIMIT",
  "CPUTIME_EXCEEDS_LIMIT",
  "NO_GPU",
  "PLATFORM_MISMATCH",
  "OS_MISMATCH",
  "MISSING_SOFTWARE",
  "NO_CONTAINER_RUNTIME",
  "MISSING_TAGS",
  "REQUIRED_TAG_NOT_REQUESTED",
  "NO_MATCHING_QUEUE",
] as const;
export type RejectionCode = (typeof REJECTION_CODES)[number];

export interface Rejection {
  code: RejectionCode;
  message: string;
}

/** Queue-level requirement codes, one bit each, so checking 30,000 queues allocates nothing. */
export const SHARE_CODES: RejectionCode[] = [
  "VO_NOT_SUPPORTED",
  "TOO_MANY_CORES",
  "INSUFFICIENT_MEMORY",
  "WALLTIME_EXCEEDS_LIMIT",
  "CPUTIME_EXCEEDS_LIMIT",
  "MISSING_TAGS",
  "REQUIRED_TAG_NOT_REQUESTED",
  "INTERFACE_MISMATCH",
  "ENDPOINT_NOT_NAMED",
  "ENDPOINT_UNHEALTHY",
  "QUEUE_CLOSED",
  "SITE_IN_DOWNTIME",
];
export const BIT = Object.fromEntries(SHARE_CODES.map((c, i) => [c, 1 << i])) as Record<string, number>;

/** A queue as checked for one job: the endpoint it would use and the requirements it fails (bits). */
export interface ShareCheck {
  share: ShareRow;
  endpoint: EndpointRow | null;
  failures: number;
}

export function popcount(n: number) {
  let c = 0;
  for (; n; n &= n - 1) c++;
  return c;
}
