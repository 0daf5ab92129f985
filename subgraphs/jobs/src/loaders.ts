import type { EntityManager } from "@mikro-orm/postgresql";
import { byIdLoader, childPageLoaders, groupLoader, loadChildPages, type Access } from "../../kit/src";
import { visibleJobFilter, visibleJobSql } from "./domain/job.policy";
import { Job, JobEvent } from "./entities";

/** Visibility is part of every query here: a hidden job loads as null and is never counted. */
export function createLoaders(em: EntityManager, access: Access) {
  const visible = visibleJobFilter(access);
  const visibleSql = visibleJobSql(access, "j");
  return {
    jobById: byIdLoader((ids) =>
      em.find(Job, visible ? { $and: [{ id: { $in: [...ids] } }, visible] } : { id: { $in: [...ids] } }),
    ),
    eventsByJob: groupLoader<string, JobEvent>(
      (ids) => em.find(JobEvent, { job: { $in: [...ids] } }, { orderBy: { at: "asc", id: "asc" } }),
      (e) => e.jobId,
    ),
    jobsBySite: childPageLoaders((siteIds, page) =>
      loadChildPages(
        em,
        Job,
        `select j.*, j.site_id as __parent from job j where j.site_id in (?) and ${visibleSql}`,
        siteIds,
        page,
      ),
    ),
    /** Jobs that read a dataset: unnest the input array so one statement serves every dataset. */
    jobsByInputDataset: childPageLoaders((datasetIds, page) =>
      loadChildPages(
        em,
        Job,
        `select j.*, d.id as __parent from job j cross join lateral unnest(j.input_dataset_ids) as d(id)
         where j.input_dataset_ids && array[?]::text[] and d.id in (?) and ${visibleSql}`,
        datasetIds,
        page,
      ),
    ),
  };
}

export type JobLoaders = ReturnType<typeof createLoaders>;
