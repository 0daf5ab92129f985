import { LiveSubgraph } from "./live-subgraph.entity";
import { OperationUsage } from "./operation-usage.entity";
import { SubgraphVersion } from "./subgraph-version.entity";
import { SupergraphVersion } from "./supergraph-version.entity";

export { LiveSubgraph, OperationUsage, SubgraphVersion, SupergraphVersion };
export const entities = [SubgraphVersion, SupergraphVersion, LiveSubgraph, OperationUsage];
