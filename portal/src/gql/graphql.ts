/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** GLUE2 storage access latency. */
export type AccessLatency =
  | 'NEARLINE'
  | 'OFFLINE'
  | 'ONLINE';

/** PUBLIC: anyone; VO: members of the dataset's VO; PRIVATE: the owner. */
export type AccessLevel =
  | 'PRIVATE'
  | 'PUBLIC'
  | 'VO';

/** GOCDB certification status. */
export type CertificationStatus =
  | 'CANDIDATE'
  | 'CERTIFIED'
  | 'CLOSED'
  | 'SUSPENDED'
  | 'UNCERTIFIED';

/** Research community that produced the data. */
export type Community =
  | 'EISCAT'
  | 'LOFAR'
  | 'NENUFAR'
  | 'PROCESS';

export type CreateResearchObjectInput = {
  coEditors?: Array<string> | null | undefined;
  /** At least one (DataCite requires creators). */
  creators: Array<CreatorInput>;
  /** Datasets to start with (at most 1000). */
  datasetIds?: Array<string> | null | undefined;
  description?: string | null | undefined;
  /** Papers, code, notebooks to start with. */
  externalResources?: Array<ExternalResourceInput> | null | undefined;
  /** Jobs to start with (at most 1000). */
  jobIds?: Array<string> | null | undefined;
  keywords?: Array<string> | null | undefined;
  /** SPDX licence id, e.g. CC-BY-4.0. */
  licence?: string | null | undefined;
  title: string;
  vo: string;
};

export type CreatorInput = {
  affiliation?: string | null | undefined;
  name: string;
  /** ORCID iD, e.g. 0000-0002-1825-0097. */
  orcid?: string | null | undefined;
};

export type DataFileState =
  | 'ACTIVE'
  | 'CANCELED'
  | 'FAILED'
  | 'FINISHED'
  | 'STAGING'
  | 'SUBMITTED';

/** L0 raw, L1 averaged/flagged, L2 calibrated, L3 images/cubes, L4 catalogues and science products. */
export type DataLevel =
  | 'L0'
  | 'L1'
  | 'L2'
  | 'L3'
  | 'L4';

/** STAGE: recall from tape to disk at the same site; TRANSFER: copy to another site. */
export type DataRequestKind =
  | 'STAGE'
  | 'TRANSFER';

export type DataRequestState =
  | 'ACTIVE'
  | 'CANCELED'
  | 'FAILED'
  | 'FINISHED'
  | 'FINISHED_DIRTY'
  | 'SUBMITTED';

/** Filters for `datasets`; all given filters must hold. */
export type DatasetFilter = {
  access?: AccessLevel | null | undefined;
  community?: Community | null | undefined;
  format?: string | null | undefined;
  /** Only these datasets (at most 1000). */
  ids?: Array<string> | null | undefined;
  instrument?: string | null | undefined;
  level?: DataLevel | null | undefined;
  /** Only datasets with these logical file names, e.g. a DIRAC JDL's InputData (at most 1000). */
  lfns?: Array<string> | null | undefined;
  maxSizeBytes?: number | null | undefined;
  minSizeBytes?: number | null | undefined;
  /** Observed at or after this instant (the observation overlaps the range). */
  observedFrom?: string | null | undefined;
  /** Observed at or before this instant. */
  observedTo?: string | null | undefined;
  /** With a replica in one of these states (at one of `siteIds`, when given too). */
  replicaStates?: Array<ReplicaState> | null | undefined;
  /** With a replica at one of these sites. */
  siteIds?: Array<string> | null | undefined;
  /** Full-text search over title (weighs most), observation target and id, and description; web-search syntax: words, "a phrase", -excluded, or. */
  text?: string | null | undefined;
  vo?: string | null | undefined;
};

/** Order of `datasets`; every order pages with stable cursors. */
export type DatasetSort = {
  direction?: SortDirection;
  field: DatasetSortField;
};

/** ID: registration order; RELEVANCE: full-text rank (needs filter.text). */
export type DatasetSortField =
  | 'CREATED'
  | 'ID'
  | 'OBSERVED'
  | 'RELEVANCE'
  | 'SIZE'
  | 'TITLE';

/** DRAFT: reserved, not resolvable; REGISTERED: resolves but hidden from search; FINDABLE: resolves and is indexed. */
export type DoiState =
  | 'DRAFT'
  | 'FINDABLE'
  | 'REGISTERED';

export type DowntimeClassification =
  | 'SCHEDULED'
  | 'UNSCHEDULED';

export type DowntimeSeverity =
  | 'OUTAGE'
  | 'WARNING';

/** An environment variable for the job. */
export type EnvironmentVariableInput = {
  name: string;
  value: string;
};

export type ExternalResourceInput = {
  resourceType?: ResourceType;
  title?: string | null | undefined;
  /** An http(s) URL, or a DOI (10.1051/...), which becomes its https://doi.org/ URL. */
  url: string;
};

/** GLUE2 endpoint health state. */
export type HealthState =
  | 'CRITICAL'
  | 'OK'
  | 'UNKNOWN'
  | 'WARNING';

/** GOCDB production infrastructure. */
export type Infrastructure =
  | 'PRODUCTION'
  | 'TEST';

/** Filters for `jobs`; all given filters must hold. */
export type JobFilter = {
  /** Jobs of this collection. */
  collectionId?: string | null | undefined;
  /** Only these jobs (at most 1000). */
  ids?: Array<string> | null | undefined;
  owner?: string | null | undefined;
  /** Jobs placed at this site. */
  siteId?: string | null | undefined;
  status?: JobStatus | null | undefined;
  vo?: string | null | undefined;
};

/** What a job needs. Memory in MB, times in seconds. */
export type JobRequirementsInput = {
  /** Only these sites (DIRAC Site). */
  allowedSites?: Array<string> | null | undefined;
  /** Never these sites (DIRAC BannedSite). */
  bannedSites?: Array<string> | null | undefined;
  /** Compute endpoints (host names or URLs) the job must go through, e.g. DIRAC's GridCE. */
  computeEndpoints?: Array<string> | null | undefined;
  /** apptainer (or singularity), docker, podman. */
  containerRuntime?: string | null | undefined;
  /** Cores (slots) for the job; default 1. */
  cores?: number | null | undefined;
  /** CPU time, in seconds. */
  cpuTimeSeconds?: number | null | undefined;
  /** CPU work in HS06-seconds (what DIRAC calls CPUTime): compared with each site's CPU time limit divided by its benchmark per core; sites without an HS06-scale benchmark are not refused for it. */
  cpuWorkHs06Seconds?: number | null | undefined;
  /** Sites holding the input data: scored higher. */
  dataSites?: Array<string> | null | undefined;
  /** GPU model, matched as a substring, e.g. A100. */
  gpuModel?: string | null | undefined;
  /** GPUs per node; default 0. */
  gpus?: number | null | undefined;
  /** Acceptable endpoint interfaces, e.g. org.nordugrid.arcrest. */
  interfaces?: Array<string> | null | undefined;
  /** Memory for the job, in MB. */
  memoryMb?: number | null | undefined;
  /** OS family, e.g. linux. */
  osFamily?: string | null | undefined;
  /** One of x86_64, aarch64, ppc64le, riscv64, s390x, i686. */
  platform?: string | null | undefined;
  software?: Array<SoftwareRequirementInput> | null | undefined;
  /** When the job would start; default now. */
  startAt?: string | null | undefined;
  /** Tags every chosen queue must carry, e.g. mcore, gpu. */
  tags?: Array<string> | null | undefined;
  /** VO the job runs as, e.g. vo.lofar.eu. */
  vo: string;
  /** Wall-clock time, in seconds. */
  wallTimeSeconds?: number | null | undefined;
};

