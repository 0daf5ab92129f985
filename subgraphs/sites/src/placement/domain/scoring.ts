/**
 * How placement ranks the sites that can run a job: the documented terms (README, "How
 * placement scores"), each listed in a candidate's reasons, the score their sum.
 */
import { formatDuration } from "./explanations";
import type { NormalizedRequirements } from "./requirements";
import type { ShareCheck } from "./rejection-codes";
import { indexOf } from "./snapshot-index";
import { downtimeOverlaps, type SiteCapabilities } from "./snapshot";

export const SCORE = {
  base: 100,
  dataLocality: 30,
  freeSlotsMax: 20,
  waitPenaltyPer10Min: 1,
  waitPenaltyMax: 30,
  warningDowntime: -25,
  endpointWarning: -15,
  endpointUnknown: -5,
  benchmarkMax: 10,
};

export interface ScoreReason {
  code: string;
  points: number;
  message: string;
}

/**
 * The score of a passing queue, as the sum of the documented terms. With `reasons` it also
 * lists them; placement asks for that only for the candidates it returns.
 */
export function scoreTerms(
  caps: SiteCapabilities,
  c: ShareCheck,
  req: NormalizedRequirements,
  reasons: ScoreReason[] | null,
  index = indexOf(caps),
): number {
  let total = 0;
  const term = (code: string, points: number, message: () => string) => {
    total += points;
    reasons?.push({ code, points, message: message() });
  };
  const site = caps.site.id;
  term("BASE", SCORE.base, () => "meets every requirement");
  if (req.dataSites.has(site)) term("DATA_LOCAL", SCORE.dataLocality, () => `input data is held at ${site}`);
  const free = Math.min(1, c.share.freeSlots / Math.max(1, req.cores * 10));
  if (free > 0)
    term(
      "FREE_SLOTS",
      round(SCORE.freeSlotsMax * free),
      () => `${c.share.freeSlots} free slots in ${c.share.name}`,
    );
  const wait = c.share.estimatedWaitingTime;
  if (wait != null && wait > 0) {
    const penalty = Math.min(SCORE.waitPenaltyMax, (wait / 600) * SCORE.waitPenaltyPer10Min);
    term("WAITING_TIME", -round(penalty), () => `estimated wait ${formatDuration(wait)} in ${c.share.name}`);
  }
  for (const d of caps.downtimes) {
    if (d.severity === "WARNING" && downtimeOverlaps(d, req.windowStart, req.windowEnd)) {
      term(
        "DOWNTIME_WARNING",
        SCORE.warningDowntime,
        () => `WARNING downtime during the job's window: ${d.description}`,
      );
      break;
    }
  }
  const endpoint = c.endpoint!;
  if (endpoint.healthState === "warning")
    term("ENDPOINT_WARNING", SCORE.endpointWarning, () => `${endpoint.url} reports health warning`);
  if (endpoint.healthState === "unknown")
    term("ENDPOINT_UNKNOWN", SCORE.endpointUnknown, () => `${endpoint.url} reports no health state`);
  const benchmark = index.benchmark;
  if (benchmark > 10)
    term(
      "FAST_NODES",
      round(Math.min(SCORE.benchmarkMax, benchmark - 10)),
      () => `benchmark ${benchmark} per core`,
    );
  return total;
}

export const round = (n: number) => Math.round(n * 10) / 10;
