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

/** Largest document a harvest reads (a BDII of a big site is a few MB), and most entries. */
const MAX_BYTES = 128 * 1024 * 1024;
const MAX_ENTRIES = 500_000;

export async function harvest(
  source: string,
  options: { base?: string; timeoutMs?: number; maxBytes?: number; maxEntries?: number } = {},
): Promise<string> {
  const maxBytes = options.maxBytes ?? MAX_BYTES;
  const maxEntries = options.maxEntries ?? MAX_ENTRIES;
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
        // One more than the limit: ldapts hands back an answer cut at the size limit as if it
        // were whole, so getting that one more is how "too many" shows.
        sizeLimit: maxEntries + 1,
      });
      if (searchEntries.length > maxEntries)
        throw new HarvestFailed(
          `The BDII at ${url.host} (base ${base}) holds more than ${maxEntries} entries; a site's dump is read, not a top-level BDII's (name the site's base, e.g. GLUE2DomainID=<site>,o=glue).`,
        );
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
      if (error instanceof HarvestFailed) throw error;
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
    if (length > maxBytes) {
      await response.body?.cancel();
      throw new HarvestFailed(`${url.origin} sends ${length} bytes; at most ${maxBytes} are read.`);
    }
    // Counted as it arrives: a source that sends without a length, or more than it said, is
    // cut off at the limit instead of filling the service's memory.
    const chunks: Uint8Array[] = [];
    let received = 0;
    try {
      for await (const chunk of response.body ?? []) {
        received += chunk.byteLength;
        if (received > maxBytes) {
          await response.body?.cancel().catch(() => undefined);
          throw new HarvestFailed(
            `${url.origin} sent more than ${maxBytes} bytes; at most that many are read.`,
          );
        }
        chunks.push(chunk);
      }
    } catch (error) {
      if (error instanceof HarvestFailed) throw error;
      throw new HarvestFailed(`${url.origin} stopped answering: ${(error as Error).message}`);
    }
    return Buffer.concat(chunks).toString("utf8");
  }
  throw new HarvestFailed(`--from must be an ldap://, ldaps://, http:// or https:// URL; got '${source}'.`);
}