/** SUBMITTED recorded and placed, not yet at a backend; STAGING waiting for its input data; QUEUED/RUNNING at the backend; COMPLETED/FAILED/CANCELLED final; HELD waiting for releaseJob. */
export type JobStatus =
  | 'CANCELLED'
  | 'COMPLETED'
  | 'FAILED'
  | 'HELD'
  | 'QUEUED'
  | 'RUNNING'
  | 'STAGING'
  | 'SUBMITTED';

/** Why a site cannot run a job. */
export type RejectionCode =
  | 'BANNED_SITE'
  | 'CPUTIME_EXCEEDS_LIMIT'
  | 'ENDPOINT_NOT_NAMED'
  | 'ENDPOINT_UNHEALTHY'
  | 'INSUFFICIENT_MEMORY'
  | 'INTERFACE_MISMATCH'
  | 'MISSING_SOFTWARE'
  | 'MISSING_TAGS'
  | 'NO_CONTAINER_RUNTIME'
  | 'NO_GPU'
  | 'NO_MATCHING_QUEUE'
  | 'OS_MISMATCH'
  | 'PLATFORM_MISMATCH'
  | 'QUEUE_CLOSED'
  | 'REQUIRED_TAG_NOT_REQUESTED'
  | 'SITE_IN_DOWNTIME'
  | 'SITE_NOT_CERTIFIED'
  | 'TOO_MANY_CORES'
  | 'VO_NOT_SUPPORTED'
  | 'WALLTIME_EXCEEDS_LIMIT';

export type ReplicaState =
  | 'LOST'
  | 'NEARLINE'
  | 'ONLINE'
  | 'STAGING';

/** LIVE: being assembled, editable; SNAPSHOT: an immutable version with a DOI; ARCHIVED: immutable and retired, DOI kept. */
export type ResearchObjectState =
  | 'ARCHIVED'
  | 'LIVE'
  | 'SNAPSHOT';

/** Kind of an external resource. */
export type ResourceType =
  | 'CODE'
  | 'CONTAINER'
  | 'NOTEBOOK'
  | 'OTHER'
  | 'PAPER'
  | 'WORKFLOW';

/** A notebook to run headless as a batch job (or one per dataset). */
export type RunNotebookInput = {
  cores?: number | null | undefined;
  /** …or a `datasets` filter (a DatasetFilter as JSON) selecting at most 250 you can see. */
  datasetFilter?: Record<string, unknown> | null | undefined;
  /** The datasets to run over (at most 250)… */
  datasetIds?: Array<string> | null | undefined;
  memoryMb?: number | null | undefined;
  /** The jobs' name; default: the notebook's first heading. */
  name?: string | null | undefined;
  /** The .ipynb document (nbformat 4) itself… */
  notebook?: string | null | undefined;
  /** …or the dataset holding it (then an input of every run: the outputs derive from it). */
  notebookDatasetId?: string | null | undefined;
  /** Values for the names the notebook's cell tagged "parameters" assigns, injected after it as papermill does. */
  parameters?: Record<string, unknown> | null | undefined;
  /** Once per dataset, as a job collection, instead of once over all. */
  perDataset?: boolean;
  /** Run there; default: where placement puts it (data first). */
  siteId?: string | null | undefined;
  vo: string;
  wallTimeSeconds?: number | null | undefined;
};

/** GLUE2 endpoint serving state. */
export type ServingState =
  | 'CLOSED'
  | 'DRAINING'
  | 'PRODUCTION'
  | 'QUEUEING';

/** Filters for `sites`; all given filters must hold. */
export type SiteFilter = {
  certificationStatus?: CertificationStatus | null | undefined;
  /** ISO 3166-1 alpha-2 country code. */
  country?: string | null | undefined;
  /** true: has GPU nodes; false: has none. */
  gpu?: boolean | null | undefined;
  /** true: a whole-site OUTAGE is in progress now; false: none is. */
  inDowntime?: boolean | null | undefined;
  /** Offers an endpoint with this interface, e.g. org.nordugrid.arcrest. */
  interface?: string | null | undefined;
  kind?: SiteKind | null | undefined;
  ngi?: string | null | undefined;
  /** Has nodes of this platform, e.g. aarch64. */
  platform?: string | null | undefined;
  /** Offers this software (application name, case-insensitive). */
  software?: string | null | undefined;
  /** Case-insensitive text in short or official name. */
  text?: string | null | undefined;
  /** Sites supporting this VO, e.g. vo.lofar.eu. */
  vo?: string | null | undefined;
};

/** What kind of resources a site offers. */
export type SiteKind =
  | 'CLOUD'
  | 'HPC'
  | 'HTC';

export type SoftwareRequirementInput = {
  /** Application name as sites publish it, e.g. LINC, MATLAB, cvmfs:sw.lofar.eu. */
  name: string;
  /** Version or comparison: 5.0 (5.0.x), >=6.1, <4. */
  version?: string | null | undefined;
};

export type SortDirection =
  | 'ASC'
  | 'DESC';

/** An interactive Jupyter session where the data is. */
export type StartNotebookSessionInput = {
  cores?: number | null | undefined;
  /** Datasets present in the session's working directory. */
  datasetIds?: Array<string> | null | undefined;
  /** Stopped after this long without activity (default 1 h, 60..604800). */
  idleTimeoutSeconds?: number | null | undefined;
  /** A kernel other than python3 (e.g. octave): only sites publishing it as software are candidates. */
  kernel?: string | null | undefined;
  memoryMb?: number | null | undefined;
  /** Where; default: where placement puts it (data first). */
  siteId?: string | null | undefined;
  vo: string;
  /** At most this long (default 4 h). */
  wallTimeSeconds?: number | null | undefined;
};

