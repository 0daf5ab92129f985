import type { IncomingMessage, ServerResponse } from "node:http";
import type { EntityManager } from "@mikro-orm/postgresql";
import Negotiator from "negotiator";
import yazl from "yazl";
import { andVisible, readOnlyRouteId, sendJsonError, type Access, type Database } from "@gridgraph/kit";
import { PublicationService } from "../domain/publication.service";
import { visibleResearchObjectFilter } from "../domain/research-object.policy";
import { ResearchObject, ResearchObjectState } from "../entities";
import type { ResearchObjectsRuntime } from "../runtime";
import { citationsOf } from "../publish/citation";
import { dataciteAttributes } from "../publish/datacite-metadata";
import { itemsHtml, landingHtml } from "../publish/landing-page";
import { doiUrl, orcidUrl, spdxUrl } from "../publish/publication";
import type { RenderedPublication } from "../publish/published-cache";
import { crateDocument, crateJsonChunks } from "../publish/ro-crate";

const HTML = "text/html";
const CRATE = "application/ld+json";
const DATACITE = "application/vnd.datacite.datacite+json";
const BIBTEX = "application/x-bibtex";
/** What GET /ro/<id> can answer with, the page first (the default for browsers and `*\/*`). */
const OFFERED = [HTML, CRATE, DATACITE, BIBTEX, "application/json"];
const FILES: Record<string, string> = {
  "ro-crate-metadata.json": CRATE,
  "datacite.json": DATACITE,
  "citation.bib": BIBTEX,
  "ro-crate.zip": "application/zip",
};
/** Signposting `item` links at most; the crate lists every item. */
const MAX_ITEM_LINKS = 50;

/**
 * The research objects service's own HTTP routes, reached through the gateway (the URL a DOI
 * resolves to is <PUBLIC_BASE_URL>/ro/<id>):
 *   GET /ro/<id>                         the landing page; content negotiation gives the crate
 *                                        (application/ld+json), the DataCite JSON
 *                                        (application/vnd.datacite.datacite+json) or BibTeX
 *                                        (application/x-bibtex); FAIR Signposting Link headers
 *   GET /ro/<id>/ro-crate-metadata.json  the RO-Crate, streamed
 *   GET /ro/<id>/ro-crate.zip            the crate with the landing page as ro-crate-preview.html
 *   GET /ro/<id>/datacite.json           the DataCite attributes
 *   GET /ro/<id>/citation.bib            BibTeX
 * HEAD works on each. Published versions are public and rendered once (PublishedCache); a
 * LIVE one is seen by whom the research object policy lets see it, rendered as that viewer.
 */
export function landingRoutes(db: Database, runtime: ResearchObjectsRuntime) {
  return async (
    req: IncomingMessage,
    res: ServerResponse,
    accessOf: (req: IncomingMessage) => Promise<Access>,
  ): Promise<boolean> => {
    const url = new URL(req.url ?? "/", "http://localhost");
    const match = /^\/ro\/([^/]+)(?:\/([^/]+))?$/.exec(url.pathname);
    if (!match) return false;
    const id = readOnlyRouteId(req, res, match[1], ["GET", "HEAD"]);
    if (id === null) return true;
    const file = match[2];
    if (file !== undefined && !FILES[file]) {
      sendJsonError(
        res,
        404,
        "NOT_FOUND",
        `No such file: '${file}'. There are ${Object.keys(FILES).join(", ")}.`,
      );
      return true;
    }
    const access = await accessOf(req);
    const em = db.orm.em.fork() as EntityManager;
    const ro = await em.findOne(ResearchObject, andVisible({ id }, visibleResearchObjectFilter(access)));
    if (!ro) {
      sendJsonError(
        res,
        404,
        "NOT_FOUND",
        `Research object '${id}' does not exist (or is not visible to you).`,
      );
      return true;
    }
    const wanted = file ? FILES[file] : new Negotiator(req).mediaType(OFFERED);
    if (!wanted) {
      res.setHeader("vary", "Accept");
      sendJsonError(
        res,
        406,
        "NOT_ACCEPTABLE",
        `Research object '${id}' is available as ${OFFERED.join(", ")}.`,
      );
      return true;
    }
    const service = new PublicationService(em, access, runtime);
    const published = ro.state !== ResearchObjectState.LIVE;
    const rendered = published
      ? await runtime.published.get(ro.id, () => render(service, ro, null))
      : await render(service, ro, access.viewer);
    const landingUrl = service.landingUrl(ro.id);
    const headers: Record<string, string> = {
      "cache-control": published ? "public, max-age=300" : "private, no-store",
    };
    if (!file) {
      headers.vary = "Accept";
      headers.link = signposting(ro, landingUrl, rendered);
    }
    const head = req.method === "HEAD";
    const send = (type: string, body: string, extra: Record<string, string> = {}) => {
      res.writeHead(200, {
        ...headers,
        ...extra,
        "content-type": type,
        "content-length": String(Buffer.byteLength(body)),
      });
      res.end(head ? undefined : body);
    };
    switch (wanted) {
      case HTML:
        send("text/html; charset=utf-8", await pageOf(em, ro, landingUrl, rendered));
        break;
      case CRATE:
      case "application/json":
        // Streamed: a crate of thousands of datasets starts arriving at once.
        res.writeHead(200, {
          ...headers,
          "content-type": `${CRATE}; profile="https://w3id.org/ro/crate"`,
          "content-length": String(Buffer.byteLength(rendered.crateJson)),
        });
        if (head) res.end();
        else streamText(res, rendered.crateJson);
        break;
      case DATACITE:
        send(DATACITE, rendered.dataciteJson);
        break;
      case BIBTEX:
        send(`${BIBTEX}; charset=utf-8`, `${rendered.citations.bibtex}\n`);
        break;
      case "application/zip": {
        res.writeHead(200, {
          ...headers,
          "content-type": "application/zip",
          "content-disposition": `attachment; filename="ro-crate-${ro.id}.zip"`,
        });
        if (head) {
          res.end();
          break;
        }
        const zip = new yazl.ZipFile();
        zip.addBuffer(Buffer.from(rendered.crateJson), "ro-crate-metadata.json");
        zip.addBuffer(Buffer.from(await pageOf(em, ro, landingUrl, rendered)), "ro-crate-preview.html");
        zip.end();
        zip.outputStream.pipe(res);
        break;
      }
    }
    return true;
  };
}

