import { gatewayClientFromEnv, type BackgroundServices, type GatewayClient } from "@gridgraph/kit";
import { readResearchObjectsSettings, type ResearchObjectsSettings } from "./config";
import { landingRoutes } from "./graphql/landing.route";
import { DataciteClient } from "./publish/datacite-client";
import { ItemGraphReader } from "./publish/item-graph";
import { LocalMinter } from "./publish/local-minter";
import type { DoiMinter } from "./publish/minter";
import { PublishedCache } from "./publish/published-cache";

/** What the research objects service's resolvers and routes share (ctx.runtime). */
export interface ResearchObjectsRuntime {
  settings: ResearchObjectsSettings;
  /** The graph as the caller (decision 0015): items are checked and read with it. */
  gateway: GatewayClient;
  reader: ItemGraphReader;
  minter: DoiMinter;
  /** Rendered crates, DataCite JSON and citations of published versions. */
  published: PublishedCache;
}

export function startResearchObjectsRuntime(services: BackgroundServices) {
  // Tests give all settings (their gateway's address is known only once it runs: a getter).
  const settings =
    (services.settings as ResearchObjectsSettings | undefined) ?? readResearchObjectsSettings();
  const gateway = settings.gateway ?? gatewayClientFromEnv("research-objects");
  const minter: DoiMinter = settings.datacite
    ? new DataciteClient(settings.datacite, settings.doiPrefix)
    : new LocalMinter(services.db, settings.doiPrefix);
  services.logger.info("research objects: DOIs from " + minter.description);
  const runtime: ResearchObjectsRuntime = {
    settings,
    gateway,
    reader: new ItemGraphReader(gateway),
    minter,
    published: new PublishedCache(),
  };
  return { runtime, routes: landingRoutes(services.db, runtime), stop: async () => {} };
}
