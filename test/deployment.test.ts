import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
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
