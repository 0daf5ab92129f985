/** What a basket holds, summed: total size, and per site how many datasets are there and how. */
export interface BasketDataset {
  id: string;
  sizeBytes: number;
  replicas: { state: string; site?: { id: string } | null }[];
}

export interface SiteHolding {
  siteId: string;
  datasets: number;
  online: number;
  nearline: number;
}

export function summariseBasket(datasets: BasketDataset[]) {
  const bySite = new Map<string, SiteHolding>();
  for (const dataset of datasets) {
    const seen = new Set<string>();
    for (const replica of dataset.replicas) {
      const siteId = replica.site?.id;
      if (!siteId) continue;
      const holding = bySite.get(siteId) ?? { siteId, datasets: 0, online: 0, nearline: 0 };
      if (!seen.has(siteId)) holding.datasets++;
      seen.add(siteId);
      if (replica.state === "ONLINE") holding.online++;
      if (replica.state === "NEARLINE") holding.nearline++;
      bySite.set(siteId, holding);
    }
  }
  return {
    totalBytes: datasets.reduce((sum, d) => sum + d.sizeBytes, 0),
    sites: [...bySite.values()].sort((a, b) => b.datasets - a.datasets || a.siteId.localeCompare(b.siteId)),
    /** Sites holding every dataset of the basket on disk: where a job needs no data moved. */
    sitesWithAllOnline: [...bySite.values()]
      .filter((s) =>
        datasets.every((d) => d.replicas.some((r) => r.site?.id === s.siteId && r.state === "ONLINE")),
      )
      .map((s) => s.siteId),
  };
}

/**
 * What running at `siteId` needs for each dataset: ready (on disk there), staging (on tape
 * there) or a transfer (not there at all), so a user sees the data movement before submitting.
 */
export function stagingAt(siteId: string, datasets: (BasketDataset & { title: string })[]) {
  return datasets.map((d) => {
    const here = d.replicas.filter((r) => r.site?.id === siteId);
    const need = here.some((r) => r.state === "ONLINE")
      ? ("ready" as const)
      : here.some((r) => r.state === "NEARLINE")
        ? ("staging" as const)
        : ("transfer" as const);
    return { id: d.id, title: d.title, need };
  });
}
