/**
 * Reading what a site publishes straight from its source instead of a file: a BDII over LDAP
 * (`ldap://site-bdii.example.org:2170`, base `o=glue` unless the URL or --base names another),
 * or a GOCDB programmatic-interface URL over HTTP(S) (`https://goc.egi.eu/gocdbpi/public/
 * ?method=get_site&sitename=X`). Either gives the document text the import then reads; a source
 * that is down or too slow is an error naming it, and nothing is imported. Used by the import
 * CLI (`--from`) and by the sites service's harvest schedule (harvest.service.ts).
 */
import { Client } from "ldapts";
import { formatLdif } from "./ldif";

export class HarvestFailed extends Error {}

/** Largest document a harvest reads (a BDII of a big site is a few MB). */
const MAX_BYTES = 128 * 1024 * 1024;

export async function harvest(
  source: string,
  options: { base?: string; timeoutMs?: number } = {},
): Promise<string> {
  let url: URL;
  try {
    url = new URL(source);
  } catch {
    throw new HarvestFailed(`--from must be an ldap://, ldaps://, http:// or https:// URL; got '${source}'.`);
  }
  const timeoutMs = options.timeoutMs ?? 60_000;
  if (url.protocol === "ldap:" || url.protocol === "ldaps:") {
    const base = options.base ?? (decodeURIComponent(url.pathname.replace(/^\//, "")) || "o=glue");
    const client = new Client({
      url: `${url.protocol}//${url.host}`,
      timeout: timeoutMs,
      connectTimeout: timeoutMs,
    });
    try {
      // BDIIs answer anonymous reads; a site-wide dump is everything under the base.
      const { searchEntries } = await client.search(base, {
        scope: "sub",
        filter: "(objectClass=*)",
        sizeLimit: 0,
      });
      const entries = searchEntries.map(({ dn, ...attributes }) => ({
        dn,
        attributes: Object.fromEntries(
          Object.entries(attributes).map(([name, value]) => [
            name,
            (Array.isArray(value) ? value : [value]).map((v) =>
              Buffer.isBuffer(v) ? v.toString("utf8") : String(v),
            ),
          ]),
        ),
      }));
      return formatLdif(entries);
    } catch (error) {
      throw new HarvestFailed(
        `The BDII at ${url.host} (base ${base}) did not answer: ${(error as Error).message}`,
      );
    } finally {
      await client.unbind().catch(() => undefined);
    }
  }
  if (url.protocol === "http:" || url.protocol === "https:") {
    let response: Response;
    try {
      response = await fetch(url, {
        signal: AbortSignal.timeout(timeoutMs),
        headers: { accept: "application/xml, application/json, text/plain" },
      });
    } catch (error) {
      throw new HarvestFailed(
        `${url.origin} did not answer: ${(error as Error).cause ?? (error as Error).message}`,
      );
    }
    if (!response.ok)
      throw new HarvestFailed(`${url.origin} answered ${response.status} ${response.statusText}.`);
    const length = Number(response.headers.get("content-length") ?? 0);
    if (length > MAX_BYTES)
      throw new HarvestFailed(`${url.origin} sends ${length} bytes; at most ${MAX_BYTES} are read.`);
    const text = await response.text();
    if (text.length > MAX_BYTES) throw new HarvestFailed(`${url.origin} sent more than ${MAX_BYTES} bytes.`);
    return text;
  }
  throw new HarvestFailed(`--from must be an ldap://, ldaps://, http:// or https:// URL; got '${source}'.`);
}
