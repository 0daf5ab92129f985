import { Redis } from "ioredis";
import { startStack, type Stack } from "../scripts/in-process-stack";
import { DEFAULT_LIMITS } from "../gateway/src/limits";
import { DEMO_USERS } from "../gateway/src/local-idp";

/**
 * With REDIS_URL the gateway counts each identity's requests in Redis, so every gateway
 * replica shares the count. Needs the Redis server these machines run on 127.0.0.1:6379.
 */
const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
let redis: Redis;
let reachable = false;
let stack: Stack | undefined;
const LIMIT = 30;

beforeAll(async () => {
  redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1, enableOfflineQueue: false });
  reachable = await redis.connect().then(
    () => true,
    () => false,
  );
  if (!reachable) {
    console.log(`rate-limit-redis.test: skipped, no Redis at ${REDIS_URL}`);
    return;
  }
  stack = await startStack({
    gateway: {
      redisUrl: REDIS_URL,
      limits: { ...DEFAULT_LIMITS, rateLimitRequests: LIMIT, rateLimitWindowSeconds: 30 },
    },
  });
});
afterAll(async () => {
  await stack?.stop();
  redis?.disconnect();
});

it("counts an identity's requests in Redis and refuses past the limit", async () => {
  if (!reachable) return;
  const sub = DEMO_USERS.find((u) => u.username === "lars")!.sub;
  await redis.del(`gridgraph-rate:sub:${sub}`);
  const statuses: number[] = [];
  for (let i = 0; i < LIMIT + 10; i++) {
    const res = await stack!.query("{ __typename }", {}, { as: "lars" });
    statuses.push(res.errors?.[0]?.extensions?.code === "RATE_LIMITED" ? 429 : 200);
  }
  expect(statuses.filter((s) => s === 200)).toHaveLength(LIMIT);
  expect(statuses.filter((s) => s === 429)).toHaveLength(10);
  // The count lives in Redis, where another gateway replica would see it.
  expect(Number(await redis.get(`gridgraph-rate:sub:${sub}`))).toBeGreaterThanOrEqual(LIMIT);
});