/** Writes a long text in pieces, waiting when the client is slower than us. */
function streamText(res: ServerResponse, text: string) {
  const CHUNK = 64 * 1024;
  let offset = 0;
  const pump = () => {
    while (offset < text.length) {
      const piece = text.slice(offset, offset + CHUNK);
      offset += CHUNK;
      if (!res.write(piece)) return void res.once("drain", pump);
    }
    res.end();
  };
  pump();
}

/** The crate, DataCite JSON and citations of a version: frozen when it was snapshotted, or built now. */
async function render(
  service: PublicationService,
  ro: ResearchObject,
  viewer: Access["viewer"],
): Promise<RenderedPublication> {
  const frozen = await service.frozenOf(ro);
  let crate: { "@context": unknown; "@graph": Record<string, unknown>[] };
  let datacite: Record<string, unknown>;
  if (frozen) {
    crate = frozen.crate as typeof crate;
    datacite = frozen.datacite;
  } else {
    const publication = await service.publicationOf(ro, viewer);
    crate = crateDocument(publication);
    datacite = dataciteAttributes(publication);
  }
  return {
    crateJson: [...crateJsonChunks(crate)].join(""),
    dataciteJson: JSON.stringify(datacite),
    citations: citationsOf({ ro, publisher: service.publisher, landingUrl: service.landingUrl(ro.id) }),
    itemsHtml: itemsHtml(crate as never),
    itemLinks: itemLinks(crate),
  };
}

/** Signposting `item` links: the items with a web address, at most MAX_ITEM_LINKS. */
function itemLinks(crate: { "@graph": Record<string, unknown>[] }): string[] {
  const root = crate["@graph"].find((e) => e["@id"] === "./");
  const parts = ((root?.hasPart as { "@id": string }[] | undefined) ?? []).map((p) => p["@id"]);
  const byId = new Map(crate["@graph"].map((e) => [e["@id"], e]));
  return parts
    .filter((p) => /^https?:\/\//.test(p))
    .slice(0, MAX_ITEM_LINKS)
    .map((id) => {
      const type = byId.get(id)?.encodingFormat;
      // A replica's path is the registrant's text: what would break the header is escaped.
      const target = id.replace(/[^\x21-\x7e]|[<>"]/g, (c) => encodeURIComponent(c));
      return `<${target}>; rel="item"${typeof type === "string" && /^[\w.+-]+\/[\w.+-]+$/.test(type) ? `; type="${type}"` : ""}`;
    });
}

async function pageOf(
  em: EntityManager,
  ro: ResearchObject,
  landingUrl: string,
  rendered: RenderedPublication,
) {
  const versions = await em.find(
    ResearchObject,
    { lineageId: ro.lineageId, state: { $ne: ResearchObjectState.LIVE } },
    { fields: ["id", "version", "doi", "state", "publishedAt"], orderBy: { version: "asc" } },
  );
  return landingHtml({
    ...ro,
    landingUrl,
    versions,
    itemsHtml: rendered.itemsHtml,
    citations: rendered.citations,
  });
}

/**
 * FAIR Signposting (https://signposting.org/FAIR/): the links a machine needs to find the
 * persistent identifier, the metadata, the items, the licence and the authors.
 */
function signposting(ro: ResearchObject, landingUrl: string, rendered: RenderedPublication): string {
  const links: string[] = [];
  if (ro.doi) links.push(`<${doiUrl(ro.doi)}>; rel="cite-as"`);
  links.push(
    `<${landingUrl}/ro-crate-metadata.json>; rel="describedby"; type="application/ld+json"; profile="https://w3id.org/ro/crate"`,
    `<${landingUrl}/datacite.json>; rel="describedby"; type="${DATACITE}"`,
    `<https://schema.org/AboutPage>; rel="type"`,
    `<https://schema.org/Dataset>; rel="type"`,
  );
  if (ro.licence) links.push(`<${spdxUrl(ro.licence)}>; rel="license"`);
  for (const c of ro.creators) if (c.orcid) links.push(`<${orcidUrl(c.orcid)}>; rel="author"`);
  links.push(...rendered.itemLinks);
  return links.join(", ");
}