/** What to run and what it needs. */
export type SubmitJobInput = {
  arguments?: Array<string> | null | undefined;
  containerImage?: string | null | undefined;
  /** Cores, default 1. */
  cores?: number | null | undefined;
  environment?: Array<EnvironmentVariableInput> | null | undefined;
  executable: string;
  /** GPUs, default 0. */
  gpus?: number | null | undefined;
  /** Record the job HELD; releaseJob sends it. */
  hold?: boolean | null | undefined;
  /** When no site fits now: record the job HELD (releaseJob places it again) instead of refusing it. */
  holdIfNoPlacement?: boolean | null | undefined;
  /** Your key for this submission: sending it again returns the same job instead of a second one. */
  idempotencyKey?: string | null | undefined;
  /** Input datasets; each must be visible to you and ONLINE at the site the job runs at. */
  inputs?: Array<string> | null | undefined;
  /** Memory in MB, default 2000. */
  memoryMb?: number | null | undefined;
  name: string;
  /** Files to keep, e.g. ["result.txt", "images/*.fits"]: names or patterns relative to the working directory; each match becomes a dataset derived from the inputs. */
  outputs?: Array<string> | null | undefined;
  platform?: string | null | undefined;
  /** Run in this queue of `siteId`. */
  queue?: string | null | undefined;
  requiredSoftware?: Array<string> | null | undefined;
  /** Run at this site (placement still checks that it fits). */
  siteId?: string | null | undefined;
  tags?: Array<string> | null | undefined;
  /** VO the job runs as, e.g. vo.lofar.eu; you must be a member. The owner is you. */
  vo: string;
  /** Wall time in seconds, default 3600. */
  wallTimeSeconds?: number | null | undefined;
};

/** A DIRAC JDL to run: one job, or one per parameter of a parametric JDL. */
export type SubmitJobJdlInput = {
  /** As in submitJob (for a collection: the whole collection). */
  idempotencyKey?: string | null | undefined;
  /** The JDL text. */
  jdl: string;
  /** Files to keep, as in submitJob. */
  outputs?: Array<string> | null | undefined;
  /** VO, unless the JDL says (VirtualOrganization). */
  vo?: string | null | undefined;
};

/** Omitted fields stay as they are; null removes a value. */
export type UpdateComputeShareInput = {
  /** URL of one of the site's compute endpoints. */
  endpointUrl?: string | null | undefined;
  /** Seconds; null: unknown. */
  estimatedWaitingTime?: number | null | undefined;
  /** The `version` you read; CONFLICT if it changed since. */
  expectedVersion: number;
  freeSlots?: number | null | undefined;
  id: string;
  /** Seconds; null: no limit. */
  maxCpuTime?: number | null | undefined;
  /** MB; null: no limit. */
  maxMainMemory?: number | null | undefined;
  /** Slots (cores); null: no limit. */
  maxSlotsPerJob?: number | null | undefined;
  /** Seconds; null: no limit. */
  maxWallTime?: number | null | undefined;
  /** Mapping queue name. Required when creating. */
  name?: string | null | undefined;
  /** Tags a job must ask for to be sent here. */
  requiredTags?: Array<string> | null | undefined;
  runningJobs?: number | null | undefined;
  /** Default production; draining or closed: no new jobs. */
  servingState?: ServingState | null | undefined;
  tags?: Array<string> | null | undefined;
  usedSlots?: number | null | undefined;
  vos?: Array<string> | null | undefined;
  waitingJobs?: number | null | undefined;
};

/** What to change in a LIVE research object; fields left out stay as they are. */
export type UpdateResearchObjectInput = {
  /** Subjects allowed to edit besides the owner (the owner only). */
  coEditors?: Array<string> | null | undefined;
  creators?: Array<CreatorInput> | null | undefined;
  description?: string | null | undefined;
  keywords?: Array<string> | null | undefined;
  /** SPDX licence id, e.g. CC-BY-4.0. */
  licence?: string | null | undefined;
  title?: string | null | undefined;
};

/** Changes to a site's own record; omitted fields stay as they are. */
export type UpdateSiteInput = {
  /** Required when creating. */
  certificationStatus?: CertificationStatus | null | undefined;
  /** ISO 3166-1 alpha-2 country code. Required when creating. */
  country?: string | null | undefined;
  /** The `version` you read; CONFLICT if the site changed since. */
  expectedVersion: number;
  /** http(s) URL of the site's home page. */
  homeUrl?: string | null | undefined;
  id: string;
  /** Required when creating. */
  infrastructure?: Infrastructure | null | undefined;
  /** Required when creating. */
  kind?: SiteKind | null | undefined;
  /** Decimal degrees, -90..90; give with longitude. */
  latitude?: number | null | undefined;
  /** Decimal degrees, -180..180; give with latitude. */
  longitude?: number | null | undefined;
  /** National Grid Initiative, e.g. NGI_PL. Required when creating. */
  ngi?: string | null | undefined;
  /** Official (long) name. Required when creating. */
  officialName?: string | null | undefined;
  /** GOCDB scopes, e.g. EGI, wlcg. */
  scopes?: Array<string> | null | undefined;
  /** VO names, e.g. vo.lofar.eu. */
  supportedVos?: Array<string> | null | undefined;
};

export type ViewerQueryVariables = Exact<{ [key: string]: never; }>;


export type ViewerQuery = { viewer: { sub: string, name: string | null, email: string | null, vos: Array<string>, managedVos: Array<string>, adminOfSites: Array<string>, platformAdmin: boolean } | null };

export type DataRequestProgressQueryVariables = Exact<{
  id: string;
}>;


export type DataRequestProgressQuery = { dataRequest: { id: string, kind: DataRequestKind, state: DataRequestState, destinationSiteId: string, bytesTotal: number, bytesDone: number, eventsPath: string, summary: { submitted: number, staging: number, active: number, finished: number, failed: number, canceled: number }, files: Array<{ id: string, state: DataFileState, lastError: string | null, dataset: { title: string } | null }> } | null };

export type StartNotebookSessionMutationVariables = Exact<{
  input: StartNotebookSessionInput;
}>;


export type StartNotebookSessionMutation = { startNotebookSession: { job: { id: string, status: JobStatus } } };

export type RunNotebookMutationVariables = Exact<{
  input: RunNotebookInput;
}>;


export type RunNotebookMutation = { runNotebook: { jobs: Array<{ id: string }>, collection: { id: string } | null } };

export type BasketQueryVariables = Exact<{
  ids: Array<string> | string;
  first: number;
}>;


export type BasketQuery = { datasets: { edges: Array<{ node: { id: string, title: string, level: DataLevel, sizeBytes: number, vo: string, replicas: Array<{ id: string, state: ReplicaState, site: { id: string } | null }> } }> } };

export type DatasetPageQueryVariables = Exact<{
  id: string;
}>;


