import { ApiError } from "@gridgraph/kit";
import type { JobsRuntime } from "./runtime";

/** The runtime resolvers were given, or the refusal of a jobs service started without one. */
export function requireJobsRuntime(runtime: JobsRuntime | undefined): JobsRuntime {
  if (!runtime) throw new ApiError("SERVICE_MISCONFIGURED", "This jobs service does not run jobs.");
  return runtime;
}
