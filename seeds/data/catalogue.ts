import { orcidCheckDigit } from "../../subgraphs/research-objects/src/domain/orcid";
import { standInFacts } from "../../subgraphs/datasets/src/movement/stand-in";
import { seededRandom, type Random } from "./random";
import { PEOPLE, VO } from "./vos";

/**
 * The seeded catalogue: LOFAR (LTA at SURF Amsterdam, FZ Juelich, PSNC Poznan), NenuFAR
 * (CC-IN2P3), EISCAT (NDGF, Sigma2) and PROCESS (Cyfronet) datasets with provenance
 * chains L0 -> L4, their replicas, the jobs that made them, and research objects.
 * Deterministic: the same rows on every machine.
 */
export interface DatasetRow {
  id: string;
  lfn: string;
  title: string;
  description: string;
  community: "LOFAR" | "NENUFAR" | "EISCAT" | "PROCESS";
  instrument: string;
  level: "L0" | "L1" | "L2" | "L3" | "L4";
  productType: string;
  format: string;
  sizeBytes: number;
  fileCount: number;
  checksum: string;
  observation: {
    observationId: string;
    target: string;
    startTime: Date;
    endTime: Date;
    frequencyMinMhz: number;
    frequencyMaxMhz: number;
    antennaSet: string | null;
  };
  access: "PUBLIC" | "VO" | "PRIVATE";
  embargoUntil: Date | null;
  owner: string;
  vo: string;
  derivedFromIds: string[];
  createdAt: Date;
}
export interface ReplicaRow {
  datasetId: string;
  siteId: string;
  storageUrl: string;
  path: string;
  state: "ONLINE" | "NEARLINE" | "STAGING" | "LOST";
  /** The stand-in file's own size and ADLER32 (what the embedded storage holds for it). */
  sizeBytes?: number;
  checksum?: string;
}
export interface JobRow {
  id: string;
  name: string;
  owner: string;
  vo: string;
  executable: string;
  arguments: string[];
  cores: number;
  memoryMb: number;
  gpus: number;
  wallTimeSeconds: number;
  platform: string;
  requiredSoftware: string[];
  containerImage: string | null;
  tags: string[];
  inputDatasetIds: string[];
  status: string;
  siteId: string | null;
  queue: string | null;
  backend: string | null;
  backendJobId: string | null;
  exitCode: number | null;
  submittedAt: Date;
  events: { at: Date; status: string; message: string }[];
}
export interface ResearchObjectRow {
  id: string;
  title: string;
  description: string;
  creators: { name: string; orcid: string | null; affiliation: string | null }[];
  keywords: string[];
  licence: string;
  state: "LIVE" | "SNAPSHOT" | "ARCHIVED";
  version: number;
  doi: string | null;
  owner: string;
  vo: string;
  datasets: string[];
  jobs: string[];
  external: { url: string; title: string; resourceType: string }[];
  createdAt: Date;
}

const TB = 1e12;
const GB = 1e9;
const MB = 1e6;
const HOUR = 3600_000;
const SEED_EPOCH = Date.UTC(2026, 9, 1); // catalogue "as of" 2026-10-01; embargoes are relative to it

const LTA = [
  {
    siteId: "SARA-MATRIX",
    url: "srm://srm.grid.sara.nl:8443",
    root: "/pnfs/grid.sara.nl/data/lofar/ops/projects",
  },
  {
    siteId: "FZJ-JSC",
    url: "srm://lofar-srm.fz-juelich.de:8443",
    root: "/pnfs/fz-juelich.de/data/lofar/ops/projects",
  },
  { siteId: "PSNC", url: "srm://lta-head.lofar.psnc.pl:8443", root: "/lofar/ops/projects" },
];

const LOFAR_FIELDS = [
  { project: "LC12_017", target: "P205+55", survey: "LoTSS" },
  { project: "LC12_017", target: "P218+55", survey: "LoTSS" },
  { project: "LT16_004", target: "ELAIS-N1", survey: "LoTSS-Deep" },
  { project: "LT16_004", target: "Bootes", survey: "LoTSS-Deep" },
  { project: "LT16_004", target: "Lockman Hole", survey: "LoTSS-Deep" },
  { project: "LC14_011", target: "3C196", survey: "calibrator" },
  { project: "LC14_011", target: "Cyg A", survey: "calibrator" },
  { project: "LC20_039", target: "M51", survey: "nearby galaxies" },
  { project: "LT10_010", target: "LoLSS P164+52", survey: "LoLSS" },
  { project: "LC18_020", target: "NCP", survey: "EoR" },
];

