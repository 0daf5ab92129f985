import http from "node:http";
import type { AddressInfo } from "node:net";
import { dataciteProblems } from "../../subgraphs/research-objects/src/publish/datacite-check";

export interface StoredDoi {
  doi: string;
  state: "draft" | "registered" | "findable";
  url: string | null;
  attributes: Record<string, unknown>;
  client: string;
}

/**
 * A stand-in for DataCite's REST API (the one outer edge that cannot run here), answering as
 * DataCite documents it: JSON:API with application/vnd.api+json, HTTP Basic with the
 * repository's id and password, `POST /dois` (a draft unless `event` says otherwise),
 * `PUT /dois/<doi>` (creates or updates; `event` publish/register/hide moves the state),
 * `GET /dois/<doi>`, and 422 `{errors: [{source, title}]}` for a body that fails DataCite's
 * schema (the one written in the repository), a DOI already taken, a prefix that is not the
 * repository's, or a URL outside the repository's domains. Tests can make the next answers fail.
 */
export async function startDataciteStandIn(options: {
  repositoryId: string;
  password: string;
  prefix: string;
  /** Host names landing URLs may have (DataCite's repository "domains" setting); "*" allows all. */
  domains?: string[];
}) {
  const dois = new Map<string, StoredDoi>();
  const requests: { method: string; path: string; body: any; status: number }[] = [];
  const failures: { method: string; status: number; afterStoring: boolean }[] = [];
  let domains = options.domains ?? ["*"];

  const server = http.createServer((req, res) => {
    let raw = "";
    req.on("data", (chunk) => (raw += chunk));
    req.on("end", () => {
      const body = raw ? JSON.parse(raw) : null;
      const answer = (status: number, json: unknown) => {
        requests.push({ method: req.method!, path: req.url!, body, status });
        res.writeHead(status, { "content-type": "application/vnd.api+json" });
        res.end(JSON.stringify(json));
      };
      const errors = (status: number, list: { source?: string; title: string }[]) =>
        answer(status, { errors: list.map((e) => ({ status: String(status), ...e })) });
      const expected = `Basic ${Buffer.from(`${options.repositoryId}:${options.password}`).toString("base64")}`;
      if (req.headers.authorization !== expected) return errors(401, [{ title: "Bad credentials." }]);
      const failure = failures.findIndex((f) => f.method === req.method);
      const failing = failure >= 0 ? failures.splice(failure, 1)[0] : null;
      if (failing && !failing.afterStoring)
        return errors(failing.status, [{ title: "Internal server error" }]);

      const match = /^\/dois(?:\/(.+))?$/.exec(req.url ?? "");
      if (!match) return errors(404, [{ title: "The resource you are looking for doesn't exist." }]);
      const doiInPath = match[1] ? decodeURIComponent(match[1]).toLowerCase() : null;
      const show = (d: StoredDoi, status: number) =>
        answer(status, {
          data: {
            id: d.doi,
            type: "dois",
            attributes: { ...d.attributes, doi: d.doi, state: d.state, url: d.url },
            relationships: { client: { data: { id: options.repositoryId.toLowerCase(), type: "clients" } } },
          },
        });
      if (req.method === "GET") {
        const found = doiInPath ? dois.get(doiInPath) : undefined;
        return found
          ? show(found, 200)
          : errors(404, [{ title: "The resource you are looking for doesn't exist." }]);
      }
      if ((req.method !== "POST" || doiInPath) && (req.method !== "PUT" || !doiInPath))
        return errors(405, [{ title: "Method not allowed" }]);
      if (!String(req.headers["content-type"]).startsWith("application/vnd.api+json"))
        return errors(415, [{ title: "The content type is not recognized." }]);
      const problems = dataciteProblems(body);
      if (problems.length) return errors(422, problems);
      const attributes = body.data.attributes as Record<string, any>;
      const doi = String(doiInPath ?? attributes.doi ?? "").toLowerCase();
      if (!doi.startsWith(`${options.prefix}/`))
        return errors(422, [{ source: "doi", title: `The prefix is not allowed for this repository.` }]);
      if (attributes.url && !domains.includes("*") && !domains.includes(new URL(attributes.url).hostname))
        return errors(422, [{ source: "url", title: "URL is not allowed by repository domain settings." }]);
      const existing = dois.get(doi);
      if (req.method === "POST" && existing)
        return errors(422, [{ source: "doi", title: "This DOI has already been taken" }]);
      const { event, ...rest } = attributes;
      const state: StoredDoi["state"] =
        event === "publish"
          ? "findable"
          : event === "register" || event === "hide"
            ? "registered"
            : (existing?.state ?? "draft");
      const stored: StoredDoi = {
        doi,
        state,
        url: rest.url ?? existing?.url ?? null,
        attributes: { ...existing?.attributes, ...rest },
        client: options.repositoryId,
      };
      dois.set(doi, stored);
      if (failing) return errors(failing.status, [{ title: "Internal server error" }]);
      show(stored, existing ? 200 : 201);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    dois,
    requests,
    /** The next `method` request fails with `status`; `afterStoring`: DataCite did it but the answer was lost. */
    failNext(method: string, status = 500, afterStoring = false) {
      failures.push({ method, status, afterStoring });
    },
    allowDomains(list: string[]) {
      domains = list;
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
