import { VO } from "./vos";

/**
 * Sites modelled on real EGI, WLCG, FedCloud and PRACE/EuroHPC centres: GOCDB short names,
 * NGIs, real middleware interface names, and queues and node types of the kind each runs.
 * Numbers are plausible, not copied from any information system.
 */
export type Kind = "HTC" | "HPC" | "CLOUD";

export interface SiteSeed {
  id: string;
  officialName: string;
  ngi: string;
  country: string;
  latitude: number;
  longitude: number;
  kind: Kind;
  host: string;
  certificationStatus?: "Certified" | "Candidate" | "Suspended";
  infrastructure?: "Production" | "Test";
  scopes: string[];
  vos: string[];
  /** Compute interface: htcondorce, arc, slurm or openstack. */
  ce: "htcondorce" | "arc" | "slurm" | "openstack";
  cpus: number;
  memoryGb: number;
  nodes: number;
  platform?: "x86_64" | "aarch64";
  os: [string, string];
  gpu?: { model: string; count: number; nodes: number };
  software: [string, string | null][];
  storage?: { url: string; protocols: string[]; latency: "online" | "nearline"; totalTb: number; freeTb: number; vos?: string[] }[];
  maxWallHours: number;
}

const lofar = [VO.lofar, VO.ops];
const common = [VO.ops, VO.access, VO.biomed];
const apptainer: [string, string] = ["apptainer", "1.3.4"];
const cvmfs = (repo: string): [string, string | null] => [`cvmfs:${repo}`, null];

