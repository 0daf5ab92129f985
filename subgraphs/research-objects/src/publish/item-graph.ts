import type { GatewayClient, Viewer } from "@gridgraph/kit";

/** A site as the graph publishes it: enough for `Place` entities and DataCite geoLocations. */
export interface GraphSite {
  id: string;
  officialName: string;
  country: string;
  latitude: number | null;
  longitude: number | null;
  homeUrl: string | null;
}

export interface GraphReplica {
  storageUrl: string;
  path: string;
  state: string;
  sizeBytes: number | null;
  checksum: string | null;
  site: GraphSite | null;
}

export interface GraphDataset {
  id: string;
  lfn: string;
  title: string;
  description: string | null;
  community: string;
  instrument: string;
  level: string;
  productType: string;
  format: string;
  sizeBytes: number;
  fileCount: number;
  checksum: string | null;
  access: string;
  vo: string;
  createdAt: string;
  observation: { target: string | null; startTime: string | null; endTime: string | null } | null;
  replicas: GraphReplica[];
  derivedFrom: { id: string }[];
  producedBy: { id: string } | null;
}

export interface GraphJob {
  id: string;
  name: string;
  executable: string;
  arguments: string[];
  containerImage: string | null;
  status: string;
  exitCode: number | null;
  statusReason: string | null;
  submittedAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  site: GraphSite | null;
  inputs: ({ id: string } | null)[];
  outputs: ({ id: string } | null)[];
}

/**
 * The part of the graph behind a research object, as one viewer sees it: its datasets and
 * jobs, and (to `depth`) the jobs that produced the datasets and those jobs' inputs and
 * outputs. What the viewer may not see is simply absent.
 */
export interface ItemGraph {
  datasets: Map<string, GraphDataset>;
  jobs: Map<string, GraphJob>;
  sites: Map<string, GraphSite>;
  /** The depth reached; `truncated` when the walk stopped at `depth` or at the node limit with more to follow. */
  depth: number;
  truncated: boolean;
}

const SITE = "id officialName country latitude longitude homeUrl";
const DATASET_FIELDS = `id lfn title description community instrument level productType format sizeBytes fileCount
  checksum access vo createdAt observation { target startTime endTime }
  replicas { storageUrl path state sizeBytes checksum site { ${SITE} } }
  derivedFrom { id } producedBy { id }`;
const JOB_FIELDS = `id name executable arguments containerImage status exitCode statusReason submittedAt startedAt
  finishedAt site { ${SITE} } inputs { id } outputs { id }`;
/** Ids per request: one page of the `ids` filter. */
const CHUNK = 250;
/** Nodes a walk reads at most, whatever the depth (a research object of 1,000 datasets fits). */
const MAX_GRAPH_NODES = 5000;

const chunks = <T>(list: T[], size: number) =>
  Array.from({ length: Math.ceil(list.length / size) }, (_, i) => list.slice(i * size, i * size + size));

/** Reads the graph behind research objects through the gateway, as the caller (decision 0015). */
export class ItemGraphReader {
  constructor(private readonly gateway: GatewayClient) {}

  private async byIds<T>(viewer: Viewer | null, field: "datasets" | "jobs", fields: string, ids: string[]) {
    const answers = await Promise.all(
      chunks(ids, CHUNK).map((part) =>
        this.gateway.request<Record<string, { edges: { node: T }[] }>>(
          viewer,
          `query($ids: [ID!], $first: Int) { ${field}(filter: { ids: $ids }, first: $first) { edges { node { ${fields} } } } }`,
          { ids: part, first: part.length },
        ),
      ),
    );
    return answers.flatMap((answer) => answer[field].edges.map((edge) => edge.node));
  }

  /**
   * Walks from the given datasets and jobs: depth 0 reads them; each further level adds the
   * jobs that produced the datasets read, the datasets they were derived from, and the
   * inputs and outputs of the jobs read.
   */
  async walk(
    viewer: Viewer | null,
    datasetIds: string[],
    jobIds: string[],
    depth: number,
  ): Promise<ItemGraph> {
    const graph: ItemGraph = {
      datasets: new Map(),
      jobs: new Map(),
      sites: new Map(),
      depth: 0,
      truncated: false,
    };
    const asked = new Set<string>();
    let nextDatasets = [...new Set(datasetIds)];
    let nextJobs = [...new Set(jobIds)];
    for (let level = 0; ; level++) {
      nextDatasets.forEach((id) => asked.add(`d:${id}`));
      nextJobs.forEach((id) => asked.add(`j:${id}`));
      const [datasets, jobs] = await Promise.all([
        nextDatasets.length ? this.byIds<GraphDataset>(viewer, "datasets", DATASET_FIELDS, nextDatasets) : [],
        nextJobs.length ? this.byIds<GraphJob>(viewer, "jobs", JOB_FIELDS, nextJobs) : [],
      ]);
      for (const d of datasets) {
        graph.datasets.set(d.id, d);
        for (const r of d.replicas) if (r.site) graph.sites.set(r.site.id, r.site);
      }
      for (const j of jobs) {
        graph.jobs.set(j.id, j);
        if (j.site) graph.sites.set(j.site.id, j.site);
      }
      graph.depth = level;
      const moreJobs = new Set<string>();
      const moreDatasets = new Set<string>();
      for (const d of datasets) {
        if (d.producedBy && !asked.has(`j:${d.producedBy.id}`)) moreJobs.add(d.producedBy.id);
        for (const p of d.derivedFrom) if (!asked.has(`d:${p.id}`)) moreDatasets.add(p.id);
      }
      for (const j of jobs)
        for (const ref of [...j.inputs, ...j.outputs])
          if (ref && !asked.has(`d:${ref.id}`)) moreDatasets.add(ref.id);
      if (!moreJobs.size && !moreDatasets.size) return graph;
      if (level >= depth || graph.datasets.size + graph.jobs.size >= MAX_GRAPH_NODES) {
        graph.truncated = true;
        return graph;
      }
      nextDatasets = [...moreDatasets];
      nextJobs = [...moreJobs];
    }
  }
}
