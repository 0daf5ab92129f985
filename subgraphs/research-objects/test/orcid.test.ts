import { isValidOrcid } from "../src/domain/research-object.service";
import { orcidFromNumber } from "../../../seeds/data/catalogue";

describe("ORCID iD validation (ISO 7064 11,2 check digit)", () => {
  it.each([
    ["0000-0002-1825-0097", true], // Josiah Carberry, ORCID's own example
    ["0000-0001-5109-3700", true],
    ["0000-0002-1694-233X", true], // check digit X
    ["0000-0002-1825-0098", false], // wrong check digit
    ["0000-0002-1825-009", false],
    ["0000000218250097", false], // no hyphens
    ["https://orcid.org/0000-0002-1825-0097", false],
  ])("%s -> %s", (orcid, valid) => {
    expect(isValidOrcid(orcid)).toBe(valid);
  });

  it("accepts the ORCID iDs the seeds generate", () => {
    for (const n of [1, 2_000_000_000_101, 5_000_000_000_505])
      expect(isValidOrcid(orcidFromNumber(n))).toBe(true);
  });
});