export type DatasetPageQuery = { dataset: { id: string, lfn: string, title: string, description: string | null, community: Community, instrument: string, level: DataLevel, productType: string, format: string, sizeBytes: number, fileCount: number, checksum: string | null, access: AccessLevel, embargoUntil: string | null, vo: string, owner: string | null, createdAt: string, observation: { observationId: string | null, target: string | null, startTime: string | null, endTime: string | null, frequencyMinMhz: number | null, frequencyMaxMhz: number | null, antennaSet: string | null } | null, replicas: Array<{ id: string, state: ReplicaState, storageUrl: string, path: string, sizeBytes: number | null, site: { id: string, officialName: string } | null }>, derivedFrom: Array<{ id: string, title: string, level: DataLevel, derivedFrom: Array<{ id: string, title: string, level: DataLevel, derivedFrom: Array<{ id: string, title: string, level: DataLevel }> }> }>, producedBy: { id: string, name: string, status: JobStatus } | null, consumedBy: { totalCount: number, edges: Array<{ node: { id: string, name: string, status: JobStatus, submittedAt: string } }> } | null, researchObjects: { totalCount: number, edges: Array<{ node: { id: string, title: string, state: ResearchObjectState, doi: string | null } }> } | null } | null };

export type JobPageQueryVariables = Exact<{
  id: string;
}>;


export type JobPageQuery = { job: { id: string, name: string, owner: string, vo: string, status: JobStatus, statusReason: string | null, nativeState: string | null, exitCode: number | null, executable: string, arguments: Array<string>, cores: number, memoryMb: number, wallTimeSeconds: number, requiredSoftware: Array<string>, containerImage: string | null, queue: string | null, backend: string | null, account: string | null, endpointUrl: string | null, placementScore: number | null, reschedules: number, submittedAt: string, startedAt: string | null, finishedAt: string | null, eventsPath: string, notebookPath: string | null, dataRequestIds: Array<string>, placementReasons: Array<{ code: string, points: number, message: string }>, site: { id: string, officialName: string } | null, inputs: Array<{ id: string, title: string } | null>, outputs: Array<{ id: string, title: string, sizeBytes: number, checksum: string | null } | null>, events: Array<{ seq: number, at: string, status: JobStatus, nativeState: string | null, message: string, source: string }>, stdout: { text: string, truncated: boolean, sizeBytes: number, downloadPath: string } | null, stderr: { text: string, truncated: boolean, sizeBytes: number, downloadPath: string } | null, researchObjects: { edges: Array<{ node: { id: string, title: string, doi: string | null } }> } | null } | null };

export type CancelJobMutationVariables = Exact<{
  id: string;
}>;


export type CancelJobMutation = { cancelJob: { job: { id: string, status: JobStatus } } };

export type HoldJobMutationVariables = Exact<{
  id: string;
}>;


export type HoldJobMutation = { holdJob: { job: { id: string, status: JobStatus } } };

export type ReleaseJobMutationVariables = Exact<{
  id: string;
}>;


export type ReleaseJobMutation = { releaseJob: { job: { id: string, status: JobStatus } } };

export type ResubmitJobMutationVariables = Exact<{
  id: string;
}>;


export type ResubmitJobMutation = { resubmitJob: { job: { id: string, status: JobStatus } } };

export type StopNotebookSessionMutationVariables = Exact<{
  id: string;
}>;


export type StopNotebookSessionMutation = { stopNotebookSession: { job: { id: string, status: JobStatus } } };

export type JobsQueryVariables = Exact<{
  filter?: JobFilter | null | undefined;
  first?: number | null | undefined;
}>;


export type JobsQuery = { jobs: { totalCount: number, edges: Array<{ node: { id: string, name: string, status: JobStatus, vo: string, owner: string, submittedAt: string, queue: string | null, site: { id: string } | null, collection: { id: string, name: string } | null } }> } };

export type PlacementFieldsFragment = { evaluatedSites: number, candidates: Array<{ rank: number, score: number, estimatedWaitSeconds: number | null, site: { id: string, officialName: string }, share: { name: string }, endpoint: { url: string, interfaceName: string }, reasons: Array<{ code: string, points: number, message: string }> }>, rejected: Array<{ site: { id: string, officialName: string }, reasons: Array<{ code: RejectionCode, message: string }> }> };

export type PlacementQueryVariables = Exact<{
  requirements: JobRequirementsInput;
}>;


export type PlacementQuery = { placement: { evaluatedSites: number, candidates: Array<{ rank: number, score: number, estimatedWaitSeconds: number | null, site: { id: string, officialName: string }, share: { name: string }, endpoint: { url: string, interfaceName: string }, reasons: Array<{ code: string, points: number, message: string }> }>, rejected: Array<{ site: { id: string, officialName: string }, reasons: Array<{ code: RejectionCode, message: string }> }> } };

export type JdlPlacementQueryVariables = Exact<{
  jdl: string;
  vo?: string | null | undefined;
}>;


export type JdlPlacementQuery = { placementForJdl: { executable: string | null, inputData: Array<string>, parameters: Array<string>, warnings: Array<string>, requirements: { vo: string, cores: number | null, memoryMb: number | null, allowedSites: Array<string> | null, bannedSites: Array<string>, dataSites: Array<string> }, placement: { evaluatedSites: number, candidates: Array<{ rank: number, score: number, estimatedWaitSeconds: number | null, site: { id: string, officialName: string }, share: { name: string }, endpoint: { url: string, interfaceName: string }, reasons: Array<{ code: string, points: number, message: string }> }>, rejected: Array<{ site: { id: string, officialName: string }, reasons: Array<{ code: RejectionCode, message: string }> }> } } };

export type SubmitJobMutationVariables = Exact<{
  input: SubmitJobInput;
}>;


export type SubmitJobMutation = { submitJob: { job: { id: string, status: JobStatus } } };

export type SubmitJdlMutationVariables = Exact<{
  input: SubmitJobJdlInput;
}>;


export type SubmitJdlMutation = { submitJobJdl: { warnings: Array<string>, jobs: Array<{ id: string }>, collection: { id: string } | null } };

export type ResearchObjectPageQueryVariables = Exact<{
  id: string;
}>;


export type ResearchObjectPageQuery = { researchObject: { id: string, title: string, description: string | null, keywords: Array<string>, licence: string | null, state: ResearchObjectState, version: number, doi: string | null, doiState: DoiState | null, doiProblem: string | null, publishedAt: string | null, vo: string, owner: string | null, landingPage: string, published: boolean, creators: Array<{ name: string, orcid: string | null, affiliation: string | null }>, citation: { apa: string }, parent: { id: string, title: string } | null, versions: { edges: Array<{ node: { id: string, version: number, state: ResearchObjectState, doi: string | null } }> }, datasets: Array<{ id: string, title: string } | null>, jobs: Array<{ id: string, name: string, status: JobStatus } | null>, externalResources: Array<{ url: string, title: string | null, resourceType: ResourceType | null }> } | null };

export type UpdateResearchObjectMutationVariables = Exact<{
  id: string;
  input: UpdateResearchObjectInput;
}>;


