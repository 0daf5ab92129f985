import { DoiState } from "../entities";
import type { DataciteSettings } from "../config";
import { doiRequest, type DataciteProblem } from "./datacite-check";
import { DoiTakenError, MintError, type DoiMinter } from "./minter";

const MEDIA_TYPE = "application/vnd.api+json";
const STATE: Record<string, DoiState> = {
  draft: DoiState.DRAFT,
  registered: DoiState.REGISTERED,
  findable: DoiState.FINDABLE,
};

interface DoiAnswer {
  data?: {
    id: string;
    attributes: { doi: string; state: string; url?: string | null };
    relationships?: { client?: { data?: { id: string } } };
  };
  errors?: { source?: string; title?: string; status?: string }[];
}

/**
 * DataCite's REST API (JSON:API): `POST /dois` reserves a draft, `PUT /dois/<doi>` with
 * `event: publish` makes it findable; HTTP Basic with the repository's id and password.
 * DataCite answers 422 with `errors: [{source, title}]` when it refuses; those are passed on
 * as they are. A DOI taken by a draft of ours with the same URL is a retry, not a clash.
 */
export class DataciteClient implements DoiMinter {
  readonly description: string;

  constructor(
    private readonly settings: DataciteSettings,
    readonly prefix: string,
  ) {
    this.description = `DataCite at ${settings.url}`;
  }

  private async call(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; answer: DoiAnswer }> {
    let response: Response;
    try {
      response = await fetch(`${this.settings.url}${path}`, {
        method,
        headers: {
          accept: MEDIA_TYPE,
          ...(body ? { "content-type": MEDIA_TYPE } : {}),
          authorization: `Basic ${Buffer.from(`${this.settings.repositoryId}:${this.settings.password}`).toString("base64")}`,
        },
        body: body ? JSON.stringify(body) : undefined,
        signal: AbortSignal.timeout(30_000),
      });
    } catch (error) {
      throw new MintError(`${this.description} cannot be reached: ${(error as Error).message}`, [], true);
    }
    const answer = ((await response.json().catch(() => ({}))) ?? {}) as DoiAnswer;
    return { status: response.status, answer };
  }

  private refusal(status: number, answer: DoiAnswer, what: string): MintError {
    const problems: DataciteProblem[] = (answer.errors ?? []).map((e) => ({
      source: e.source ?? "",
      title: e.title ?? `HTTP ${status}`,
    }));
    const words = problems.map((p) => (p.source ? `${p.source}: ${p.title}` : p.title)).join("; ");
    const why =
      status === 401 || status === 403
        ? `DataCite refused the repository's credentials (HTTP ${status}${words ? `: ${words}` : ""})`
        : `DataCite answered HTTP ${status}${words ? `: ${words}` : ""}`;
    return new MintError(`${what} failed. ${why}.`, problems, status >= 500 || status === 429);
  }

  async reserve(doi: string, url: string): Promise<void> {
    const { status, answer } = await this.call("POST", "/dois", doiRequest({ doi, url }));
    if (status === 201 || status === 200) return;
    const taken = status === 422 && answer.errors?.some((e) => /taken/i.test(e.title ?? ""));
    if (!taken) throw this.refusal(status, answer, `Reserving ${doi}`);
    // Taken: ours when our repository holds it with the same URL (an earlier attempt).
    const existing = await this.call("GET", `/dois/${encodeURIComponent(doi)}`);
    const client = existing.answer.data?.relationships?.client?.data?.id;
    const mine =
      existing.status === 200 &&
      (!client || client.toLowerCase() === this.settings.repositoryId.toLowerCase()) &&
      (existing.answer.data?.attributes.url ?? url) === url;
    if (!mine) throw new DoiTakenError(`${doi} is already taken at DataCite.`);
  }

  async publish(doi: string, attributes: Record<string, unknown>): Promise<DoiState> {
    const { status, answer } = await this.call(
      "PUT",
      `/dois/${encodeURIComponent(doi)}`,
      doiRequest({ ...attributes, doi, event: "publish" }),
    );
    if (status !== 200 && status !== 201) throw this.refusal(status, answer, `Publishing ${doi}`);
    return STATE[answer.data?.attributes.state ?? "findable"] ?? DoiState.FINDABLE;
  }
}
