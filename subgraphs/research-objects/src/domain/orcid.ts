/**
 * ORCID iDs: 16 characters in four hyphenated blocks, the last an ISO 7064 MOD 11-2 check
 * digit (0-9 or X) over the first 15 digits. A typo is caught here, not at DataCite.
 */
const ORCID = /^\d{4}-\d{4}-\d{4}-\d{3}[\dX]$/;

/** The check character of 15 base digits (ISO 7064 MOD 11-2, as ORCID documents it). */
export function orcidCheckDigit(baseDigits: string): string {
  let total = 0;
  for (const ch of baseDigits) total = (total + Number(ch)) * 2;
  const check = (12 - (total % 11)) % 11;
  return check === 10 ? "X" : String(check);
}

export function isValidOrcid(orcid: string): boolean {
  if (!ORCID.test(orcid)) return false;
  const digits = orcid.replace(/-/g, "");
  return digits.at(-1) === orcidCheckDigit(digits.slice(0, -1));
}
