import type { EntityManager } from "@mikro-orm/postgresql";
import { raw } from "@mikro-orm/core";
import DataLoader from "dataloader";
import {
  andVisible,
  byIdLoader,
  childPageLoaders,
  groupLoader,
  loadChildPages,
  type Access,
} from "@gridgraph/kit";
import { visibleJobFilter } from "./domain/job.policy";
import { Job, JobEvent } from "./entities";

/**
 * Visibility is part of every query here (the one rule in job.policy.ts): a hidden job
 * loads as null and is never counted.
 */
export function createLoaders(em: EntityManager, access: Access) {
  const visible = visibleJobFilter(access);
  return {
    jobById: byIdLoader((ids) => em.find(Job, andVisible({ id: { $in: [...ids] } }, visible))),
    eventsByJob: groupLoader<string, JobEvent>(
      (ids) => em.find(JobEvent, { job: { $in: [...ids] } }, { orderBy: { seq: "asc" } }),
      (e) => e.jobId,
    ),
    /** The job that produced a dataset (its outputs), in one statement for every dataset asked. */
    jobByOutputDataset: new DataLoader<string, Job | null>(async (datasetIds) => {
      const jobs = await em.find(
        Job,
        andVisible({ outputDatasetIds: { $overlap: [...datasetIds] } }, visible),
      );
      return datasetIds.map((id) => jobs.find((j) => j.outputDatasetIds.includes(id)) ?? null);
    }),
    jobsBySite: childPageLoaders((siteIds, page) =>
      loadChildPages(
        em,
        Job,
        em
          .createQueryBuilder(Job, "j")
          .select(["j.*", raw("j.site_id as __parent")])
          .where(andVisible({ siteId: { $in: [...siteIds] } }, visible)),
        siteIds,
        page,
      ),
    ),
    /** Jobs that read a dataset: one row per input (unnested), so one statement serves every dataset. */
    jobsByInputDataset: childPageLoaders((datasetIds, page) =>
      loadChildPages(
        em,
        Job,
        em
          .createQueryBuilder(Job, "j")
          .select(["j.*", raw("unnest(j.input_dataset_ids) as __parent")])
          .where(andVisible({ inputDatasetIds: { $overlap: [...datasetIds] } }, visible)),
        datasetIds,
        page,
      ),
    ),
  };
}

export type JobLoaders = ReturnType<typeof createLoaders>;
