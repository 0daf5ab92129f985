import { readGatewayConfig, readIdentityConfig } from "../src/config";

const SECRET = { REGISTRY_GATEWAY_SECRET: "gateway-secret-for-tests" };

describe("gateway configuration", () => {
  it("derives every default from the ports it depends on", () => {
    const config = readGatewayConfig({
      ...SECRET,
      REGISTRY_PORT: "5100",
      IDP_PORT: "5200",
      GATEWAY_PORT: "5000",
    });
    expect(config.port).toBe(5000);
    expect(config.registryUrl).toBe("http://127.0.0.1:5100");
    expect(config.oidc.issuer).toBe("http://127.0.0.1:5200");
    // The local IdP's introspection client applies only to the local IdP.
    expect(config.oidc.introspection).toBeDefined();
    expect(
      readGatewayConfig({ ...SECRET, OIDC_ISSUER: "https://aai.egi.eu/auth/realms/egi" }).oidc.introspection,
    ).toBeUndefined();
  });

  it("needs the gateways' registry secret", () => {
    expect(() => readGatewayConfig({})).toThrow(/REGISTRY_GATEWAY_SECRET must be set/);
  });

  it("reports every problem at once", () => {
    let message = "";
    try {
      readGatewayConfig({
        ...SECRET,
        GATEWAY_PORT: "99999",
        REGISTRY_URL: "registry",
        SUPERGRAPH_POLL_MS: "10",
        OIDC_ALGORITHMS: "RS256,HS256",
        INTERNAL_ASSERTION_PRIVATE_JWK: "{not json",
      });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message.split("\n")).toEqual([
      "Invalid configuration for gateway:",
      "  - GATEWAY_PORT must be a port number 0..65535; got '99999'",
      "  - REGISTRY_URL must be a URL; got 'registry'",
      "  - SUPERGRAPH_POLL_MS must be a whole number 100..3600000; got '10'",
      "  - OIDC_ALGORITHMS may list only asymmetric algorithms (no 'none', no HS*)",
      "  - INTERNAL_ASSERTION_PRIVATE_JWK must be a private JWK (JSON)",
    ]);
  });

  it("refuses ports that fetch will not connect to, naming them", () => {
    expect(() =>
      readGatewayConfig({ ...SECRET, GATEWAY_PORT: "6000", REGISTRY_URL: "http://127.0.0.1:6667" }),
    ).toThrow(/GATEWAY_PORT: port 6000 is one that fetch refuses[\s\S]*REGISTRY_URL: port 6667/);
  });

  it("refuses a public key where the private assertion key belongs", () => {
    const publicOnly = JSON.stringify({ kty: "EC", crv: "P-256", x: "a", y: "b" });
    expect(() => readGatewayConfig({ ...SECRET, INTERNAL_ASSERTION_PRIVATE_JWK: publicOnly })).toThrow(
      /it has no 'd'/,
    );
  });
});

describe("identity provider configuration", () => {
  it("keeps its signing key under the data folder, in memory for GRIDGRAPH_DATA_DIR=memory", () => {
    expect(readIdentityConfig({}).dataDir).toBe(".data");
    expect(readIdentityConfig({ GRIDGRAPH_DATA_DIR: "memory" }).dataDir).toBeUndefined();
    expect(() => readIdentityConfig({ IDP_PORT: "-1", IDP_ISSUER: "x" })).toThrow(
      /IDP_PORT must be a port number[\s\S]*IDP_ISSUER must be a URL/,
    );
  });
});
