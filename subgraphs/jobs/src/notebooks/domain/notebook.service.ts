import fs from "node:fs";
import type { EntityManager } from "@mikro-orm/postgresql";
import { localReplicaPath, Problems, type Access } from "@gridgraph/kit";
import type { Job } from "../../entities";
import { JobService } from "../../domain/job.service";
import type { JobSpec } from "../../domain/job-spec";
import { repositoryPath } from "../../execution/work-dir";
import { requireJobsRuntime } from "../../require-runtime";
import type { JobsRuntime } from "../../runtime";
import { parameterise, readNotebook, type Notebook } from "./notebook-file";

/** What `runNotebook` is asked. */
export interface NotebookRun {
  vo: string;
  name?: string | null;
  /** The .ipynb document itself, or… */
  notebook?: string | null;
  /** …a dataset holding it (then an input of every run, so the outputs derive from it too). */
  notebookDatasetId?: string | null;
  parameters?: Record<string, unknown> | null;
  datasetIds?: string[] | null;
  /** A `datasets` filter (the datasets subgraph's DatasetFilter, as JSON): its first 250 matches. */
  datasetFilter?: Record<string, unknown> | null;
  perDataset?: boolean | null;
  siteId?: string | null;
  cores?: number | null;
  memoryMb?: number | null;
  wallTimeSeconds?: number | null;
}

/** The executed notebook's name in the working directory; what `outputs/` holds is kept too. */
export const EXECUTED = "executed.ipynb";
/** Environment variables carry at most 128 KiB on Linux; the notebook travels base64 in one. */
const MAX_ENCODED = 120_000;
const MAX_NOTEBOOK_BYTES = 16 * 1024 * 1024;

const NOTEBOOK_DATASET = `query NotebookDataset($id: ID!) {
  dataset(id: $id) { id lfn replicas { storageUrl path state site { id } } }
}`;
/** The caller's filter goes to the gateway as a DatasetFilter variable: the gateway checks it. */
const SELECTION = `query NotebookSelection($f: DatasetFilter) {
  datasets(filter: $f, first: 250) { totalCount edges { node { id } } }
}`;

/**
 * Notebooks run as batch jobs (`runNotebook`): read (uploaded, or from a dataset through the
 * storage this service sees), parameterised (notebook-file.ts), and submitted as ordinary jobs
 * (one, or one per dataset in a job collection) that run subgraphs/jobs/notebook/run_notebook.py with nbclient
 * on the site's python3; the executed notebook and what the notebook writes under outputs/
 * become datasets derived from the inputs (and from the notebook dataset), produced by the job.
 */
export class NotebookService {
  constructor(
    private readonly em: EntityManager,
    private readonly access: Access,
    private readonly runtime: JobsRuntime | undefined,
  ) {}

  private get jobs(): JobsRuntime {
    return requireJobsRuntime(this.runtime);
  }

