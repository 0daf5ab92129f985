import { filterFromParams } from "./SearchPage";

describe("a search's address", () => {
  it("becomes the graph's dataset filter: text, facets and observation dates (whole UTC days)", () => {
    const filter = filterFromParams(
      new URLSearchParams(
        "q=ELAIS-N1&level=L2&community=LOFAR&site=SARA-MATRIX&replicaState=NEARLINE&from=2024-01-01&to=2024-01-31",
      ),
    );
    expect(filter).toEqual({
      text: "ELAIS-N1",
      level: "L2",
      community: "LOFAR",
      siteIds: ["SARA-MATRIX"],
      replicaStates: ["NEARLINE"],
      observedFrom: "2024-01-01T00:00:00.000Z",
      observedTo: "2024-01-31T23:59:59.000Z",
    });
    expect(filterFromParams(new URLSearchParams("q=%20%20"))).toEqual({});
  });
});
