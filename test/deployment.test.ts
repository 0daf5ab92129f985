import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { Deployment } from "kubernetes-models/apps/v1";
import { Job } from "kubernetes-models/batch/v1";
import { ConfigMap, Secret, Service } from "kubernetes-models/v1";
import { parse, parseAllDocuments } from "yaml";
import { DEFAULT_PORTS } from "@gridgraph/kit";
import { subgraphs } from "../scripts/subgraphs";

/**
 * docker-compose.yml cannot run on these machines (no Docker engine), so it is kept correct
 * by construction: it parses, and it names the same services, entry points and ports as the code.
 */
const root = path.join(__dirname, "..");
const compose = parse(readFileSync(path.join(root, "docker-compose.yml"), "utf8"), { merge: true });

describe("docker-compose.yml", () => {
  it("runs every subgraph from its built entry point, on its port, with its own database on the server", () => {
    for (const def of subgraphs) {
      const service = compose.services[def.name];
      expect(service).toBeDefined();
      const entry = service.command.at(-1) as string;
      expect(existsSync(path.join(root, entry.replace(/^dist\//, "").replace(/\.js$/, ".ts")))).toBe(true);
      const prefix = def.name.toUpperCase().replace(/-/g, "_");
      expect(Number(service.environment[`${prefix}_PORT`])).toBe(
        DEFAULT_PORTS[def.name as keyof typeof DEFAULT_PORTS],
      );
      expect(service.environment[`${prefix}_URL`]).toBe(
        `http://${def.name}:${DEFAULT_PORTS[def.name as keyof typeof DEFAULT_PORTS]}/graphql`,
      );
      expect(service.environment.DATABASE_SERVER_URL).toMatch(/^postgresql:\/\/.*@postgres:5432\//);
      expect(service.environment.REGISTRY_URL).toBe("http://registry:4100");
      expect(service.environment.INTERNAL_JWKS_URL).toBe("http://gateway:4000/.well-known/jwks.json");
      // It publishes with its own secret, the one the registry holds for it, from its own host.
      const registry = compose.services.registry.environment;
      expect(service.environment.REGISTRY_SECRET).toMatch(/^\$\{REGISTRY_SECRET_/);
      expect(service.environment.REGISTRY_SECRET).toBe(registry[`REGISTRY_SECRET_${prefix}`]);
      expect(registry[`REGISTRY_ALLOWED_HOSTS_${prefix}`]).toBe(def.name);
      expect(service.depends_on).toMatchObject({
        postgres: { condition: "service_healthy" },
        registry: { condition: "service_healthy" },
      });
      expect(service.healthcheck.test.join(" ")).toContain(
        `:${DEFAULT_PORTS[def.name as keyof typeof DEFAULT_PORTS]}/health`,
      );
    }
  });

  it("starts the gateway last, after every subgraph is healthy, and publishes only the gateway", () => {
    const gateway = compose.services.gateway;
    expect(Object.keys(gateway.depends_on).sort()).toEqual([...subgraphs.map((s) => s.name), "redis"].sort());
    expect(gateway.ports).toEqual(["4000:4000"]);
    expect(gateway.environment.REDIS_URL).toBe("redis://redis:6379");
    expect(gateway.environment.REGISTRY_GATEWAY_SECRET).toBe(
      compose.services.registry.environment.REGISTRY_GATEWAY_SECRET,
    );
    for (const [name, service] of Object.entries<any>(compose.services))
      if (name !== "gateway") expect([name, service.ports]).toEqual([name, undefined]);
    for (const name of ["registry", "gateway"]) {
      const entry = compose.services[name].command.at(-1) as string;
      expect(existsSync(path.join(root, entry.replace(/^dist\//, "").replace(/\.js$/, ".ts")))).toBe(true);
    }
  });

  it("keeps the registry's history in its own database on the server", () => {
    const registry = compose.services.registry;
    expect(registry.environment.DATABASE_SERVER_URL).toMatch(/^postgresql:\/\/.*@postgres:5432\//);
    expect(registry.depends_on).toMatchObject({ postgres: { condition: "service_healthy" } });
  });

  it("has no demo identity provider: the gateway must be told which issuer to trust", () => {
    expect(compose.services.identity).toBeUndefined();
    expect(compose.services.gateway.environment.OIDC_ISSUER).toMatch(/^\$\{OIDC_ISSUER:\?/);
  });

  it("adds the demo identity provider only in docker-compose.demo.yml, published on this machine only", () => {
    const demo = parse(readFileSync(path.join(root, "docker-compose.demo.yml"), "utf8"));
    const identity = demo.services.identity;
    expect(identity.ports).toEqual(["127.0.0.1:4200:4200"]);
    expect(
      existsSync(
        path.join(
          root,
          identity.command
            .at(-1)
            .replace(/^dist\//, "")
            .replace(/\.js$/, ".ts"),
        ),
      ),
    ).toBe(true);
    expect(demo.services.gateway.environment.OIDC_ISSUER).toBe(identity.environment.IDP_ISSUER);
    expect(demo.services.gateway.depends_on).toMatchObject({ identity: { condition: "service_healthy" } });
  });
});

/**
 * deploy/kubernetes cannot be applied here (no cluster): every object is validated against the
 * Kubernetes OpenAPI schemas (kubernetes-models), and checked against the code like the compose
 * file: entry points, ports, probes, Services, and every Secret or ConfigMap key it refers to.
 */
describe("deploy/kubernetes", () => {
  const dir = path.join(root, "deploy", "kubernetes");
  const kustomization = parse(readFileSync(path.join(dir, "kustomization.yaml"), "utf8"));
  const files = [...(kustomization.resources as string[]), "secrets.example.yaml"];
  const objects = files.flatMap((file) =>
    parseAllDocuments(readFileSync(path.join(dir, file), "utf8")).map((doc) => ({ file, ...doc.toJSON() })),
  );
  const find = (kind: string, name: string) =>
    objects.find((o) => o.kind === kind && o.metadata.name === name);
  const entryExists = (command: string[]) =>
    existsSync(
      path.join(
        root,
        command
          .at(-1)!
          .replace(/^dist\//, "")
          .replace(/\.js$/, ".ts"),
      ),
    );
  const MODELS: Record<string, new (data: any) => { validate(): void }> = {
    "apps/v1/Deployment": Deployment,
    "v1/Service": Service,
    "v1/Secret": Secret,
    "v1/ConfigMap": ConfigMap,
    "batch/v1/Job": Job,
  };

  it("is made of valid Kubernetes objects, every file listed in the kustomization", () => {
    const onDisk = readdirSync(dir).filter((f) => f.endsWith(".yaml") && f !== "kustomization.yaml");
    expect(files.sort()).toEqual(onDisk.sort());
    for (const { file, ...object } of objects) {
      const Model = MODELS[`${object.apiVersion}/${object.kind}`];
      expect([file, object.kind, Model !== undefined]).toEqual([file, object.kind, true]);
      expect(() => new Model(object).validate()).not.toThrow();
    }
  });

  const workloads = [
    ...subgraphs.map((s) => ({ name: s.name, port: DEFAULT_PORTS[s.name as keyof typeof DEFAULT_PORTS] })),
    { name: "registry", port: DEFAULT_PORTS.registry },
    { name: "gateway", port: DEFAULT_PORTS.gateway },
  ];

  it.each(workloads)(
    "runs $name as two replicas behind a Service on its port, probed on /health",
    ({ name, port }) => {
      const deployment = find("Deployment", name);
      expect(deployment.spec.replicas).toBeGreaterThanOrEqual(2);
      const [container] = deployment.spec.template.spec.containers;
      expect(entryExists(container.command)).toBe(true);
      expect(container.ports).toEqual([{ name: "http", containerPort: port }]);
      for (const probe of [container.readinessProbe, container.livenessProbe])
        expect(probe.httpGet).toEqual({ path: "/health", port: "http" });
      const service = find("Service", name);
      expect(service.spec.selector).toEqual(deployment.spec.selector.matchLabels);
      expect(deployment.spec.template.metadata.labels).toMatchObject(deployment.spec.selector.matchLabels);
      expect(service.spec.ports).toEqual([{ name: "http", port, targetPort: "http" }]);
    },
  );

  const env = (name: string) => {
    const [container] = (find("Deployment", name) ?? find("Job", name)).spec.template.spec.containers;
    return Object.fromEntries(
      (container.env as any[]).map((e) => [e.name, e.value ?? e.valueFrom.secretKeyRef]),
    );
  };

  it("has each subgraph publish its Service address with the secret the registry holds for it", () => {
    const registry = env("registry");
    for (const def of subgraphs) {
      const prefix = def.name.toUpperCase().replace(/-/g, "_");
      const own = env(def.name);
      const port = DEFAULT_PORTS[def.name as keyof typeof DEFAULT_PORTS];
      expect(own[`${prefix}_URL`]).toBe(`http://${def.name}:${port}/graphql`);
      expect(own.REGISTRY_SECRET).toEqual(registry[`REGISTRY_SECRET_${prefix}`]);
      expect(registry[`REGISTRY_ALLOWED_HOSTS_${prefix}`]).toBe(def.name);
      expect(own.INTERNAL_ASSERTION_JWKS).toEqual({ name: "gridgraph-assertion", key: "public-jwks" });
    }
    expect(env("gateway").REGISTRY_GATEWAY_SECRET).toEqual(registry.REGISTRY_GATEWAY_SECRET);
    expect(env("gateway").INTERNAL_ASSERTION_PRIVATE_JWK).toEqual({
      name: "gridgraph-assertion",
      key: "private-jwk",
    });
  });

  it("migrates once in a Job before replicas start, with the registry's database on the same server", () => {
    const job = find("Job", "gridgraph-migrate");
    const [container] = job.spec.template.spec.containers;
    expect(container.command.at(-1)).toBe("dist/scripts/migrate.js");
    expect(entryExists(container.command)).toBe(true);
    expect(env("gridgraph-migrate").DATABASE_SERVER_URL).toEqual(env("registry").DATABASE_SERVER_URL);
  });

  it("refers only to Secret and ConfigMap keys that the manifests define", () => {
    for (const object of objects.filter((o) => o.kind === "Deployment" || o.kind === "Job")) {
      for (const container of object.spec.template.spec.containers) {
        for (const e of container.env ?? []) {
          const ref = e.valueFrom?.secretKeyRef;
          if (ref)
            expect([e.name, ref.key in (find("Secret", ref.name)?.stringData ?? {})]).toEqual([e.name, true]);
        }
        for (const from of container.envFrom ?? [])
          expect(find("ConfigMap", from.configMapRef.name)).toBeDefined();
      }
    }
  });
});
