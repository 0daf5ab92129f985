/**
 * Which local account a job runs as at an endpoint: the workshop's "HPC token translation".
 * A mapping per endpoint, most specific first:
 *   "<vo> <subject>"  one person in one VO
 *   "<subject>"       one person, whatever the VO
 *   "<vo>"            everyone in a VO
 *   "*"               everyone else
 * Without a match, one account per VO: its first name part without "vo." (vo.lofar.eu -> lofar).
 */
export type AccountMapping = Record<string, string>;

export function defaultAccountForVo(vo: string): string {
  const first = vo.replace(/^vo\./, "").split(".")[0] ?? vo;
  return (
    first
      .toLowerCase()
      .replace(/[^a-z0-9_-]/g, "_")
      .slice(0, 32) || "grid"
  );
}

export function accountFor(
  mapping: AccountMapping | undefined,
  vo: string,
  subject: string,
): {
  account: string;
  rule: string;
} {
  for (const key of [`${vo} ${subject}`, subject, vo, "*"])
    if (mapping?.[key])
      return { account: mapping[key], rule: key === "*" ? "the endpoint's default" : `'${key}'` };
  return { account: defaultAccountForVo(vo), rule: "one account per VO" };
}
