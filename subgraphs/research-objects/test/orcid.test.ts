import { isValidOrcid } from "../src/domain/orcid";

/** Real iDs from ORCID's own documentation ("Structure of the ORCID Identifier"). */
const REAL_ORCIDS = ["0000-0002-1825-0097", "0000-0001-5109-3700", "0000-0002-1694-233X"];

describe("ORCID iD validation (ISO 7064 MOD 11-2 check digit)", () => {
  it.each([
    ["0000-0002-1825-0097", true], // Josiah Carberry, ORCID's own example
    ["0000-0001-5109-3700", true],
    ["0000-0002-1694-233X", true], // check digit X
    ["0000-0002-1825-0098", false], // wrong check digit
    ["0000-0002-1825-009", false],
    ["0000000218250097", false], // no hyphens
    ["https://orcid.org/0000-0002-1825-0097", false],
    ["0000-0002-1694-233x", false], // the check character is an upper-case X
  ])("%s -> %s", (orcid, valid) => {
    expect(isValidOrcid(orcid)).toBe(valid);
  });

  // MOD 11-2 catches every single-character typo and every swap of two neighbours.
  it.each(REAL_ORCIDS)("refuses every single-digit typo of %s", (orcid) => {
    const positions = [...orcid].flatMap((ch, i) => (ch === "-" ? [] : [i]));
    for (const i of positions) {
      for (const replacement of "0123456789X") {
        if (replacement === orcid[i] || (replacement === "X" && i !== orcid.length - 1)) continue;
        const typo = orcid.slice(0, i) + replacement + orcid.slice(i + 1);
        expect([typo, isValidOrcid(typo)]).toEqual([typo, false]);
      }
    }
  });

  it.each(REAL_ORCIDS)("refuses swapped neighbouring digits of %s", (orcid) => {
    const digits = orcid.replace(/-/g, "");
    for (let i = 0; i < digits.length - 1; i++) {
      if (digits[i] === digits[i + 1]) continue;
      const swapped = digits.slice(0, i) + digits[i + 1] + digits[i] + digits.slice(i + 2);
      const typo = swapped.match(/.{4}/g)!.join("-");
      expect([typo, isValidOrcid(typo)]).toEqual([typo, false]);
    }
  });
});