export type UpdateResearchObjectMutation = { updateResearchObject: { researchObject: { id: string, title: string, description: string | null, licence: string | null, keywords: Array<string>, creators: Array<{ name: string, orcid: string | null, affiliation: string | null }> } } };

export type ResearchObjectDataciteQueryVariables = Exact<{
  id: string;
}>;


export type ResearchObjectDataciteQuery = { researchObject: { id: string, dataciteMetadata: Record<string, unknown> } | null };

export type SnapshotResearchObjectMutationVariables = Exact<{
  id: string;
}>;


export type SnapshotResearchObjectMutation = { snapshotResearchObject: { researchObject: { id: string, doi: string | null, doiState: DoiState | null, doiProblem: string | null } } };

export type PublishResearchObjectDoiMutationVariables = Exact<{
  id: string;
}>;


export type PublishResearchObjectDoiMutation = { publishResearchObjectDoi: { researchObject: { id: string, doi: string | null, doiState: DoiState | null, doiProblem: string | null } } };

export type ResearchObjectsQueryVariables = Exact<{
  first?: number | null | undefined;
}>;


export type ResearchObjectsQuery = { researchObjects: { totalCount: number, edges: Array<{ node: { id: string, title: string, state: ResearchObjectState, version: number, doi: string | null, vo: string, updatedAt: string } }> } };

export type CreateResearchObjectMutationVariables = Exact<{
  input: CreateResearchObjectInput;
}>;


export type CreateResearchObjectMutation = { createResearchObject: { researchObject: { id: string } } };

export type SearchDatasetsQueryVariables = Exact<{
  filter?: DatasetFilter | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
  sort?: DatasetSort | null | undefined;
}>;


export type SearchDatasetsQuery = { datasets: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, title: string, community: Community, level: DataLevel, instrument: string, format: string, access: AccessLevel, sizeBytes: number, observation: { target: string | null, startTime: string | null } | null, replicas: Array<{ id: string, state: ReplicaState, site: { id: string } | null }> } }> }, datasetFacets: { totalCount: number, community: Array<{ value: string, count: number }>, level: Array<{ value: string, count: number }>, instrument: Array<{ value: string, count: number }>, format: Array<{ value: string, count: number }>, access: Array<{ value: string, count: number }>, site: Array<{ value: string, count: number }>, replicaState: Array<{ value: string, count: number }> } };

export type SitePageQueryVariables = Exact<{
  id: string;
}>;


export type SitePageQuery = { site: { id: string, officialName: string, ngi: string, country: string, latitude: number | null, longitude: number | null, kind: SiteKind, certificationStatus: CertificationStatus, infrastructure: Infrastructure, supportedVos: Array<string>, homeUrl: string | null, version: number, inDowntime: boolean, computeShares: Array<{ id: string, name: string, endpointUrl: string | null, maxSlotsPerJob: number | null, maxMainMemory: number | null, maxWallTime: number | null, maxCpuTime: number | null, freeSlots: number, waitingJobs: number, vos: Array<string>, servingState: ServingState, version: number }>, computeEndpoints: Array<{ id: string, url: string, interfaceName: string, implementationName: string, healthState: HealthState, servingState: ServingState }>, executionEnvironments: Array<{ id: string, platform: string, osName: string, osVersion: string, logicalCpus: number, mainMemory: number, gpuModel: string | null, gpuCount: number, totalInstances: number, benchmarkType: string | null, benchmarkValue: number | null }>, applicationEnvironments: Array<{ id: string, name: string, version: string | null }>, storageEndpoints: Array<{ id: string, url: string, protocols: Array<string>, accessLatency: AccessLatency, totalCapacity: number, freeCapacity: number, vos: Array<string> }>, downtimes: Array<{ id: string, severity: DowntimeSeverity, classification: DowntimeClassification, startsAt: string, endsAt: string, description: string }>, history: { totalCount: number, edges: Array<{ node: { id: string, at: string, entityType: string, entityId: string, action: string, changes: Record<string, unknown>, actor: string | null } }> } } | null };

export type UpdateComputeShareMutationVariables = Exact<{
  input: UpdateComputeShareInput;
}>;


export type UpdateComputeShareMutation = { updateComputeShare: { computeShare: { id: string, version: number } } };

export type UpdateSiteMutationVariables = Exact<{
  input: UpdateSiteInput;
}>;


export type UpdateSiteMutation = { updateSite: { site: { id: string, version: number } } };

export type SitesQueryVariables = Exact<{
  filter?: SiteFilter | null | undefined;
  first?: number | null | undefined;
}>;


export type SitesQuery = { sites: { totalCount: number, edges: Array<{ node: { id: string, officialName: string, country: string, ngi: string, kind: SiteKind, certificationStatus: CertificationStatus, latitude: number | null, longitude: number | null, inDowntime: boolean, supportedVos: Array<string> } }> } };

