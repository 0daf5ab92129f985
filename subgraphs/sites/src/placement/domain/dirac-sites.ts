import { readFileSync } from "node:fs";
import { ConfigReader } from "@gridgraph/kit";

/**
 * DIRAC site names -> registry site ids (GOCDB short names), in the shape of DIRAC's own
 * configuration, so an operator can paste the `Resources/Sites` section of their DIRAC CS:
 *
 *   { "Resources": { "Sites": { "LCG": { "LCG.IN2P3.fr": { "Name": "IN2P3-CC" } } } } }
 *
 * DIRAC_SITES_FILE names such a JSON file; without it, the mapping of the seed sites below.
 */
export type DiracSitesSection = { Resources: { Sites: Record<string, Record<string, { Name?: string }>> } };

/** The seed sites as DIRAC installations name them (LHCb's, EGI's and SURF's conventions). */
export const SEED_DIRAC_SITES: DiracSitesSection = {
  Resources: {
    Sites: {
      LCG: {
        "LCG.SARA-MATRIX.nl": { Name: "SARA-MATRIX" },
        "LCG.SARA.nl": { Name: "SARA-MATRIX" },
        "LCG.NIKHEF.nl": { Name: "NIKHEF-ELPROD" },
        "LCG.PSNC.pl": { Name: "PSNC" },
        "LCG.CYFRONET.pl": { Name: "CYFRONET-LCG2" },
        "LCG.GRIDKA.de": { Name: "FZK-LCG2" },
        "LCG.IN2P3.fr": { Name: "IN2P3-CC" },
        "LCG.GRIF.fr": { Name: "GRIF" },
        "LCG.CNAF.it": { Name: "INFN-T1" },
        "LCG.NDGF.dk": { Name: "NDGF-T1" },
        "LCG.RAL.uk": { Name: "RAL-LCG2" },
        "LCG.Manchester.uk": { Name: "UKI-NORTHGRID-MAN-HEP" },
        "LCG.CERN.cern": { Name: "CERN-PROD" },
        "LCG.CERN.ch": { Name: "CERN-PROD" },
        "LCG.DESY-HH.de": { Name: "DESY-HH" },
        "LCG.IFCA.es": { Name: "IFCA-LCG2" },
        "LCG.BEgrid.be": { Name: "BEgrid-ULB-VUB" },
        "LCG.CESNET.cz": { Name: "CESNET-MCC" },
      },
      GRID: {
        "GRID.SURF.nl": { Name: "SARA-MATRIX" },
      },
      CLOUD: {
        "CLOUD.IFCA.es": { Name: "IFCA-CLOUD" },
        "CLOUD.GRNET.gr": { Name: "GRNET-OPENSTACK" },
        "CLOUD.IISAS.sk": { Name: "IISAS-FedCloud" },
      },
      DIRAC: {
        "DIRAC.JSC.de": { Name: "FZJ-JSC" },
        "DIRAC.Snellius.nl": { Name: "SURF-SNELLIUS" },
        "DIRAC.LUMI.fi": { Name: "CSC-LUMI" },
      },
    },
  },
};

/** The mapping as a map, from a `Resources/Sites` section. */
export function diracSiteMapping(section: DiracSitesSection): Map<string, string> {
  const mapping = new Map<string, string>();
  for (const sites of Object.values(section.Resources?.Sites ?? {}))
    for (const [name, site] of Object.entries(sites ?? {})) if (site?.Name) mapping.set(name, site.Name);
  return mapping;
}

let loaded: Map<string, string> | undefined;

/** The configured mapping, read once (DIRAC_SITES_FILE, else the seed sites'). */
export function configuredDiracSites(env = process.env): Map<string, string> {
  if (loaded) return loaded;
  const config = new ConfigReader("sites", env);
  const file = config.raw("DIRAC_SITES_FILE");
  let section = SEED_DIRAC_SITES;
  if (file) {
    try {
      section = JSON.parse(readFileSync(file, "utf8")) as DiracSitesSection;
      if (!section?.Resources?.Sites) throw new Error("it has no Resources.Sites section");
    } catch (error) {
      config.problem(`DIRAC_SITES_FILE ${file} cannot be used: ${(error as Error).message}`);
    }
  }
  config.done();
  loaded = diracSiteMapping(section);
  return loaded;
}
