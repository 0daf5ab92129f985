import { ApiError } from "@gridgraph/kit";
import type { PlacedSpec } from "./placement-requirements";

/**
 * What a job needs, as given to submitJob (or read from a JDL): what placement reads
 * (PlacedSpec: VO, cores, memory, wall time, platform, software, tags, site, and from a JDL
 * Site, BannedSite(s), GridCE), and the rest.
 */
export interface JobSpec extends PlacedSpec {
  name: string;
  executable: string;
  arguments?: string[] | null;
  containerImage?: string | null;
  inputDatasetIds?: string[] | null;
  outputs?: string[] | null;
  environment?: { name: string; value: string }[] | null;
  queue?: string | null;
  idempotencyKey?: string | null;
  holdIfNoPlacement?: boolean | null;
  hold?: boolean | null;
}

/** Upper bounds that catch typos (a wall time in ms, memory in bytes) rather than real needs. */
const LIMITS = { cores: 100_000, memoryMb: 64 * 1024 * 1024, gpus: 1024, wallTimeSeconds: 366 * 24 * 3600 };

/**
 * Variables that would change how the job is started rather than what it computes (the
 * dynamic linker, the shell, the runner's and the batch system's own), or that gridgraph
 * sets itself. Refused, not silently dropped.
 */
const RESERVED_ENV = [/^LD_/, /^DYLD_/, /^SLURM_/, /^GRIDGRAPH_/, /^BASH_FUNC_/];
const RESERVED_ENV_NAMES = new Set([
  "PATH",
  "HOME",
  "TMPDIR",
  "IFS",
  "BASH_ENV",
  "ENV",
  "SHELLOPTS",
  "PS4",
  "NODE_OPTIONS",
  "PYTHONSTARTUP",
  "USER",
  "LOGNAME",
  "PWD",
  "SHELL",
]);

/** Is this output pattern inside the working directory? (Checked again on disk: links may point out.) */
export function outputPatternProblem(pattern: string): string | null {
  if (!pattern.trim()) return "is empty";
  if (pattern.includes("\0")) return "contains a NUL byte";
  if (pattern.startsWith("/") || pattern.startsWith("~") || /^[A-Za-z]:/.test(pattern))
    return "must be relative to the job's working directory";
  if (pattern.split(/[\\/]+/).some((part) => part === ".."))
    return "must not leave the job's working directory ('..')";
  if (pattern.length > 500) return "is longer than 500 characters";
  return null;
}

/** Every problem with a job's fields at once (as the site records report theirs). */
export function specProblems(spec: JobSpec): { field: string; message: string }[] {
  const problems: { field: string; message: string }[] = [];
  const add = (field: string, message: string) => problems.push({ field, message });
  for (const key of ["name", "vo", "executable"] as const)
    if (!spec[key]?.trim()) add(key, `'${key}' must not be empty.`);
  for (const [key, max] of Object.entries(LIMITS) as [keyof typeof LIMITS, number][]) {
    const value = spec[key];
    const min = key === "gpus" ? 0 : 1;
    if (value != null && (!Number.isInteger(value) || value < min || value > max))
      add(key, `'${key}' must be a whole number from ${min} to ${max}; got ${value}.`);
  }
  if (spec.executable?.includes("\0")) add("executable", "'executable' contains a NUL byte.");
  if ((spec.arguments ?? []).some((a) => a.includes("\0")))
    add("arguments", "'arguments' contain a NUL byte.");
  if ((spec.inputDatasetIds ?? []).some((id) => !id.trim()))
    add("inputs", "'inputs' must not contain empty ids.");
  if ((spec.outputs ?? []).length > 100) add("outputs", "at most 100 output patterns.");
  for (const pattern of spec.outputs ?? []) {
    const problem = outputPatternProblem(pattern);
    if (problem) add("outputs", `Output '${pattern}' ${problem}.`);
  }
  const seen = new Set<string>();
  for (const { name } of spec.environment ?? []) {
    if (!/^[A-Za-z_][A-Za-z0-9_]{0,127}$/.test(name))
      add("environment", `'${name}' is not a valid environment variable name.`);
    else if (RESERVED_ENV_NAMES.has(name) || RESERVED_ENV.some((re) => re.test(name)))
      add("environment", `'${name}' would change how the job is started; it cannot be set.`);
    if (seen.has(name)) add("environment", `'${name}' is given twice.`);
    seen.add(name);
  }
  if (spec.queue && !spec.siteId) add("queue", "'queue' needs 'siteId': a queue is named within a site.");
  if (spec.idempotencyKey != null && !/^[\x21-\x7e]{1,200}$/.test(spec.idempotencyKey))
    add("idempotencyKey", "'idempotencyKey' must be 1 to 200 printable characters without spaces.");
  return problems;
}

export function checkSpec(spec: JobSpec): void {
  const problems = specProblems(spec);
  if (problems.length)
    throw new ApiError(
      "BAD_USER_INPUT",
      problems.length === 1
        ? problems[0].message
        : `${problems.length} problems: ${problems.map((p) => p.message).join(" ")}`,
      { field: problems[0].field, problems },
    );
}
