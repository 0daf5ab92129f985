import type { Stack, ServiceName } from "../../scripts/in-process-stack";

/** SQL statements each subgraph sends while `work` runs. */
export async function countStatements(stack: Stack, work: () => Promise<unknown>) {
  const services = Object.keys(stack.subgraphs) as ServiceName[];
  for (const s of services) stack.subgraphs[s].db.queries.reset();
  await work();
  return Object.fromEntries(services.map((s) => [s, stack.subgraphs[s].db.queries.count])) as Record<
    ServiceName,
    number
  >;
}
