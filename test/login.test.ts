import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { API_RESOURCE, CLI_CLIENT_ID } from "../gateway/src/local-idp";
import { startStack, type Stack } from "../scripts/in-process-stack";
import { login } from "../scripts/login";

/**
 * A person logs in with the device flow: the CLI (openid-client) shows a code, the person
 * opens the verification page, confirms the code and signs in (here a small cookie-keeping
 * HTTP client plays the person, against the real local provider's pages), the CLI receives
 * a token, saves it privately, and the gateway accepts it.
 */
async function actAsPerson(start: string, login: string) {
  const cookies = new Map<string, string>();
  const go = async (url: string, init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    headers.set("cookie", [...cookies].map(([k, v]) => `${k}=${v}`).join("; "));
    const res = await fetch(url, { ...init, headers, redirect: "manual" });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const at = pair.indexOf("=");
      cookies.set(pair.slice(0, at), pair.slice(at + 1));
    }
    return res;
  };
  let url = start;
  let res = await go(url);
  for (let step = 0; step < 12; step++) {
    if (res.status >= 300 && res.status < 400) {
      url = new URL(res.headers.get("location")!, url).toString();
      res = await go(url);
      continue;
    }
    const html = await res.text();
    if (/Sign-in Success/.test(html)) return;
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
    if (!action) throw new Error(`stuck at ${url}: ${html.slice(0, 200)}`);
    const fields = Object.fromEntries(
      [...html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)].map((m) => [m[1], m[2]]),
    );
    if (html.includes('name="confirm"')) fields.confirm = "yes"; // "is this the code on your screen?"
    if (html.includes('name="login"')) Object.assign(fields, { login, password: "demo" }); // the sign-in form
    url = new URL(action, url).toString();
    res = await go(url, { method: "POST", body: new URLSearchParams(fields) });
  }
  throw new Error("the device flow did not finish");
}

describe("npm run login (device authorization grant)", () => {
  let stack: Stack;
  const dir = mkdtempSync(path.join(tmpdir(), "gridgraph-login-"));
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(async () => {
    await stack?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("logs a person in, stores the token privately, and the gateway accepts it", async () => {
    const tokenFile = path.join(dir, "gridgraph", "token.json");
    let shown: { code: string; uri: string } | undefined;
    let person: Promise<void> | undefined;
    const saved = await login({
      issuer: stack.idp.issuer,
      clientId: CLI_CLIENT_ID,
      scope: "openid profile email eduperson_entitlement",
      resource: API_RESOURCE,
      tokenFile,
      prompt: (uri, code, complete) => {
        shown = { uri, code };
        person = actAsPerson(complete ?? uri, "demo-erik-eiscat@egi.eu");
      },
    });
    await person;
    expect(shown?.code).toMatch(/^[A-Z]{4}-[A-Z]{4}$/);
    expect(shown?.uri).toBe(`${stack.idp.issuer}/device`);
    const stored = JSON.parse(readFileSync(tokenFile, "utf8"));
    expect(stored.access_token).toBe(saved.access_token);
    expect(statSync(tokenFile).mode & 0o777).toBe(0o600);

    const { data, errors } = await stack.query(`{ viewer { sub vos } }`, {}, { token: saved.access_token });
    expect(errors).toBeUndefined();
    expect(data.viewer).toEqual({ sub: "demo-erik-eiscat@egi.eu", vos: ["vo.eiscat.se"] });
  });
});