export const PlacementFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PlacementFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Placement"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"evaluatedSites"}},{"kind":"Field","name":{"kind":"Name","value":"candidates"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"rank"}},{"kind":"Field","name":{"kind":"Name","value":"score"}},{"kind":"Field","name":{"kind":"Name","value":"estimatedWaitSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"site"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"officialName"}}]}},{"kind":"Field","name":{"kind":"Name","value":"share"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"endpoint"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"interfaceName"}}]}},{"kind":"Field","name":{"kind":"Name","value":"reasons"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"points"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"rejected"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"site"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"officialName"}}]}},{"kind":"Field","name":{"kind":"Name","value":"reasons"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<PlacementFieldsFragment, unknown>;
export const ViewerDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Viewer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"viewer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sub"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"vos"}},{"kind":"Field","name":{"kind":"Name","value":"managedVos"}},{"kind":"Field","name":{"kind":"Name","value":"adminOfSites"}},{"kind":"Field","name":{"kind":"Name","value":"platformAdmin"}}]}}]}}]} as unknown as DocumentNode<ViewerQuery, ViewerQueryVariables>;
export const DataRequestProgressDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"DataRequestProgress"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"dataRequest"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"destinationSiteId"}},{"kind":"Field","name":{"kind":"Name","value":"bytesTotal"}},{"kind":"Field","name":{"kind":"Name","value":"bytesDone"}},{"kind":"Field","name":{"kind":"Name","value":"eventsPath"}},{"kind":"Field","name":{"kind":"Name","value":"summary"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"submitted"}},{"kind":"Field","name":{"kind":"Name","value":"staging"}},{"kind":"Field","name":{"kind":"Name","value":"active"}},{"kind":"Field","name":{"kind":"Name","value":"finished"}},{"kind":"Field","name":{"kind":"Name","value":"failed"}},{"kind":"Field","name":{"kind":"Name","value":"canceled"}}]}},{"kind":"Field","name":{"kind":"Name","value":"files"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"lastError"}},{"kind":"Field","name":{"kind":"Name","value":"dataset"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"title"}}]}}]}}]}}]}}]} as unknown as DocumentNode<DataRequestProgressQuery, DataRequestProgressQueryVariables>;
export const StartNotebookSessionDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"StartNotebookSession"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"StartNotebookSessionInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"startNotebookSession"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"job"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]}}]} as unknown as DocumentNode<StartNotebookSessionMutation, StartNotebookSessionMutationVariables>;
export const RunNotebookDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RunNotebook"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RunNotebookInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"runNotebook"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"jobs"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"collection"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]} as unknown as DocumentNode<RunNotebookMutation, RunNotebookMutationVariables>;
export const BasketDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Basket"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"ids"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"datasets"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"ids"},"value":{"kind":"Variable","name":{"kind":"Name","value":"ids"}}}]}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"level"}},{"kind":"Field","name":{"kind":"Name","value":"sizeBytes"}},{"kind":"Field","name":{"kind":"Name","value":"vo"}},{"kind":"Field","name":{"kind":"Name","value":"replicas"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"site"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<BasketQuery, BasketQueryVariables>;
export const DatasetPageDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"DatasetPage"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"dataset"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"lfn"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"community"}},{"kind":"Field","name":{"kind":"Name","value":"instrument"}},{"kind":"Field","name":{"kind":"Name","value":"level"}},{"kind":"Field","name":{"kind":"Name","value":"productType"}},{"kind":"Field","name":{"kind":"Name","value":"format"}},{"kind":"Field","name":{"kind":"Name","value":"sizeBytes"}},{"kind":"Field","name":{"kind":"Name","value":"fileCount"}},{"kind":"Field","name":{"kind":"Name","value":"checksum"}},{"kind":"Field","name":{"kind":"Name","value":"access"}},{"kind":"Field","name":{"kind":"Name","value":"embargoUntil"}},{"kind":"Field","name":{"kind":"Name","value":"vo"}},{"kind":"Field","name":{"kind":"Name","value":"owner"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"observation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"observationId"}},{"kind":"Field","name":{"kind":"Name","value":"target"}},{"kind":"Field","name":{"kind":"Name","value":"startTime"}},{"kind":"Field","name":{"kind":"Name","value":"endTime"}},{"kind":"Field","name":{"kind":"Name","value":"frequencyMinMhz"}},{"kind":"Field","name":{"kind":"Name","value":"frequencyMaxMhz"}},{"kind":"Field","name":{"kind":"Name","value":"antennaSet"}}]}},{"kind":"Field","name":{"kind":"Name","value":"replicas"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"storageUrl"}},{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"sizeBytes"}},{"kind":"Field","name":{"kind":"Name","value":"site"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"officialName"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"derivedFrom"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"level"}},{"kind":"Field","name":{"kind":"Name","value":"derivedFrom"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"level"}},{"kind":"Field","name":{"kind":"Name","value":"derivedFrom"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"level"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"producedBy"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}},{"kind":"Field","name":{"kind":"Name","value":"consumedBy"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"20"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"submittedAt"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"researchObjects"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"20"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"doi"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<DatasetPageQuery, DatasetPageQueryVariables>;
export const JobPageDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"JobPage"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"job"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"owner"}},{"kind":"Field","name":{"kind":"Name","value":"vo"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"statusReason"}},{"kind":"Field","name":{"kind":"Name","value":"nativeState"}},{"kind":"Field","name":{"kind":"Name","value":"exitCode"}},{"kind":"Field","name":{"kind":"Name","value":"executable"}},{"kind":"Field","name":{"kind":"Name","value":"arguments"}},{"kind":"Field","name":{"kind":"Name","value":"cores"}},{"kind":"Field","name":{"kind":"Name","value":"memoryMb"}},{"kind":"Field","name":{"kind":"Name","value":"wallTimeSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"requiredSoftware"}},{"kind":"Field","name":{"kind":"Name","value":"containerImage"}},{"kind":"Field","name":{"kind":"Name","value":"queue"}},{"kind":"Field","name":{"kind":"Name","value":"backend"}},{"kind":"Field","name":{"kind":"Name","value":"account"}},{"kind":"Field","name":{"kind":"Name","value":"endpointUrl"}},{"kind":"Field","name":{"kind":"Name","value":"placementScore"}},{"kind":"Field","name":{"kind":"Name","value":"placementReasons"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"points"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"Field","name":{"kind":"Name","value":"reschedules"}},{"kind":"Field","name":{"kind":"Name","value":"submittedAt"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"finishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"eventsPath"}},{"kind":"Field","name":{"kind":"Name","value":"notebookPath"}},{"kind":"Field","name":{"kind":"Name","value":"dataRequestIds"}},{"kind":"Field","name":{"kind":"Name","value":"site"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"officialName"}}]}},{"kind":"Field","name":{"kind":"Name","value":"inputs"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}}]}},{"kind":"Field","name":{"kind":"Name","value":"outputs"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"sizeBytes"}},{"kind":"Field","name":{"kind":"Name","value":"checksum"}}]}},{"kind":"Field","name":{"kind":"Name","value":"events"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"seq"}},{"kind":"Field","name":{"kind":"Name","value":"at"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"nativeState"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"source"}}]}},{"kind":"Field","name":{"kind":"Name","value":"stdout"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"text"}},{"kind":"Field","name":{"kind":"Name","value":"truncated"}},{"kind":"Field","name":{"kind":"Name","value":"sizeBytes"}},{"kind":"Field","name":{"kind":"Name","value":"downloadPath"}}]}},{"kind":"Field","name":{"kind":"Name","value":"stderr"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"text"}},{"kind":"Field","name":{"kind":"Name","value":"truncated"}},{"kind":"Field","name":{"kind":"Name","value":"sizeBytes"}},{"kind":"Field","name":{"kind":"Name","value":"downloadPath"}}]}},{"kind":"Field","name":{"kind":"Name","value":"researchObjects"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"10"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"doi"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<JobPageQuery, JobPageQueryVariables>;
export const CancelJobDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CancelJob"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cancelJob"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"job"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]}}]} as unknown as DocumentNode<CancelJobMutation, CancelJobMutationVariables>;
export const HoldJobDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"HoldJob"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"holdJob"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"job"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]}}]} as unknown as DocumentNode<HoldJobMutation, HoldJobMutationVariables>;
export const ReleaseJobDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ReleaseJob"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"releaseJob"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"job"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]}}]} as unknown as DocumentNode<ReleaseJobMutation, ReleaseJobMutationVariables>;
export const ResubmitJobDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ResubmitJob"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"resubmitJob"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"job"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]}}]} as unknown as DocumentNode<ResubmitJobMutation, ResubmitJobMutationVariables>;
export const StopNotebookSessionDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"StopNotebookSession"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"stopNotebookSession"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"job"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]}}]} as unknown as DocumentNode<StopNotebookSessionMutation, StopNotebookSessionMutationVariables>;
export const JobsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Jobs"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"JobFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"jobs"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"vo"}},{"kind":"Field","name":{"kind":"Name","value":"owner"}},{"kind":"Field","name":{"kind":"Name","value":"submittedAt"}},{"kind":"Field","name":{"kind":"Name","value":"queue"}},{"kind":"Field","name":{"kind":"Name","value":"site"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"collection"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<JobsQuery, JobsQueryVariables>;
export const PlacementDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Placement"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"requirements"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"JobRequirementsInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"placement"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"requirements"},"value":{"kind":"Variable","name":{"kind":"Name","value":"requirements"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"50"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"PlacementFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PlacementFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Placement"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"evaluatedSites"}},{"kind":"Field","name":{"kind":"Name","value":"candidates"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"rank"}},{"kind":"Field","name":{"kind":"Name","value":"score"}},{"kind":"Field","name":{"kind":"Name","value":"estimatedWaitSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"site"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"officialName"}}]}},{"kind":"Field","name":{"kind":"Name","value":"share"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"endpoint"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"interfaceName"}}]}},{"kind":"Field","name":{"kind":"Name","value":"reasons"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"points"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"rejected"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"site"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"officialName"}}]}},{"kind":"Field","name":{"kind":"Name","value":"reasons"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<PlacementQuery, PlacementQueryVariables>;
export const JdlPlacementDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"JdlPlacement"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"jdl"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"vo"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"placementForJdl"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"jdl"},"value":{"kind":"Variable","name":{"kind":"Name","value":"jdl"}}},{"kind":"Argument","name":{"kind":"Name","value":"vo"},"value":{"kind":"Variable","name":{"kind":"Name","value":"vo"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"50"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"requirements"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"vo"}},{"kind":"Field","name":{"kind":"Name","value":"cores"}},{"kind":"Field","name":{"kind":"Name","value":"memoryMb"}},{"kind":"Field","name":{"kind":"Name","value":"allowedSites"}},{"kind":"Field","name":{"kind":"Name","value":"bannedSites"}},{"kind":"Field","name":{"kind":"Name","value":"dataSites"}}]}},{"kind":"Field","name":{"kind":"Name","value":"executable"}},{"kind":"Field","name":{"kind":"Name","value":"inputData"}},{"kind":"Field","name":{"kind":"Name","value":"parameters"}},{"kind":"Field","name":{"kind":"Name","value":"warnings"}},{"kind":"Field","name":{"kind":"Name","value":"placement"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"PlacementFields"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PlacementFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Placement"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"evaluatedSites"}},{"kind":"Field","name":{"kind":"Name","value":"candidates"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"rank"}},{"kind":"Field","name":{"kind":"Name","value":"score"}},{"kind":"Field","name":{"kind":"Name","value":"estimatedWaitSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"site"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"officialName"}}]}},{"kind":"Field","name":{"kind":"Name","value":"share"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"endpoint"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"interfaceName"}}]}},{"kind":"Field","name":{"kind":"Name","value":"reasons"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"points"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"rejected"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"site"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"officialName"}}]}},{"kind":"Field","name":{"kind":"Name","value":"reasons"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<JdlPlacementQuery, JdlPlacementQueryVariables>;
export const SubmitJobDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SubmitJob"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SubmitJobInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"submitJob"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"job"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]}}]} as unknown as DocumentNode<SubmitJobMutation, SubmitJobMutationVariables>;
export const SubmitJdlDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SubmitJdl"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SubmitJobJdlInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"submitJobJdl"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"jobs"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"collection"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"warnings"}}]}}]}}]} as unknown as DocumentNode<SubmitJdlMutation, SubmitJdlMutationVariables>;
export const ResearchObjectPageDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ResearchObjectPage"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"researchObject"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"creators"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"orcid"}},{"kind":"Field","name":{"kind":"Name","value":"affiliation"}}]}},{"kind":"Field","name":{"kind":"Name","value":"keywords"}},{"kind":"Field","name":{"kind":"Name","value":"licence"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"doi"}},{"kind":"Field","name":{"kind":"Name","value":"doiState"}},{"kind":"Field","name":{"kind":"Name","value":"doiProblem"}},{"kind":"Field","name":{"kind":"Name","value":"publishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"vo"}},{"kind":"Field","name":{"kind":"Name","value":"owner"}},{"kind":"Field","name":{"kind":"Name","value":"landingPage"}},{"kind":"Field","name":{"kind":"Name","value":"published"}},{"kind":"Field","name":{"kind":"Name","value":"citation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"apa"}}]}},{"kind":"Field","name":{"kind":"Name","value":"parent"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}}]}},{"kind":"Field","name":{"kind":"Name","value":"versions"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"20"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"doi"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"datasets"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}}]}},{"kind":"Field","name":{"kind":"Name","value":"jobs"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}},{"kind":"Field","name":{"kind":"Name","value":"externalResources"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"resourceType"}}]}}]}}]}}]} as unknown as DocumentNode<ResearchObjectPageQuery, ResearchObjectPageQueryVariables>;
export const UpdateResearchObjectDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdateResearchObject"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateResearchObjectInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateResearchObject"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"researchObject"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"licence"}},{"kind":"Field","name":{"kind":"Name","value":"keywords"}},{"kind":"Field","name":{"kind":"Name","value":"creators"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"orcid"}},{"kind":"Field","name":{"kind":"Name","value":"affiliation"}}]}}]}}]}}]}}]} as unknown as DocumentNode<UpdateResearchObjectMutation, UpdateResearchObjectMutationVariables>;
export const ResearchObjectDataciteDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ResearchObjectDatacite"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"researchObject"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"dataciteMetadata"}}]}}]}}]} as unknown as DocumentNode<ResearchObjectDataciteQuery, ResearchObjectDataciteQueryVariables>;
export const SnapshotResearchObjectDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SnapshotResearchObject"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"snapshotResearchObject"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"researchObject"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"doi"}},{"kind":"Field","name":{"kind":"Name","value":"doiState"}},{"kind":"Field","name":{"kind":"Name","value":"doiProblem"}}]}}]}}]}}]} as unknown as DocumentNode<SnapshotResearchObjectMutation, SnapshotResearchObjectMutationVariables>;
export const PublishResearchObjectDoiDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"PublishResearchObjectDoi"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"publishResearchObjectDoi"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"researchObject"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"doi"}},{"kind":"Field","name":{"kind":"Name","value":"doiState"}},{"kind":"Field","name":{"kind":"Name","value":"doiProblem"}}]}}]}}]}}]} as unknown as DocumentNode<PublishResearchObjectDoiMutation, PublishResearchObjectDoiMutationVariables>;
export const ResearchObjectsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ResearchObjects"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"researchObjects"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"doi"}},{"kind":"Field","name":{"kind":"Name","value":"vo"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}}]}}]}}]}}]}}]} as unknown as DocumentNode<ResearchObjectsQuery, ResearchObjectsQueryVariables>;
export const CreateResearchObjectDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateResearchObject"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateResearchObjectInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createResearchObject"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"researchObject"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]} as unknown as DocumentNode<CreateResearchObjectMutation, CreateResearchObjectMutationVariables>;
export const SearchDatasetsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"SearchDatasets"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"DatasetFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"sort"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"DatasetSort"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"datasets"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"sort"},"value":{"kind":"Variable","name":{"kind":"Name","value":"sort"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"community"}},{"kind":"Field","name":{"kind":"Name","value":"level"}},{"kind":"Field","name":{"kind":"Name","value":"instrument"}},{"kind":"Field","name":{"kind":"Name","value":"format"}},{"kind":"Field","name":{"kind":"Name","value":"access"}},{"kind":"Field","name":{"kind":"Name","value":"sizeBytes"}},{"kind":"Field","name":{"kind":"Name","value":"observation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"target"}},{"kind":"Field","name":{"kind":"Name","value":"startTime"}}]}},{"kind":"Field","name":{"kind":"Name","value":"replicas"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"site"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"datasetFacets"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"community"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}},{"kind":"Field","name":{"kind":"Name","value":"level"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}},{"kind":"Field","name":{"kind":"Name","value":"instrument"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}},{"kind":"Field","name":{"kind":"Name","value":"format"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}},{"kind":"Field","name":{"kind":"Name","value":"access"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}},{"kind":"Field","name":{"kind":"Name","value":"site"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}},{"kind":"Field","name":{"kind":"Name","value":"replicaState"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}}]}}]}}]} as unknown as DocumentNode<SearchDatasetsQuery, SearchDatasetsQueryVariables>;
export const SitePageDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"SitePage"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"site"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"officialName"}},{"kind":"Field","name":{"kind":"Name","value":"ngi"}},{"kind":"Field","name":{"kind":"Name","value":"country"}},{"kind":"Field","name":{"kind":"Name","value":"latitude"}},{"kind":"Field","name":{"kind":"Name","value":"longitude"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"certificationStatus"}},{"kind":"Field","name":{"kind":"Name","value":"infrastructure"}},{"kind":"Field","name":{"kind":"Name","value":"supportedVos"}},{"kind":"Field","name":{"kind":"Name","value":"homeUrl"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"inDowntime"}},{"kind":"Field","name":{"kind":"Name","value":"computeShares"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"endpointUrl"}},{"kind":"Field","name":{"kind":"Name","value":"maxSlotsPerJob"}},{"kind":"Field","name":{"kind":"Name","value":"maxMainMemory"}},{"kind":"Field","name":{"kind":"Name","value":"maxWallTime"}},{"kind":"Field","name":{"kind":"Name","value":"maxCpuTime"}},{"kind":"Field","name":{"kind":"Name","value":"freeSlots"}},{"kind":"Field","name":{"kind":"Name","value":"waitingJobs"}},{"kind":"Field","name":{"kind":"Name","value":"vos"}},{"kind":"Field","name":{"kind":"Name","value":"servingState"}},{"kind":"Field","name":{"kind":"Name","value":"version"}}]}},{"kind":"Field","name":{"kind":"Name","value":"computeEndpoints"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"interfaceName"}},{"kind":"Field","name":{"kind":"Name","value":"implementationName"}},{"kind":"Field","name":{"kind":"Name","value":"healthState"}},{"kind":"Field","name":{"kind":"Name","value":"servingState"}}]}},{"kind":"Field","name":{"kind":"Name","value":"executionEnvironments"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"platform"}},{"kind":"Field","name":{"kind":"Name","value":"osName"}},{"kind":"Field","name":{"kind":"Name","value":"osVersion"}},{"kind":"Field","name":{"kind":"Name","value":"logicalCpus"}},{"kind":"Field","name":{"kind":"Name","value":"mainMemory"}},{"kind":"Field","name":{"kind":"Name","value":"gpuModel"}},{"kind":"Field","name":{"kind":"Name","value":"gpuCount"}},{"kind":"Field","name":{"kind":"Name","value":"totalInstances"}},{"kind":"Field","name":{"kind":"Name","value":"benchmarkType"}},{"kind":"Field","name":{"kind":"Name","value":"benchmarkValue"}}]}},{"kind":"Field","name":{"kind":"Name","value":"applicationEnvironments"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"version"}}]}},{"kind":"Field","name":{"kind":"Name","value":"storageEndpoints"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"protocols"}},{"kind":"Field","name":{"kind":"Name","value":"accessLatency"}},{"kind":"Field","name":{"kind":"Name","value":"totalCapacity"}},{"kind":"Field","name":{"kind":"Name","value":"freeCapacity"}},{"kind":"Field","name":{"kind":"Name","value":"vos"}}]}},{"kind":"Field","name":{"kind":"Name","value":"downtimes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"severity"}},{"kind":"Field","name":{"kind":"Name","value":"classification"}},{"kind":"Field","name":{"kind":"Name","value":"startsAt"}},{"kind":"Field","name":{"kind":"Name","value":"endsAt"}},{"kind":"Field","name":{"kind":"Name","value":"description"}}]}},{"kind":"Field","name":{"kind":"Name","value":"history"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"25"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"at"}},{"kind":"Field","name":{"kind":"Name","value":"entityType"}},{"kind":"Field","name":{"kind":"Name","value":"entityId"}},{"kind":"Field","name":{"kind":"Name","value":"action"}},{"kind":"Field","name":{"kind":"Name","value":"changes"}},{"kind":"Field","name":{"kind":"Name","value":"actor"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<SitePageQuery, SitePageQueryVariables>;
export const UpdateComputeShareDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdateComputeShare"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateComputeShareInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateComputeShare"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"computeShare"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}}]}}]}}]}}]} as unknown as DocumentNode<UpdateComputeShareMutation, UpdateComputeShareMutationVariables>;
export const UpdateSiteDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdateSite"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateSiteInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateSite"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"site"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}}]}}]}}]}}]} as unknown as DocumentNode<UpdateSiteMutation, UpdateSiteMutationVariables>;
export const SitesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Sites"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"SiteFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sites"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"officialName"}},{"kind":"Field","name":{"kind":"Name","value":"country"}},{"kind":"Field","name":{"kind":"Name","value":"ngi"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"certificationStatus"}},{"kind":"Field","name":{"kind":"Name","value":"latitude"}},{"kind":"Field","name":{"kind":"Name","value":"longitude"}},{"kind":"Field","name":{"kind":"Name","value":"inDowntime"}},{"kind":"Field","name":{"kind":"Name","value":"supportedVos"}}]}}]}}]}}]}}]} as unknown as DocumentNode<SitesQuery, SitesQueryVariables>;