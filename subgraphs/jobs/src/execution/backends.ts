import type { AccountMapping } from "./accounts";
import type { ExecutionBackend } from "./backend";
import { LocalExecutor } from "./local-executor";
import { SlurmBackend, type SlurmEndpointConfig } from "./slurm-backend";

/**
 * Which backend runs jobs sent to a compute endpoint (JOB_BACKENDS, first match wins):
 *   { "endpoint": "<url>" | "interface": "<GLUE2 InterfaceName>", "type": "slurm" | "local" | "none",
 *     "accounts": { "<vo>": "<account>", ... }, ...the backend's own settings }
 * An endpoint no rule matches goes to JOB_BACKEND_DEFAULT (the local executor, or none).
 */
export interface BackendRule extends Partial<SlurmEndpointConfig> {
  endpoint?: string;
  interface?: string;
  type: "local" | "slurm" | "none";
  accounts?: AccountMapping;
}

export interface ChosenBackend {
  backend: ExecutionBackend;
  accounts?: AccountMapping;
}

/** Checks rules as read from configuration; every problem at once. */
export function ruleProblems(rules: unknown): string[] {
  if (!Array.isArray(rules)) return ["JOB_BACKENDS must be a JSON array of rules"];
  const problems: string[] = [];
  rules.forEach((rule: Partial<BackendRule>, i) => {
    const at = `JOB_BACKENDS[${i}]`;
    if (!rule || typeof rule !== "object") return problems.push(`${at} must be an object`);
    if (!rule.endpoint && !rule.interface) problems.push(`${at} needs "endpoint" or "interface"`);
    if (!["local", "slurm", "none"].includes(rule.type as string))
      problems.push(`${at}.type must be local, slurm or none; got ${JSON.stringify(rule.type)}`);
    if (rule.type === "slurm") {
      if (!rule.jobDir)
        problems.push(`${at}.jobDir is needed: a directory the cluster's nodes share with the jobs service`);
      if (!rule.jwtKeyFile && !rule.token) problems.push(`${at} needs jwtKeyFile or token`);
      if (rule.url) {
        try {
          new URL(rule.url);
        } catch {
          problems.push(`${at}.url must be a URL; got ${JSON.stringify(rule.url)}`);
        }
      }
    }
    if (
      rule.accounts &&
      (typeof rule.accounts !== "object" ||
        Object.values(rule.accounts).some((a) => typeof a !== "string" || !a))
    )
      problems.push(`${at}.accounts must map keys to account names`);
  });
  return problems;
}

export class Backends {
  private readonly made = new Map<string, ExecutionBackend>();
  private readonly local: LocalExecutor;

  constructor(
    private readonly options: {
      rules: BackendRule[];
      defaultType: "local" | "none";
      workRoot: string;
      stdoutLimitBytes: number;
    },
  ) {
    this.local = new LocalExecutor({
      workRoot: options.workRoot,
      stdoutLimitBytes: options.stdoutLimitBytes,
    });
  }

  /** The backend for an endpoint; null when none is configured (the job cannot go there). */
  forEndpoint(endpoint: { url: string; interfaceName?: string | null }): ChosenBackend | null {
    const rule = this.options.rules.find(
      (r) =>
        (r.endpoint && r.endpoint === endpoint.url) ||
        (r.interface && r.interface === endpoint.interfaceName),
    );
    const type = rule?.type ?? this.options.defaultType;
    if (type === "none") return null;
    if (type === "local") return { backend: this.local, accounts: rule?.accounts };
    const url = rule!.url ?? endpoint.url;
    const key = `slurm ${url}`;
    let backend = this.made.get(key);
    if (!backend) {
      backend = new SlurmBackend({ ...(rule as SlurmEndpointConfig), url }, this.options.stdoutLimitBytes);
      this.made.set(key, backend);
    }
    return { backend, accounts: rule!.accounts };
  }

  /** The backend a job was sent to, by what the job recorded. */
  forJob(job: {
    backend?: string | null;
    endpointUrl?: string | null;
    endpointInterface?: string | null;
  }): ExecutionBackend | null {
    if (job.backend === "local") return this.local;
    if (!job.endpointUrl) return null;
    return this.forEndpoint({ url: job.endpointUrl, interfaceName: job.endpointInterface })?.backend ?? null;
  }
}
