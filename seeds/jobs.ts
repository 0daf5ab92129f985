import type { EntityManager } from "@mikro-orm/postgresql";
import { Job, JobEvent } from "../subgraphs/jobs/src/entities";
import { getCatalogue, type SeedResult } from "./seed-result";

export async function seedJobs(em: EntityManager): Promise<SeedResult> {
  if ((await em.count(Job, {})) > 0) return { loaded: false, summary: "jobs already present" };
  const { jobs } = getCatalogue();
  await em.transactional(async (tx) => {
    for (const { events, ...j } of jobs) {
      const job = tx.create(Job, {
        ...j,
        status: j.status as never,
        updatedAt: events.at(-1)!.at,
        eventCount: events.length,
      });
      events.forEach((e, i) => tx.create(JobEvent, { ...e, seq: i + 1, status: e.status as never, job }));
    }
  });
  return { loaded: true, summary: `${jobs.length} jobs` };
}
