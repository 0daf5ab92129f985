import fs from "node:fs";

type Library = {
  ROCrate: new (json: object, config: object) => unknown;
  Checker: new (crate: unknown) => {
    check(): Promise<void>;
    checklist: { name: string; status: boolean }[];
    isROCrate: boolean;
  };
  Validator: new (crate: null) => {
    parseJSON(json: unknown): void;
    validate(): Promise<boolean>;
    results: { status: string; message: string }[];
  };
};
let library: Library | undefined;

/**
 * The `ro-crate` library, loaded so that its context check works offline: it fetches the
 * crate's @context to see that it is the RO-Crate context, and w3id.org is not reachable
 * here. Its modules keep the `fetch` they find when loaded, so a fetch that answers that one
 * URL with the context the library itself ships (RO-Crate 1.2) is installed first (the only
 * outer edge replaced; every other request goes out as usual), then the library is loaded
 * afresh.
 */
function load(): Library {
  if (library) return library;
  const context = fs.readFileSync(require.resolve("ro-crate/lib/context.json"), "utf8");
  const realFetch = globalThis.fetch;
  globalThis.fetch = (async (input: string | URL | Request, init?: RequestInit) => {
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    if (url.startsWith("https://w3id.org/ro/crate/"))
      return new Response(context, { headers: { "content-type": "application/ld+json" } });
    return realFetch(input, init);
  }) as typeof fetch;
  jest.isolateModules(() => {
    library = {
      ...(require("ro-crate") as Pick<Library, "ROCrate" | "Checker">),
      Validator: (require("ro-crate/lib/validator") as Pick<Library, "Validator">).Validator,
    };
  });
  return library!;
}

/** The ro-crate library's Validator and Checker on a crate: errors, warnings and failed checks. */
export async function checkCrate(crate: unknown) {
  const { ROCrate, Checker, Validator } = load();
  const validator = new Validator(null);
  validator.parseJSON(structuredClone(crate));
  await validator.validate();
  const checker = new Checker(new ROCrate(structuredClone(crate) as object, { array: true, link: true }));
  await checker.check();
  return {
    errors: validator.results.filter((r) => r.status === "error"),
    warnings: validator.results.filter((r) => r.status === "warning"),
    isROCrate: checker.isROCrate,
    failedChecks: checker.checklist.filter((c) => !c.status).map((c) => c.name),
  };
}
