/** VO names used across the seeds (EGI style). */
export const VO = {
  lofar: "vo.lofar.eu",
  nenufar: "vo.nenufar.fr",
  eiscat: "vo.eiscat.se",
  process: "vo.process-project.eu",
  access: "vo.access.egi.eu",
  biomed: "biomed",
  atlas: "atlas",
  cms: "cms",
  ops: "ops",
} as const;

/** People who own seeded data; the identity issue's demo users use the same subjects. */
export const PEOPLE = {
  lofarOps: "lofar-lta-ops@egi.eu",
  alice: "demo-alice-lofar@egi.eu",
  nenufarOps: "nenufar-ops@egi.eu",
  erik: "demo-erik-eiscat@egi.eu",
  processDev: "demo-pawel-process@egi.eu",
} as const;
