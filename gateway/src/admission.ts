import type { IncomingMessage } from "node:http";
import { Redis } from "ioredis";
import {
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
  type RateLimiterAbstract,
} from "rate-limiter-flexible";
import { DelegationVerifier, HttpRequestError, type Logger, type Viewer } from "@gridgraph/kit";
import { bearerToken, type TokenVerifier } from "./auth";
import type { QueryLimits } from "./limits";

/**
 * Who may send a GraphQL request, decided before its body is read: the token is verified
 * (a bad one is 401 at once), the caller's rate is counted (token subject, or client address
 * for anonymous callers; 429 with Retry-After beyond it), and anonymous callers get a small
 * body limit. The viewer is kept for the request's context, so the token is verified once.
 */
export class Admission {
  private readonly viewers = new WeakMap<IncomingMessage, Viewer | null>();
  private readonly limiter: RateLimiterAbstract;
  private readonly redis?: Redis;

  constructor(
    private readonly options: {
      tokens: TokenVerifier;
      /** Services that may call on a user's behalf (decision 0015); none: no delegated calls. */
      delegations?: DelegationVerifier;
      limits: QueryLimits;
      logger: Logger;
      /** Counts shared by every gateway replica; without it, counts are per process. */
      redisUrl?: string;
      onRateLimited?: () => void;
    },
  ) {
    const { limits } = options;
    const memory = new RateLimiterMemory({
      keyPrefix: "gridgraph-rate",
      points: limits.rateLimitRequests,
      duration: limits.rateLimitWindowSeconds,
    });
    if (options.redisUrl) {
      this.redis = new Redis(options.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
      this.redis.on("error", (error) => options.logger.warn("rate-limit store unreachable", { error }));
      // While Redis is unreachable, each gateway counts on its own rather than refusing everyone.
      this.limiter = new RateLimiterRedis({
        storeClient: this.redis,
        keyPrefix: "gridgraph-rate",
        points: limits.rateLimitRequests,
        duration: limits.rateLimitWindowSeconds,
        insuranceLimiter: memory,
      });
    } else this.limiter = memory;
  }

  async admit(req: IncomingMessage): Promise<{ maxBodyBytes?: number; bodyLimitHint?: string }> {
    let viewer: Viewer | null = null;
    let token: string | undefined;
    let delegated = false;
    try {
      token = bearerToken(req.headers.authorization);
      if (token && DelegationVerifier.isDelegation(token)) {
        if (!this.options.delegations)
          throw new Error("This gateway accepts no delegated calls (DELEGATE_JWKS is not set).");
        viewer = await this.options.delegations.verify(token);
        delegated = true;
      } else if (token) viewer = await this.options.tokens.verify(token);
    } catch (error) {
      throw new HttpRequestError(401, "UNAUTHENTICATED", (error as Error).message);
    }
    this.viewers.set(req, viewer);
    // A trusted service's calls follow from requests the user made (and that were counted):
    // counting them again would refuse a user's 200th job for calls the user never sent.
    if (delegated) return {};
    const key = viewer ? `sub:${viewer.sub}` : `ip:${req.socket.remoteAddress ?? "unknown"}`;
    try {
      await this.limiter.consume(key);
    } catch (result) {
      if (!(result instanceof RateLimiterRes)) throw result;
      this.options.onRateLimited?.();
      const retryAfter = Math.max(1, Math.ceil(result.msBeforeNext / 1000));
      const { rateLimitRequests, rateLimitWindowSeconds } = this.options.limits;
      throw new HttpRequestError(
        429,
        "RATE_LIMITED",
        `More than ${rateLimitRequests} requests in ${rateLimitWindowSeconds} s from ${viewer ? "this identity" : "this address"}; retry in ${retryAfter} s.`,
        { "retry-after": String(retryAfter) },
        {
          limit: "rateLimit",
          max: rateLimitRequests,
          windowSeconds: rateLimitWindowSeconds,
          retryAfterSeconds: retryAfter,
        },
      );
    }
    if (viewer) return {};
    const kb = Math.round(this.options.limits.maxAnonymousBodyBytes / 1024);
    return {
      maxBodyBytes: this.options.limits.maxAnonymousBodyBytes,
      bodyLimitHint: `callers without a token may send at most ${kb} KB; log in for larger requests`,
    };
  }

  /** The viewer `admit` verified for this request (null: anonymous; undefined: not admitted). */
  viewerOf(req: IncomingMessage): Viewer | null | undefined {
    return this.viewers.get(req);
  }

  async close() {
    this.redis?.disconnect();
  }
}