  async run(request: NotebookRun): Promise<{ jobs: Job[]; collectionId: string | null }> {
    this.access.requireMemberOf(request.vo, "run notebooks");
    const problems = new Problems();
    if (!request.notebook === !request.notebookDatasetId)
      problems.add(
        "notebook",
        "Give the notebook itself ('notebook') or the dataset that holds it ('notebookDatasetId'), one of them.",
      );
    if (request.datasetIds?.length && request.datasetFilter)
      problems.add("datasetFilter", "Give 'datasetIds' or 'datasetFilter', not both.");
    problems.throwIfAny("The notebook was not run");
    const raw = request.notebook ?? (await this.notebookFromDataset(request.notebookDatasetId!, problems));
    const nb = raw === null ? null : readNotebook(raw, problems);
    const prepared = nb ? parameterise(nb, request.parameters ?? {}, problems) : null;
    const encoded = prepared ? Buffer.from(JSON.stringify(prepared)).toString("base64") : "";
    if (encoded.length > MAX_ENCODED)
      problems.add(
        "notebook",
        `The notebook is ${Math.round(encoded.length / 1024)} KiB encoded without its outputs; at most ${MAX_ENCODED / 1024} KiB travels with a job. Keep data in datasets, not in the notebook.`,
      );
    const datasetIds = request.datasetFilter
      ? await this.select(request.datasetFilter, problems)
      : (request.datasetIds ?? []);
    if (request.perDataset && !datasetIds.length)
      problems.add("datasetIds", "'perDataset' runs the notebook once per dataset: give datasets.");
    problems.throwIfAny("The notebook was not run");

    const name = request.name?.trim() || notebookTitle(prepared!) || "notebook";
    const notebookInput = request.notebookDatasetId ? [request.notebookDatasetId] : [];
    const spec = (inputs: string[], label: string): JobSpec => ({
      name: label,
      vo: request.vo,
      executable: this.jobs.settings.notebookPython,
      arguments: [repositoryPath("subgraphs", "jobs", "notebook", "run_notebook.py"), EXECUTED],
      environment: [
        { name: "NOTEBOOK_IPYNB_B64", value: encoded },
        { name: "PYTHONPATH", value: repositoryPath("subgraphs", "jobs", "notebook") },
      ],
      inputDatasetIds: [...inputs, ...notebookInput],
      outputs: [EXECUTED, "outputs/**"],
      siteId: request.siteId ?? null,
      cores: request.cores ?? 1,
      memoryMb: request.memoryMb ?? 2048,
      wallTimeSeconds: request.wallTimeSeconds ?? 3600,
    });
    const service = new JobService(this.em, this.access, this.runtime);
    if (!request.perDataset) {
      const [job] = await service.submitMany([spec(datasetIds, name)]);
      return { jobs: [job], collectionId: null };
    }
    const jobs = await service.submitMany(
      datasetIds.map((id) => spec([id], `${name} [${id}]`)),
      { name },
    );
    return { jobs, collectionId: jobs[0]?.collectionId ?? null };
  }

  /** The notebook a dataset holds, read from a replica this service sees on its storage. */
  private async notebookFromDataset(id: string, problems: Problems): Promise<string | null> {
    const answer = await this.jobs.graph.request<{
      dataset: {
        lfn: string;
        replicas: { storageUrl: string; path: string; state: string; site: { id: string } | null }[];
      } | null;
    }>(this.access.viewer!, NOTEBOOK_DATASET, { id });
    if (!answer.dataset) {
      problems.add("notebookDatasetId", `Dataset '${id}' does not exist (or is not visible to you).`);
      return null;
    }
    for (const replica of answer.dataset.replicas) {
      if (!replica.site || replica.state !== "ONLINE") continue;
      const file = localReplicaPath(
        this.jobs.settings.storageRoot,
        replica.site.id,
        replica.storageUrl,
        replica.path,
      );
      if (!file || !fs.existsSync(file)) continue;
      if (fs.statSync(file).size > MAX_NOTEBOOK_BYTES) {
        problems.add("notebookDatasetId", `Dataset '${id}' is larger than a notebook can be (16 MiB).`);
        return null;
      }
      return fs.readFileSync(file, "utf8");
    }
    problems.add(
      "notebookDatasetId",
      `Dataset '${id}' (${answer.dataset.lfn}) has no ONLINE replica this service can read; stage it first.`,
    );
    return null;
  }

  /** The ids of the datasets a filter selects, as the caller sees them (at most 250). */
  private async select(filter: Record<string, unknown>, problems: Problems): Promise<string[]> {
    const answer = await this.jobs.graph.request<{
      datasets: { totalCount: number; edges: { node: { id: string } }[] };
    }>(this.access.viewer!, SELECTION, { f: filter });
    if (answer.datasets.totalCount > 250)
      problems.add(
        "datasetFilter",
        `The filter selects ${answer.datasets.totalCount} datasets; at most 250 can be run at once.`,
      );
    if (!answer.datasets.totalCount)
      problems.add("datasetFilter", "The filter selects no dataset you can see.");
    return answer.datasets.edges.map((e) => e.node.id);
  }
}

/** The first heading of the notebook's first markdown cell, if any. */
function notebookTitle(nb: Notebook): string | null {
  const first = nb.cells.find((c) => c.cell_type === "markdown");
  const source = first ? (Array.isArray(first.source) ? first.source.join("") : first.source) : "";
  return /^#+\s*(.+)$/m.exec(source)?.[1].trim().slice(0, 200) ?? null;
}