/** ISO 7064 11,2 check digit, so generated ORCID iDs are valid. */
export function orcidFromNumber(n: number): string {
  const base = String(n).padStart(15, "0");
  return (base + orcidCheckDigit(base)).match(/.{4}/g)!.join("-");
}

function checksum(r: Random) {
  return `adler32:${r.int(0, 0xffffffff).toString(16).padStart(8, "0")}`;
}

function accessFor(r: Random, observed: Date): Pick<DatasetRow, "access" | "embargoUntil"> {
  const embargoUntil = new Date(observed.getTime() + 365 * 24 * HOUR);
  if (r.chance(0.06)) return { access: "PRIVATE", embargoUntil: null };
  if (embargoUntil.getTime() > SEED_EPOCH) return { access: "VO", embargoUntil };
  return { access: r.chance(0.8) ? "PUBLIC" : "VO", embargoUntil: null };
}

export function buildCatalogue() {
  const r = seededRandom(20190509); // the Amsterdam workshop
  const datasets: DatasetRow[] = [];
  const replicas: ReplicaRow[] = [];
  const jobs: JobRow[] = [];

  const addJob = (
    job: Omit<JobRow, "events" | "backend" | "backendJobId" | "queue"> & { queue?: string },
  ) => {
    const t0 = job.submittedAt.getTime();
    const events = [{ at: new Date(t0), status: "SUBMITTED", message: "Job recorded." }];
    // The first step is the placement: still SUBMITTED (recorded, not yet at a backend).
    const flow = ["SUBMITTED", "QUEUED", "RUNNING", "COMPLETED"];
    const stopAt = job.status === "FAILED" ? "RUNNING" : job.status;
    for (const [i, status] of flow.entries()) {
      if (flow.indexOf(stopAt) < i && job.status !== "FAILED") break;
      if (i === 0 && !job.siteId) break;
      const message =
        i === 0
          ? `Placed at ${job.siteId}.`
          : status === "COMPLETED"
            ? "Exited with code 0."
            : `${status.toLowerCase()} at the backend.`;
      events.push({ at: new Date(t0 + (i + 1) * 5 * 60_000), status, message });
      if (status === stopAt) break;
    }
    if (job.status === "FAILED") {
      events.push({
        at: new Date(t0 + 4 * HOUR),
        status: "FAILED",
        message: `Exited with code ${job.exitCode}.`,
      });
    }
    jobs.push({
      ...job,
      queue: job.siteId ? (job.queue ?? "long") : null,
      backend: job.siteId ? "slurm" : null,
      backendJobId: job.siteId ? String(4_100_000 + jobs.length * 17) : null,
      events,
    });
  };

  // ---- LOFAR: 30 observations, L0 raw -> L1 averaged -> L2 calibrated -> L3 images -> L4 catalogues
  for (let i = 0; i < 30; i++) {
    const field = LOFAR_FIELDS[i % LOFAR_FIELDS.length];
    const lta = LTA[i % LTA.length];
    const sasId = 600_000 + i * 4_219;
    const lba = field.survey === "LoLSS";
    const start = new Date(Date.UTC(2016 + (i % 10), (i * 5) % 12, 1 + ((i * 7) % 27), 17, 0));
    const end = new Date(start.getTime() + 8 * HOUR);
    const observation = {
      observationId: `L${sasId}`,
      target: field.target,
      startTime: start,
      endTime: end,
      frequencyMinMhz: lba ? 42 : 120,
      frequencyMaxMhz: lba ? 66 : 168,
      antennaSet: lba ? "LBA_OUTER" : "HBA_DUAL_INNER",
    };
    const projectDir = `${lta.root}/${field.project.toLowerCase()}/${sasId}`;
    const access = accessFor(r, start);
    const owner = i % 4 === 0 ? PEOPLE.alice : PEOPLE.lofarOps;
    const levels = [
      {
        level: "L0",
        product: "raw visibilities",
        format: "MeasurementSet",
        size: r.int(18, 48) * TB,
        files: 244,
        desc: "Raw correlated visibilities, 1 s / 64 channels per subband.",
      },
      {
        level: "L1",
        product: "averaged visibilities",
        format: "MeasurementSet",
        size: r.int(2, 6) * TB,
        files: 244,
        desc: "Flagged (AOFlagger) and averaged to 2 s / 16 channels per subband.",
      },
      {
        level: "L2",
        product: "calibrated visibilities",
        format: "MeasurementSet",
        size: r.int(400, 1600) * GB,
        files: 24,
        desc: "Direction-independent calibration with LINC; 24 frequency blocks.",
      },
      {
        level: "L3",
        product: "image",
        format: "FITS",
        size: r.int(2, 18) * GB,
        files: 6,
        desc: "Direction-dependent calibrated Stokes I image (DDFacet/WSClean), 6 arcsec.",
      },
      {
        level: "L4",
        product: "source catalogue",
        format: "FITS",
        size: r.int(40, 300) * MB,
        files: 2,
        desc: "PyBDSF Gaussian and source catalogues.",
      },
    ] as const;
    const depth = i % 5 === 0 ? 2 : i % 3 === 0 ? 5 : 4;
    let previous: DatasetRow | null = null;
    for (const lvl of levels.slice(0, depth)) {
      const id = `lofar-L${sasId}-${lvl.level}`;
      const ds: DatasetRow = {
        id,
        lfn: `/lofar/ops/projects/${field.project.toLowerCase()}/L${sasId}/${lvl.level}`,
        title: `${field.survey} ${field.target} L${sasId} ${lvl.product} (${lvl.level})`,
        description: `LOFAR ${lba ? "LBA" : "HBA"} ${field.survey} observation of ${field.target}, project ${field.project}. ${lvl.desc}`,
        community: "LOFAR",
        instrument: lba ? "LOFAR LBA" : "LOFAR HBA",
        level: lvl.level,
        productType: lvl.product,
        format: lvl.format,
        sizeBytes: lvl.size,
        fileCount: lvl.files,
        checksum: checksum(r),
        observation,
        ...access,
        owner,
        vo: VO.lofar,
        derivedFromIds: previous ? [previous.id] : [],
        createdAt: new Date(end.getTime() + (levels.indexOf(lvl as never) + 1) * 24 * HOUR),
      };
      datasets.push(ds);
      const nearline = lvl.level === "L0" || lvl.level === "L1";
      replicas.push({
        datasetId: id,
        siteId: lta.siteId,
        storageUrl: lta.url,
        path: `${projectDir}/${lvl.level}`,
        state: nearline ? "NEARLINE" : "ONLINE",
      });
      if (lvl.level === "L2" || lvl.level === "L3") {
        replicas.push({
          datasetId: id,
          siteId: "SARA-MATRIX",
          storageUrl: "https://webdav.grid.surfsara.nl:2880",
          path: `/pnfs/grid.sara.nl/data/lofar/user/disk/${field.project.toLowerCase()}/L${sasId}/${lvl.level}`,
          state: i % 17 === 3 ? "STAGING" : "ONLINE",
        });
      }
      if (previous && (lvl.level === "L2" || lvl.level === "L3")) {
        const failed = i % 7 === 2 && lvl.level === "L3";
        addJob({
          id: `job-${lvl.level === "L2" ? "linc" : "ddf"}-L${sasId}`,
          name: `${lvl.level === "L2" ? "LINC target calibration" : "DDFacet imaging"} L${sasId} ${field.target}`,
          owner,
          vo: VO.lofar,
          executable: lvl.level === "L2" ? "linc_target.cwl" : "ddf-pipeline.py",
          arguments: lvl.level === "L2" ? ["--obsid", `L${sasId}`] : ["tier1-jul2018.cfg"],
          cores: lvl.level === "L2" ? 16 : 32,
          memoryMb: lvl.level === "L2" ? 64_000 : 192_000,
          gpus: 0,
          wallTimeSeconds: lvl.level === "L2" ? 36 * 3600 : 72 * 3600,
          platform: "x86_64",
          requiredSoftware: lvl.level === "L2" ? ["LINC/5.0", "DP3/6.2"] : ["DDFacet/0.7", "killMS/3.2"],
          containerImage:
            lvl.level === "L2" ? "docker://astronrd/linc:5.0" : "docker://lofaruser/ddf-pipeline:latest",
          tags: [field.survey],
          inputDatasetIds: [previous.id],
          status: failed ? "FAILED" : "COMPLETED",
          siteId: lta.siteId === "PSNC" ? "PSNC" : lta.siteId === "FZJ-JSC" ? "FZJ-JSC" : "SARA-MATRIX",
          queue: lta.siteId === "FZJ-JSC" ? "standard" : "long",
          exitCode: failed ? 137 : 0,
          submittedAt: new Date(ds.createdAt.getTime() - 2 * 24 * HOUR),
        });
      }
      previous = ds;
    }
  }

  // ---- NenuFAR: 16 observations, L1 -> L2 -> L3
  const nenufarTargets = [
    "B0809+74",
    "B1919+21",
    "Jupiter",
    "Cyg A",
    "tau Bootis",
    "Crab Nebula",
    "Cas A",
    "Sun",
  ];
  for (let i = 0; i < 16; i++) {
    const target = nenufarTargets[i % nenufarTargets.length];
    const start = new Date(Date.UTC(2020 + (i % 6), (i * 3) % 12, 2 + i, 8, 30));
    const end = new Date(start.getTime() + 4 * HOUR);
    const obsId = `NENUFAR-${start.toISOString().slice(0, 10).replace(/-/g, "")}-${String(i).padStart(3, "0")}`;
    const pulsar = /^B\d/.test(target);
    const access = accessFor(r, start);
    let previous: DatasetRow | null = null;
    const levels = [
      {
        level: "L1",
        product: pulsar ? "beamformed spectra" : "averaged visibilities",
        format: pulsar ? "HDF5" : "MeasurementSet",
        size: r.int(200, 900) * GB,
        files: pulsar ? 4 : 192,
      },
      {
        level: "L2",
        product: pulsar ? "dedispersed time series" : "calibrated visibilities",
        format: pulsar ? "HDF5" : "MeasurementSet",
        size: r.int(20, 150) * GB,
        files: pulsar ? 2 : 16,
      },
      {
        level: "L3",
        product: pulsar ? "pulse profile" : "image",
        format: "FITS",
        size: r.int(50, 900) * MB,
        files: 1,
      },
    ] as const;
    for (const lvl of levels) {
      const id = `nenufar-${obsId.slice(8).toLowerCase()}-${lvl.level}`;
      const ds: DatasetRow = {
        id,
        lfn: `/nenufar/es${String((i % 12) + 1).padStart(2, "0")}/${obsId}/${lvl.level}`,
        title: `NenuFAR ${target} ${lvl.product} (${lvl.level})`,
        description: `NenuFAR ${pulsar ? "beamformed (UnDySPuTeD) pulsar" : "imaging (NICKEL)"} observation of ${target}, 10-85 MHz.`,
        community: "NENUFAR",
        instrument: "NenuFAR",
        level: lvl.level,
        productType: lvl.product,
        format: lvl.format,
        sizeBytes: lvl.size,
        fileCount: lvl.files,
        checksum: checksum(r),
        observation: {
          observationId: obsId,
          target,
          startTime: start,
          endTime: end,
          frequencyMinMhz: 10,
          frequencyMaxMhz: 85,
          antennaSet: "NenuFAR-MR",
        },
        ...access,
        owner: PEOPLE.nenufarOps,
        vo: VO.nenufar,
        derivedFromIds: previous ? [previous.id] : [],
        createdAt: new Date(end.getTime() + (levels.indexOf(lvl as never) + 1) * 24 * HOUR),
      };
      datasets.push(ds);
      const site = i % 4 === 3 ? "GRIF" : "IN2P3-CC";
      replicas.push({
        datasetId: id,
        siteId: site,
        storageUrl:
          site === "GRIF" ? "davs://node12.datagrid.cea.fr:443" : "root://ccxrootdnenufar.in2p3.fr:1094",
        path: `/nenufar/data/${obsId}/${lvl.level}`,
        state: "ONLINE",
      });
      if (lvl.level === "L1") {
        replicas.push({
          datasetId: id,
          siteId: "IN2P3-CC",
          storageUrl: "srm://ccsrm.in2p3.fr:8443",
          path: `/pnfs/in2p3.fr/data/nenufar/archive/${obsId}`,
          state: "NEARLINE",
        });
      }
      if (previous && lvl.level === "L3" && i % 2 === 0) {
        addJob({
          id: `job-nenufar-${obsId.slice(8).toLowerCase()}`,
          name: `NenuFAR ${pulsar ? "PRESTO folding" : "imaging"} ${target}`,
          owner: PEOPLE.nenufarOps,
          vo: VO.nenufar,
          executable: pulsar ? "prepfold" : "nenucal",
          arguments: pulsar ? ["-psr", target, "-nosearch"] : ["--config", "nenucal.toml"],
          cores: 8,
          memoryMb: 32_000,
          gpus: 0,
          wallTimeSeconds: 12 * 3600,
          platform: "x86_64",
          requiredSoftware: ["nenupy/2.6"],
          containerImage: null,
          tags: ["nenufar"],
          inputDatasetIds: [previous.id],
          status: i === 14 ? "RUNNING" : "COMPLETED",
          siteId: "IN2P3-CC",
          exitCode: i === 14 ? null : 0,
          submittedAt: new Date(ds.createdAt.getTime() - 24 * HOUR),
        });
      }
      previous = ds;
    }
  }

  // ---- EISCAT: 18 experiments, L0 raw voltage (EISCAT_3D) / L1 lag profiles -> L2 plasma parameters
  const radars = [
    { instrument: "EISCAT UHF Tromso", freq: [926, 932], site: "NDGF-T1" },
    { instrument: "EISCAT VHF Tromso", freq: [222, 226], site: "NDGF-T1" },
    { instrument: "EISCAT Svalbard Radar", freq: [498, 502], site: "NDGF-T1" },
    { instrument: "EISCAT_3D Skibotn", freq: [230, 236], site: "NO-SIGMA2-NIRD" },
  ];
  const experiments = ["beata", "manda", "arc1", "ipy", "bella", "tau7"];
  for (let i = 0; i < 18; i++) {
    const radar = radars[i % radars.length];
    const exp = experiments[i % experiments.length];
    const start = new Date(Date.UTC(2021 + (i % 5), (i * 2) % 12, 5 + i, 18, 0));
    const end = new Date(start.getTime() + 6 * HOUR);
    const obsId = `${exp}_${start.toISOString().slice(0, 10).replace(/-/g, "")}_${radar.instrument.split(" ").at(-1)!.slice(0, 3).toLowerCase()}`;
    const access = accessFor(r, start);
    const e3d = radar.instrument.startsWith("EISCAT_3D");
    const levels = [
      ...(e3d
        ? [{ level: "L0", product: "raw voltage", format: "HDF5", size: r.int(40, 120) * TB, files: 21_600 }]
        : []),
      { level: "L1", product: "lag profiles", format: "MATLAB", size: r.int(5, 80) * GB, files: 2_160 },
      {
        level: "L2",
        product: "ionospheric plasma parameters",
        format: "HDF5",
        size: r.int(50, 500) * MB,
        files: 1,
      },
    ] as const;
    let previous: DatasetRow | null = null;
    for (const lvl of levels) {
      const id = `eiscat-${obsId}-${lvl.level}`.toLowerCase();
      const ds: DatasetRow = {
        id,
        lfn: `/eiscat/${start.getUTCFullYear()}/${obsId}/${lvl.level}`,
        title: `${radar.instrument} ${exp} ${start.toISOString().slice(0, 10)} ${lvl.product} (${lvl.level})`,
        description: `Incoherent scatter radar experiment ${exp} (${radar.instrument}); ${lvl.level === "L2" ? "GUISDAP analysis: Ne, Te, Ti, Vi profiles." : "correlator output."}`,
        community: "EISCAT",
        instrument: radar.instrument,
        level: lvl.level as DatasetRow["level"],
        productType: lvl.product,
        format: lvl.format,
        sizeBytes: lvl.size,
        fileCount: lvl.files,
        checksum: checksum(r),
        observation: {
          observationId: obsId,
          target: i % 3 === 0 ? "auroral E region" : "F region",
          startTime: start,
          endTime: end,
          frequencyMinMhz: radar.freq[0],
          frequencyMaxMhz: radar.freq[1],
          antennaSet: null,
        },
        ...access,
        owner: i % 3 === 1 ? PEOPLE.erik : "eiscat-ops@egi.eu",
        vo: VO.eiscat,
        derivedFromIds: previous ? [previous.id] : [],
        createdAt: new Date(end.getTime() + (lvl.level === "L2" ? 3 : 1) * 24 * HOUR),
      };
      datasets.push(ds);
      replicas.push({
        datasetId: id,
        siteId: radar.site,
        storageUrl: radar.site === "NDGF-T1" ? "davs://dav.ndgf.org:443" : "s3://s3.nird.sigma2.no",
        path: `/eiscat/${start.getUTCFullYear()}/${obsId}/${lvl.level}`,
        state: i === 9 && lvl.level === "L1" ? "LOST" : "ONLINE",
      });
      if (lvl.level === "L2" && radar.site === "NDGF-T1") {
        replicas.push({
          datasetId: id,
          siteId: "NO-SIGMA2-NIRD",
          storageUrl: "s3://s3.nird.sigma2.no",
          path: `/eiscat-madrigal/${obsId}.hdf5`,
          state: "ONLINE",
        });
      }
      if (previous && lvl.level === "L2") {
        addJob({
          id: `job-guisdap-${obsId}`.toLowerCase(),
          name: `GUISDAP analysis ${exp} ${start.toISOString().slice(0, 10)}`,
          owner: ds.owner,
          vo: VO.eiscat,
          executable: "guisdap",
          arguments: ["-e", exp, "-i", "60"],
          cores: 4,
          memoryMb: 16_000,
          gpus: 0,
          wallTimeSeconds: 6 * 3600,
          platform: "x86_64",
          requiredSoftware: ["MATLAB/R2024a", "GUISDAP/9.1"],
          containerImage: null,
          tags: ["matlab"],
          inputDatasetIds: [previous.id],
          status: i === 17 ? "QUEUED" : "COMPLETED",
          siteId: "NDGF-T1",
          exitCode: i === 17 ? null : 0,
          submittedAt: new Date(ds.createdAt.getTime() - 12 * HOUR),
        });
      }
      previous = ds;
    }
  }

  // ---- PROCESS: reprocessing of LOFAR L1 data at Cyfronet (GPU imaging pipeline)
  const lofarL1 = datasets.filter((d) => d.community === "LOFAR" && d.level === "L1");
  for (let i = 0; i < 14; i++) {
    const source = lofarL1[(i * 3) % lofarL1.length];
    const id = `process-uc2-${source.observation.observationId.toLowerCase()}-${i < 7 ? "L2" : "L3"}`;
    const level = i < 7 ? "L2" : "L3";
    const ds: DatasetRow = {
      ...source,
      id,
      lfn: `/process/uc2/${source.observation.observationId}/${level}-${i}`,
      title: `PROCESS UC#2 ${source.observation.target} ${level === "L2" ? "recalibrated visibilities" : "GPU image"} (${level})`,
      description: `PROCESS project use case 2: exascale-ready LOFAR reduction of ${source.observation.observationId} on Cyfronet resources.`,
      community: "PROCESS",
      level,
      productType: level === "L2" ? "calibrated visibilities" : "image",
      format: level === "L2" ? "MeasurementSet" : "FITS",
      sizeBytes: level === "L2" ? r.int(300, 900) * GB : r.int(1, 9) * GB,
      fileCount: level === "L2" ? 24 : 3,
      checksum: checksum(r),
      access: "VO",
      embargoUntil: null,
      owner: PEOPLE.processDev,
      vo: VO.process,
      derivedFromIds: [source.id],
      createdAt: new Date(Date.UTC(2025, i % 12, 10 + i)),
    };
    datasets.push(ds);
    replicas.push({
      datasetId: id,
      siteId: "CYFRONET-LCG2",
      storageUrl: "davs://se.cyf-kr.edu.pl:443",
      path: `/dpm/cyf-kr.edu.pl/home/vo.process-project.eu/uc2/${id}`,
      state: "ONLINE",
    });
    if (i % 3 === 0) {
      replicas.push({
        datasetId: id,
        siteId: "PSNC",
        storageUrl: "srm://lta-head.lofar.psnc.pl:8443",
        path: `/process/uc2/${id}`,
        state: "NEARLINE",
      });
    }
    addJob({
      id: `job-process-${i}`,
      name: `PROCESS UC#2 ${level === "L2" ? "recalibration" : "GPU imaging"} ${source.observation.observationId}`,
      owner: PEOPLE.processDev,
      vo: VO.process,
      executable: level === "L2" ? "process-uc2-calibrate" : "idg-image",
      arguments: ["--input", source.lfn],
      cores: level === "L2" ? 32 : 16,
      memoryMb: level === "L2" ? 128_000 : 96_000,
      gpus: level === "L2" ? 0 : 2,
      wallTimeSeconds: 24 * 3600,
      platform: "x86_64",
      requiredSoftware: level === "L2" ? ["DP3/6.2"] : ["CUDA/12.4", "WSClean/3.5"],
      containerImage: "docker://processeu/uc2-lofar:1.4",
      tags: ["process", level === "L3" ? "gpu" : "cpu"],
      inputDatasetIds: [source.id],
      status: i === 13 ? "SUBMITTED" : i === 12 ? "HELD" : "COMPLETED",
      siteId: i >= 12 ? null : level === "L2" ? "CYFRONET-LCG2" : "CYFRONET-ATHENA",
      queue: level === "L2" ? "long" : "gpu",
      exitCode: i >= 12 ? null : 0,
      submittedAt: new Date(ds.createdAt.getTime() - 36 * HOUR),
    });
  }

  const researchObjects = buildResearchObjects(datasets, jobs);
  // A PRIVATE dataset's name lives in its owner's user area (the catalogue's namespace rule:
  // a name anyone else in the VO could collide with must be one they may see).
  for (const d of datasets)
    if (d.access === "PRIVATE") {
      const [, top, ...rest] = d.lfn.split("/");
      d.lfn = `/${top}/user/${d.owner}/${rest.join("/")}`;
    }
  for (const r of replicas) Object.assign(r, standInFacts(r.datasetId));
  return { datasets, replicas, jobs, researchObjects };
}