export const SITE_SEEDS: SiteSeed[] = [
  {
    id: "SARA-MATRIX", officialName: "SURF Amsterdam Grid Cluster (Matrix)", ngi: "NGI_NL", country: "NL",
    latitude: 52.3563, longitude: 4.9528, kind: "HTC", host: "grid.surfsara.nl", scopes: ["EGI", "wlcg", "tier1"],
    vos: [...lofar, VO.process, VO.atlas, VO.access], ce: "arc", cpus: 64, memoryGb: 512, nodes: 180,
    os: ["AlmaLinux", "9.4"], software: [apptainer, cvmfs("softdrive.nl"), cvmfs("sw.lofar.eu"), ["LINC", "5.0"], ["DP3", "6.2"], ["WSClean", "3.5"]],
    storage: [
      { url: "srm://srm.grid.sara.nl:8443", protocols: ["srm", "gsiftp", "https"], latency: "nearline", totalTb: 42000, freeTb: 6100, vos: [VO.lofar, VO.atlas] },
      { url: "https://webdav.grid.surfsara.nl:2880", protocols: ["https", "webdav"], latency: "online", totalTb: 3500, freeTb: 820, vos: [VO.lofar, VO.process] },
    ],
    maxWallHours: 96,
  },
  {
    id: "NIKHEF-ELPROD", officialName: "Nikhef Amsterdam Production Cluster", ngi: "NGI_NL", country: "NL",
    latitude: 52.3562, longitude: 4.9512, kind: "HTC", host: "nikhef.nl", scopes: ["EGI", "wlcg", "tier1"],
    vos: [VO.lofar, VO.atlas, VO.ops, VO.biomed, VO.access], ce: "arc", cpus: 96, memoryGb: 384, nodes: 140,
    os: ["AlmaLinux", "9.4"], software: [apptainer, cvmfs("softdrive.nl"), cvmfs("atlas.cern.ch")],
    storage: [{ url: "davs://dcache.nikhef.nl:2880", protocols: ["https", "webdav", "xroot"], latency: "online", totalTb: 9000, freeTb: 1200 }],
    maxWallHours: 72,
  },
  {
    id: "PSNC", officialName: "Poznan Supercomputing and Networking Center", ngi: "NGI_PL", country: "PL",
    latitude: 52.4108, longitude: 16.9286, kind: "HTC", host: "reef.man.poznan.pl", scopes: ["EGI", "wlcg"],
    vos: [...lofar, VO.process, VO.access, VO.cms], ce: "htcondorce", cpus: 64, memoryGb: 256, nodes: 90,
    os: ["Rocky", "9.3"], software: [apptainer, cvmfs("sw.lofar.eu"), ["LINC", "4.0"], ["DP3", "6.1"]],
    storage: [{ url: "srm://lta-head.lofar.psnc.pl:8443", protocols: ["srm", "gsiftp", "https"], latency: "nearline", totalTb: 18000, freeTb: 4300, vos: [VO.lofar] }],
    maxWallHours: 72,
  },
  {
    id: "FZJ-JSC", officialName: "Forschungszentrum Juelich, Juelich Supercomputing Centre (LOFAR LTA)", ngi: "NGI_DE", country: "DE",
    latitude: 50.9049, longitude: 6.4117, kind: "HPC", host: "fz-juelich.de", scopes: ["EGI", "PRACE"],
    vos: [VO.lofar, VO.ops], ce: "slurm", cpus: 96, memoryGb: 512, nodes: 240,
    os: ["Rocky", "8.9"], gpu: { model: "NVIDIA A100 40GB", count: 4, nodes: 48 }, software: [apptainer, ["WSClean", "3.4"], ["DP3", "6.0"]],
    storage: [{ url: "srm://lofar-srm.fz-juelich.de:8443", protocols: ["srm", "gsiftp", "https"], latency: "nearline", totalTb: 25000, freeTb: 5200, vos: [VO.lofar] }],
    maxWallHours: 24,
  },
  {
    id: "CYFRONET-LCG2", officialName: "ACC Cyfronet AGH Krakow", ngi: "NGI_PL", country: "PL",
    latitude: 50.0679, longitude: 19.9122, kind: "HTC", host: "cyf-kr.edu.pl", scopes: ["EGI", "wlcg"],
    vos: [VO.process, VO.lofar, VO.atlas, VO.ops, VO.access], ce: "arc", cpus: 48, memoryGb: 192, nodes: 300,
    os: ["AlmaLinux", "9.4"], software: [apptainer, cvmfs("atlas.cern.ch"), ["python", "3.11"]],
    storage: [{ url: "davs://se.cyf-kr.edu.pl:443", protocols: ["https", "webdav", "xroot"], latency: "online", totalTb: 4200, freeTb: 960 }],
    maxWallHours: 72,
  },
  {
    id: "CYFRONET-ATHENA", officialName: "Cyfronet Athena GPU supercomputer", ngi: "NGI_PL", country: "PL",
    latitude: 50.0679, longitude: 19.9122, kind: "HPC", host: "athena.cyfronet.pl", scopes: ["EuroHPC", "PLGrid"],
    vos: [VO.process, VO.lofar, VO.ops], ce: "slurm", cpus: 128, memoryGb: 1024, nodes: 48,
    os: ["Rocky", "8.9"], gpu: { model: "NVIDIA A100 40GB", count: 8, nodes: 48 }, software: [apptainer, ["CUDA", "12.4"], ["python", "3.11"]],
    maxWallHours: 48,
  },
  {
    id: "FZK-LCG2", officialName: "GridKa, Karlsruhe Institute of Technology", ngi: "NGI_DE", country: "DE",
    latitude: 49.0959, longitude: 8.4313, kind: "HTC", host: "gridka.de", scopes: ["EGI", "wlcg", "tier1"],
    vos: [VO.atlas, VO.cms, VO.lofar, VO.ops, VO.access], ce: "arc", cpus: 128, memoryGb: 512, nodes: 420,
    os: ["Rocky", "9.3"], software: [apptainer, cvmfs("atlas.cern.ch"), cvmfs("cms.cern.ch"), cvmfs("sw.lofar.eu")],
    storage: [{ url: "davs://webdav.gridka.de:2880", protocols: ["https", "webdav", "xroot"], latency: "online", totalTb: 52000, freeTb: 7400 }],
    maxWallHours: 72,
  },
  {
    id: "IN2P3-CC", officialName: "CC-IN2P3 Lyon", ngi: "NGI_FRANCE", country: "FR",
    latitude: 45.7833, longitude: 4.8658, kind: "HTC", host: "in2p3.fr", scopes: ["EGI", "wlcg", "tier1"],
    vos: [VO.nenufar, VO.lofar, VO.atlas, VO.cms, VO.biomed, VO.ops], ce: "htcondorce", cpus: 64, memoryGb: 384, nodes: 600,
    os: ["AlmaLinux", "9.4"], software: [apptainer, cvmfs("nenufar.obs-nancay.fr"), ["nenupy", "2.6"], ["python", "3.11"]],
    storage: [
      { url: "root://ccxrootdnenufar.in2p3.fr:1094", protocols: ["xroot", "https"], latency: "online", totalTb: 6000, freeTb: 2100, vos: [VO.nenufar] },
      { url: "srm://ccsrm.in2p3.fr:8443", protocols: ["srm", "https"], latency: "nearline", totalTb: 60000, freeTb: 11000 },
    ],
    maxWallHours: 168,
  },
  {
    id: "GRIF", officialName: "Grille au service de la Recherche en Ile de France", ngi: "NGI_FRANCE", country: "FR",
    latitude: 48.7117, longitude: 2.1715, kind: "HTC", host: "grif.fr", scopes: ["EGI", "wlcg"],
    vos: [VO.nenufar, VO.atlas, VO.biomed, VO.ops], ce: "htcondorce", cpus: 48, memoryGb: 192, nodes: 150,
    os: ["AlmaLinux", "9.2"], software: [apptainer, ["nenupy", "2.5"]],
    storage: [{ url: "davs://node12.datagrid.cea.fr:443", protocols: ["https", "webdav"], latency: "online", totalTb: 3100, freeTb: 640, vos: [VO.nenufar, VO.atlas] }],
    maxWallHours: 48,
  },
  {
    id: "INFN-T1", officialName: "INFN-CNAF Tier-1 Bologna", ngi: "NGI_IT", country: "IT",
    latitude: 44.4949, longitude: 11.3426, kind: "HTC", host: "cr.cnaf.infn.it", scopes: ["EGI", "wlcg", "tier1"],
    vos: [VO.atlas, VO.cms, VO.lofar, VO.ops, VO.biomed], ce: "htcondorce", cpus: 128, memoryGb: 512, nodes: 800,
    os: ["AlmaLinux", "9.4"], software: [apptainer, cvmfs("atlas.cern.ch"), cvmfs("cms.cern.ch")],
    storage: [{ url: "davs://xfer.cr.cnaf.infn.it:8443", protocols: ["https", "webdav", "xroot"], latency: "online", totalTb: 70000, freeTb: 9800 }],
    maxWallHours: 72,
  },
  {
    id: "NDGF-T1", officialName: "Nordic Data Grid Facility Tier-1", ngi: "NGI_NDGF", country: "DK",
    latitude: 55.7861, longitude: 12.5234, kind: "HTC", host: "ndgf.org", scopes: ["EGI", "wlcg", "tier1"],
    vos: [VO.eiscat, VO.atlas, VO.ops], ce: "arc", cpus: 64, memoryGb: 256, nodes: 260,
    os: ["Rocky", "9.3"], software: [apptainer, ["MATLAB", "R2024a"], ["GUISDAP", "9.1"], ["python", "3.11"]],
    storage: [{ url: "davs://dav.ndgf.org:443", protocols: ["https", "webdav", "xroot"], latency: "online", totalTb: 24000, freeTb: 3900, vos: [VO.eiscat, VO.atlas] }],
    maxWallHours: 72,
  },
  {
    id: "NO-SIGMA2-NIRD", officialName: "Sigma2 NIRD National Infrastructure for Research Data", ngi: "NGI_NDGF", country: "NO",
    latitude: 63.4195, longitude: 10.4022, kind: "CLOUD", host: "nird.sigma2.no", scopes: ["EGI", "FedCloud"],
    vos: [VO.eiscat, VO.ops], ce: "openstack", cpus: 32, memoryGb: 128, nodes: 40,
    os: ["Ubuntu", "22.04"], software: [["docker", "26.1"], ["MATLAB", "R2023b"], ["jupyterhub", "4.1"]],
    storage: [{ url: "s3://s3.nird.sigma2.no", protocols: ["s3", "https"], latency: "online", totalTb: 12000, freeTb: 2600, vos: [VO.eiscat] }],
    maxWallHours: 720,
  },
  {
    id: "RAL-LCG2", officialName: "STFC Rutherford Appleton Laboratory", ngi: "NGI_UK", country: "GB",
    latitude: 51.5719, longitude: -1.3147, kind: "HTC", host: "gridpp.rl.ac.uk", scopes: ["EGI", "wlcg", "tier1"],
    vos: [VO.atlas, VO.cms, VO.lofar, VO.ops], ce: "arc", cpus: 64, memoryGb: 256, nodes: 700,
    os: ["Rocky", "9.3"], software: [apptainer, cvmfs("atlas.cern.ch")],
    storage: [{ url: "root://xrootd.echo.stfc.ac.uk:1094", protocols: ["xroot", "https"], latency: "online", totalTb: 65000, freeTb: 8800 }],
    maxWallHours: 72,
  },
  {
    id: "CESNET-MCC", officialName: "CESNET MetaCentrum Cloud", ngi: "NGI_CZ", country: "CZ",
    latitude: 49.2099, longitude: 16.5963, kind: "CLOUD", host: "cloud.metacentrum.cz", scopes: ["EGI", "FedCloud"],
    vos: [VO.access, VO.biomed, VO.lofar, VO.ops], ce: "openstack", cpus: 64, memoryGb: 256, nodes: 120,
    os: ["Ubuntu", "22.04"], gpu: { model: "NVIDIA A40", count: 2, nodes: 12 }, software: [["docker", "26.1"], ["kubernetes", "1.29"]],
    storage: [{ url: "https://object-store.cloud.muni.cz", protocols: ["s3", "https"], latency: "online", totalTb: 2000, freeTb: 700 }],
    maxWallHours: 720,
  },
  {
    id: "IFCA-LCG2", officialName: "Instituto de Fisica de Cantabria", ngi: "NGI_IBERGRID", country: "ES",
    latitude: 43.4723, longitude: -3.8011, kind: "HTC", host: "ifca.es", scopes: ["EGI", "wlcg"],
    vos: [VO.cms, VO.lofar, VO.access, VO.ops], ce: "htcondorce", cpus: 48, memoryGb: 192, nodes: 110,
    os: ["AlmaLinux", "9.4"], gpu: { model: "NVIDIA A100 40GB", count: 4, nodes: 8 }, software: [apptainer, cvmfs("cms.cern.ch")],
    storage: [{ url: "davs://gridftp.ifca.es:443", protocols: ["https", "webdav"], latency: "online", totalTb: 2500, freeTb: 510 }],
    maxWallHours: 72,
  },
  {
    id: "IFCA-CLOUD", officialName: "IFCA OpenStack cloud", ngi: "NGI_IBERGRID", country: "ES",
    latitude: 43.4723, longitude: -3.8011, kind: "CLOUD", host: "cloud.ifca.es", scopes: ["EGI", "FedCloud"],
    vos: [VO.access, VO.biomed, VO.ops], ce: "openstack", cpus: 32, memoryGb: 128, nodes: 60,
    os: ["Ubuntu", "22.04"], software: [["docker", "26.1"]], maxWallHours: 720,
  },
  {
    id: "DESY-HH", officialName: "DESY Hamburg", ngi: "NGI_DE", country: "DE",
    latitude: 53.5763, longitude: 9.8784, kind: "HTC", host: "desy.de", scopes: ["EGI", "wlcg"],
    vos: [VO.atlas, VO.cms, VO.ops, VO.access], ce: "htcondorce", cpus: 64, memoryGb: 256, nodes: 300,
    os: ["AlmaLinux", "9.4"], platform: "x86_64", software: [apptainer, cvmfs("atlas.cern.ch")],
    storage: [{ url: "davs://dcache-desy-webdav.desy.de:2880", protocols: ["https", "webdav", "xroot"], latency: "online", totalTb: 15000, freeTb: 2600 }],
    maxWallHours: 48,
  },
  {
    id: "CERN-PROD", officialName: "CERN Tier-0", ngi: "CERN", country: "CH",
    latitude: 46.2333, longitude: 6.05, kind: "HTC", host: "cern.ch", scopes: ["EGI", "wlcg", "tier0"],
    vos: [VO.atlas, VO.cms, VO.ops], ce: "htcondorce", cpus: 64, memoryGb: 256, nodes: 2000,
    os: ["AlmaLinux", "9.4"], software: [apptainer, cvmfs("atlas.cern.ch"), cvmfs("cms.cern.ch")],
    storage: [{ url: "root://eospublic.cern.ch:1094", protocols: ["xroot", "https"], latency: "online", totalTb: 400000, freeTb: 40000 }],
    maxWallHours: 48,
  },
  {
    id: "CERN-ARM", officialName: "CERN aarch64 test queue", ngi: "CERN", country: "CH",
    latitude: 46.2333, longitude: 6.05, kind: "HTC", host: "arm.cern.ch", scopes: ["EGI", "wlcg"], infrastructure: "Test",
    certificationStatus: "Candidate", vos: [VO.atlas, VO.cms, VO.ops, VO.lofar], ce: "htcondorce", cpus: 80, memoryGb: 256, nodes: 20,
    platform: "aarch64", os: ["AlmaLinux", "9.4"], software: [apptainer], maxWallHours: 24,
  },
  {
    id: "UKI-NORTHGRID-MAN-HEP", officialName: "University of Manchester HEP", ngi: "NGI_UK", country: "GB",
    latitude: 53.4668, longitude: -2.2339, kind: "HTC", host: "tier2.hep.manchester.ac.uk", scopes: ["EGI", "wlcg"],
    vos: [VO.atlas, VO.lofar, VO.ops], ce: "arc", cpus: 32, memoryGb: 128, nodes: 220,
    os: ["Rocky", "9.3"], software: [apptainer, cvmfs("atlas.cern.ch")], maxWallHours: 72,
  },
  {
    id: "BEgrid-ULB-VUB", officialName: "BEgrid ULB-VUB Brussels", ngi: "NGI_BE", country: "BE",
    latitude: 50.8222, longitude: 4.3952, kind: "HTC", host: "iihe.ac.be", scopes: ["EGI", "wlcg"], certificationStatus: "Suspended",
    vos: [VO.cms, VO.ops], ce: "htcondorce", cpus: 32, memoryGb: 128, nodes: 90,
    os: ["AlmaLinux", "9.2"], software: [apptainer, cvmfs("cms.cern.ch")], maxWallHours: 48,
  },
  {
    id: "GRNET-OPENSTACK", officialName: "GRNET OpenStack FedCloud", ngi: "NGI_GRNET", country: "GR",
    latitude: 37.9838, longitude: 23.7275, kind: "CLOUD", host: "cloud.grnet.gr", scopes: ["EGI", "FedCloud"],
    vos: [VO.access, VO.biomed, VO.ops], ce: "openstack", cpus: 32, memoryGb: 128, nodes: 80,
    os: ["Ubuntu", "22.04"], software: [["docker", "26.1"]], maxWallHours: 720,
  },
  {
    id: "IISAS-FedCloud", officialName: "Institute of Informatics SAS FedCloud", ngi: "NGI_SK", country: "SK",
    latitude: 48.1704, longitude: 17.0703, kind: "CLOUD", host: "ui.sav.sk", scopes: ["EGI", "FedCloud"],
    vos: [VO.access, VO.biomed, VO.process, VO.ops], ce: "openstack", cpus: 24, memoryGb: 96, nodes: 30,
    os: ["Ubuntu", "22.04"], gpu: { model: "NVIDIA Tesla V100", count: 2, nodes: 4 }, software: [["docker", "26.1"]],
    maxWallHours: 720,
  },
  {
    id: "SURF-SNELLIUS", officialName: "SURF Snellius national supercomputer", ngi: "NGI_NL", country: "NL",
    latitude: 52.3563, longitude: 4.9528, kind: "HPC", host: "snellius.surf.nl", scopes: ["EuroHPC", "PRACE"],
    vos: [VO.lofar, VO.process, VO.ops], ce: "slurm", cpus: 128, memoryGb: 256, nodes: 1200,
    os: ["Rocky", "8.9"], gpu: { model: "NVIDIA H100 94GB", count: 4, nodes: 88 }, software: [apptainer, ["WSClean", "3.5"], ["DP3", "6.2"], ["CUDA", "12.4"]],
    maxWallHours: 120,
  },
  {
    id: "LRZ-SUPERMUC", officialName: "Leibniz Supercomputing Centre SuperMUC-NG", ngi: "NGI_DE", country: "DE",
    latitude: 48.2623, longitude: 11.6681, kind: "HPC", host: "lrz.de", scopes: ["PRACE", "EuroHPC"],
    vos: [VO.lofar, VO.ops], ce: "slurm", cpus: 48, memoryGb: 96, nodes: 6336,
    os: ["SLES", "15.5"], software: [apptainer], maxWallHours: 48,
  },
  {
    id: "BSC-MN5", officialName: "Barcelona Supercomputing Center MareNostrum 5", ngi: "NGI_IBERGRID", country: "ES",
    latitude: 41.3893, longitude: 2.1155, kind: "HPC", host: "bsc.es", scopes: ["EuroHPC"],
    vos: [VO.process, VO.ops], ce: "slurm", cpus: 112, memoryGb: 256, nodes: 6408,
    os: ["RedHat", "9.2"], gpu: { model: "NVIDIA H100 64GB", count: 4, nodes: 1120 }, software: [apptainer, ["CUDA", "12.4"]],
    maxWallHours: 72,
  },
  {
    id: "CINECA-LEONARDO", officialName: "CINECA Leonardo", ngi: "NGI_IT", country: "IT",
    latitude: 44.5227, longitude: 11.3586, kind: "HPC", host: "leonardo.cineca.it", scopes: ["EuroHPC"],
    vos: [VO.lofar, VO.process, VO.ops], ce: "slurm", cpus: 32, memoryGb: 512, nodes: 3456,
    os: ["RedHat", "8.7"], gpu: { model: "NVIDIA A100 64GB", count: 4, nodes: 3456 }, software: [apptainer, ["CUDA", "12.1"]],
    maxWallHours: 24,
  },
  {
    id: "CSC-LUMI", officialName: "CSC LUMI supercomputer", ngi: "NGI_FI", country: "FI",
    latitude: 64.2244, longitude: 27.7289, kind: "HPC", host: "lumi.csc.fi", scopes: ["EuroHPC"],
    vos: [VO.eiscat, VO.lofar, VO.ops], ce: "slurm", cpus: 128, memoryGb: 256, nodes: 2978,
    os: ["SLES", "15.5"], gpu: { model: "AMD Instinct MI250X", count: 4, nodes: 2978 }, software: [apptainer, ["ROCm", "6.0"]],
    maxWallHours: 48,
  },
  {
    id: "IT4I-KAROLINA", officialName: "IT4Innovations Karolina", ngi: "NGI_CZ", country: "CZ",
    latitude: 49.8349, longitude: 18.1623, kind: "HPC", host: "karolina.it4i.cz", scopes: ["EuroHPC"],
    vos: [VO.process, VO.ops], ce: "slurm", cpus: 128, memoryGb: 256, nodes: 720,
    os: ["Rocky", "8.9"], gpu: { model: "NVIDIA A100 40GB", count: 8, nodes: 72 }, software: [apptainer], maxWallHours: 48,
  },
];
