import { changedFields, conflictDiff, rebase } from "./conflict";

const fields = ["maxSlotsPerJob", "maxWallTime", "vos", "servingState"];
const original = { maxSlotsPerJob: 32, maxWallTime: 86400, vos: ["vo.lofar.eu"], servingState: "PRODUCTION" };

describe("a version conflict shown as what changed", () => {
  it("lists the fields someone else changed, and marks those both changed differently as clashes", () => {
    const current = { ...original, maxWallTime: 90000, vos: ["vo.lofar.eu", "vo.eiscat.se"], version: 4 };
    const mine = { ...original, maxSlotsPerJob: 48, vos: ["vo.eiscat.se"] };
    expect(conflictDiff(original, current, mine, fields)).toEqual([
      { field: "maxWallTime", original: 86400, current: 90000, mine: 86400, clash: false },
      {
        field: "vos",
        original: ["vo.lofar.eu"],
        current: ["vo.lofar.eu", "vo.eiscat.se"],
        mine: ["vo.eiscat.se"],
        clash: true,
      },
    ]);
  });

  it("re-applies only the user's own changes on the new version", () => {
    const current = { ...original, maxWallTime: 90000 };
    const mine = { ...original, maxSlotsPerJob: 48 };
    expect(rebase(original, current, mine, fields)).toEqual({
      ...original,
      maxWallTime: 90000,
      maxSlotsPerJob: 48,
    });
    expect(changedFields(current, rebase(original, current, mine, fields), fields)).toEqual({
      maxSlotsPerJob: 48,
    });
  });

  it("sends only what the user changed (null and undefined are the same: nothing)", () => {
    expect(changedFields({ a: null, b: 1 }, { a: undefined, b: 2 }, ["a", "b"])).toEqual({ b: 2 });
  });
});
