import { ConfigReader, DEFAULT_PORTS, type GatewayClient } from "@gridgraph/kit";

/** DataCite's REST API and the repository's credentials (DataCite Fabrica: the repository account). */
export interface DataciteSettings {
  /** e.g. https://api.test.datacite.org (test) or https://api.datacite.org */
  url: string;
  repositoryId: string;
  password: string;
}

/** How research objects are published; read once at start (README: configuration). */
export interface ResearchObjectsSettings {
  /** How the service asks the graph as a user (decision 0015); unset: from RESEARCH_OBJECTS_DELEGATION_PRIVATE_JWK. */
  gateway?: GatewayClient;
  /** DOI prefix: the repository's own (DataCite's test service gives each repository a test prefix). */
  doiPrefix: string;
  /** DataCite's REST API; unset: the embedded minter (a table, same states, `doiPrefix`). */
  datacite: DataciteSettings | null;
  /** DataCite `publisher`: who makes the research objects available. */
  publisher: string;
  /** Public base URL of the gateway: landing pages are `<landingBaseUrl>/ro/<id>`, the URL a DOI resolves to. */
  landingBaseUrl: string;
}

export function readResearchObjectsSettings(env = process.env): ResearchObjectsSettings {
  const config = new ConfigReader("research-objects", env);
  const doiPrefix = config.string("DOI_PREFIX", "10.5072");
  if (!/^10\.\d{4,9}$/.test(doiPrefix))
    config.problem(`DOI_PREFIX must look like 10.1234; got '${doiPrefix}'`);
  const dataciteUrl = config.isSet("DATACITE_URL") ? config.url("DATACITE_URL", "") : undefined;
  const repositoryId = config.raw("DATACITE_REPOSITORY_ID");
  const password = config.raw("DATACITE_PASSWORD");
  if (dataciteUrl && (!repositoryId || !password))
    config.problem("DATACITE_URL needs DATACITE_REPOSITORY_ID and DATACITE_PASSWORD");
  const gatewayPort = config.port("GATEWAY_PORT", DEFAULT_PORTS.gateway);
  const landingBaseUrl = config.url("PUBLIC_BASE_URL", `http://127.0.0.1:${gatewayPort}`).replace(/\/+$/, "");
  const settings: ResearchObjectsSettings = {
    doiPrefix,
    datacite:
      dataciteUrl && repositoryId && password
        ? { url: dataciteUrl.replace(/\/+$/, ""), repositoryId, password }
        : null,
    publisher: config.string("RO_PUBLISHER", "gridgraph"),
    landingBaseUrl,
  };
  config.done();
  return settings;
}
