import { stagingAt, summariseBasket } from "./basket-summary";

const datasets = [
  {
    id: "a",
    title: "A",
    sizeBytes: 1000,
    replicas: [
      { state: "ONLINE", site: { id: "SARA-MATRIX" } },
      { state: "NEARLINE", site: { id: "PSNC" } },
    ],
  },
  { id: "b", title: "B", sizeBytes: 500, replicas: [{ state: "ONLINE", site: { id: "SARA-MATRIX" } }] },
  { id: "c", title: "C", sizeBytes: 250, replicas: [{ state: "NEARLINE", site: { id: "SARA-MATRIX" } }] },
];

describe("the basket", () => {
  it("sums sizes and says per site how many datasets are there, on disk and on tape", () => {
    const summary = summariseBasket(datasets);
    expect(summary.totalBytes).toBe(1750);
    expect(summary.sites).toEqual([
      { siteId: "SARA-MATRIX", datasets: 3, online: 2, nearline: 1 },
      { siteId: "PSNC", datasets: 1, online: 0, nearline: 1 },
    ]);
    expect(summary.sitesWithAllOnline).toEqual([]);
    expect(summariseBasket(datasets.slice(0, 2)).sitesWithAllOnline).toEqual(["SARA-MATRIX"]);
  });

  it("shows before submitting what running at a site needs: ready, staged from tape, or transferred", () => {
    expect(stagingAt("SARA-MATRIX", datasets).map((s) => s.need)).toEqual(["ready", "ready", "staging"]);
    expect(stagingAt("PSNC", datasets).map((s) => s.need)).toEqual(["staging", "transfer", "transfer"]);
  });
});