function buildResearchObjects(datasets: DatasetRow[], jobs: JobRow[]): ResearchObjectRow[] {
  const person = (name: string, n: number, affiliation: string) => ({
    name,
    orcid: orcidFromNumber(n),
    affiliation,
  });
  const byTarget = (target: string, levels: string[]) =>
    datasets.filter((d) => d.observation.target === target && levels.includes(d.level)).map((d) => d.id);
  const jobsFor = (ids: string[]) =>
    jobs.filter((j) => j.inputDatasetIds.some((i) => ids.includes(i))).map((j) => j.id);
  const en1 = byTarget("ELAIS-N1", ["L2", "L3", "L4"]);
  const eiscat = datasets
    .filter((d) => d.community === "EISCAT" && d.level === "L2")
    .slice(0, 6)
    .map((d) => d.id);
  const pulsar = byTarget("B0809+74", ["L2", "L3"]);
  const process = datasets
    .filter((d) => d.community === "PROCESS")
    .slice(0, 5)
    .map((d) => d.id);
  const lolss = datasets.filter((d) => d.instrument === "LOFAR LBA").map((d) => d.id);
  const cal = byTarget("3C196", ["L1", "L2"]);
  return [
    {
      id: "ro-lotss-deep-elais-n1",
      title: "LoTSS-Deep ELAIS-N1: calibrated data, images and catalogues",
      description:
        "Direction-dependent calibrated HBA data, deep images and PyBDSF catalogues of the ELAIS-N1 field.",
      creators: [
        person("Anna Kowalska", 2_000_000_000_101, "ASTRON"),
        person("Jan de Vries", 2_000_000_000_202, "Leiden Observatory"),
      ],
      keywords: ["LOFAR", "LoTSS", "ELAIS-N1", "radio continuum"],
      licence: "CC-BY-4.0",
      state: "SNAPSHOT",
      version: 1,
      doi: "10.5072/gridgraph.lotss-deep-en1.v1",
      owner: PEOPLE.alice,
      vo: VO.lofar,
      datasets: en1,
      jobs: jobsFor(en1),
      external: [
        {
          url: "https://doi.org/10.1051/0004-6361/202038828",
          title: "LoTSS-Deep DR1: ELAIS-N1 (A&A 648, A2, 2021)",
          resourceType: "PAPER",
        },
        { url: "https://git.astron.nl/RD/LINC", title: "LINC pipeline", resourceType: "WORKFLOW" },
      ],
      createdAt: new Date(Date.UTC(2025, 2, 14)),
    },
    {
      id: "ro-eiscat-storm-2024",
      title: "EISCAT ionospheric profiles during geomagnetic storms",
      description: "GUISDAP-analysed plasma parameters from UHF, VHF and ESR runs, with the analysis jobs.",
      creators: [person("Erik Lindqvist", 3_000_000_000_303, "EISCAT Scientific Association")],
      keywords: ["EISCAT", "ionosphere", "incoherent scatter"],
      licence: "CC-BY-4.0",
      state: "SNAPSHOT",
      version: 2,
      doi: "10.5072/gridgraph.eiscat-storms.v2",
      owner: PEOPLE.erik,
      vo: VO.eiscat,
      datasets: eiscat,
      jobs: jobsFor(datasets.filter((d) => eiscat.includes(d.id)).flatMap((d) => d.derivedFromIds)),
      external: [{ url: "https://github.com/EISCAT/guisdap", title: "GUISDAP", resourceType: "CODE" }],
      createdAt: new Date(Date.UTC(2025, 5, 2)),
    },
    {
      id: "ro-nenufar-b0809",
      title: "NenuFAR timing of PSR B0809+74",
      description: "Dedispersed time series and pulse profiles, work in progress.",
      creators: [person("Marie Dubois", 4_000_000_000_404, "Station de Radioastronomie de Nancay")],
      keywords: ["NenuFAR", "pulsar", "B0809+74"],
      licence: "CC-BY-4.0",
      state: "LIVE",
      version: 1,
      doi: null,
      owner: PEOPLE.nenufarOps,
      vo: VO.nenufar,
      datasets: pulsar,
      jobs: jobsFor(pulsar),
      external: [{ url: "https://github.com/AlanLoh/nenupy", title: "nenupy", resourceType: "CODE" }],
      createdAt: new Date(Date.UTC(2026, 1, 20)),
    },
    {
      id: "ro-process-uc2",
      title: "PROCESS UC#2: LOFAR reduction at exascale, benchmark products",
      description: "Reprocessed LOFAR data and the GPU imaging jobs used in the PROCESS benchmarks.",
      creators: [person("Pawel Nowak", 5_000_000_000_505, "ACC Cyfronet AGH")],
      keywords: ["PROCESS", "LOFAR", "GPU", "benchmark"],
      licence: "Apache-2.0",
      state: "LIVE",
      version: 1,
      doi: null,
      owner: PEOPLE.processDev,
      vo: VO.process,
      datasets: process,
      jobs: jobsFor(datasets.filter((d) => process.includes(d.id)).flatMap((d) => d.derivedFromIds)).filter(
        (j) => j.startsWith("job-process"),
      ),
      external: [{ url: "https://www.process-project.eu", title: "PROCESS project", resourceType: "OTHER" }],
      createdAt: new Date(Date.UTC(2025, 10, 3)),
    },
    {
      id: "ro-lolss-pilot",
      title: "LoLSS pilot fields",
      description: "LBA Sky Survey pilot observations (42-66 MHz).",
      creators: [person("Jan de Vries", 2_000_000_000_202, "Leiden Observatory")],
      keywords: ["LOFAR", "LoLSS", "LBA"],
      licence: "CC-BY-4.0",
      state: "LIVE",
      version: 1,
      doi: null,
      owner: PEOPLE.alice,
      vo: VO.lofar,
      datasets: lolss,
      jobs: [],
      external: [],
      createdAt: new Date(Date.UTC(2026, 3, 1)),
    },
    {
      id: "ro-3c196-calibration",
      title: "3C196 calibration study (superseded)",
      description: "Early study of bandpass calibration on 3C196.",
      creators: [person("Anna Kowalska", 2_000_000_000_101, "ASTRON")],
      keywords: ["LOFAR", "calibration", "3C196"],
      licence: "CC-BY-4.0",
      state: "ARCHIVED",
      version: 1,
      doi: "10.5072/gridgraph.3c196-cal.v1",
      owner: PEOPLE.lofarOps,
      vo: VO.lofar,
      datasets: cal,
      jobs: jobsFor(cal),
      external: [],
      createdAt: new Date(Date.UTC(2023, 6, 9)),
    },
  ];
}
