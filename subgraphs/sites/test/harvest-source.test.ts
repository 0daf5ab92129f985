import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { harvest } from "../src/capabilities/domain/harvest-source";

/** Reading a GOCDB-like source over HTTP: what it sends is counted as it arrives. */
describe("harvest over HTTP", () => {
  let server: Server;
  let base: string;
  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url === "/endless") {
        // No content-length, and more than any limit: chunk after chunk until the reader stops.
        res.writeHead(200, { "content-type": "application/xml" });
        const chunk = Buffer.alloc(64 * 1024, "x");
        const pump = () => {
          while (res.write(chunk)) if (res.destroyed) return;
          if (!res.destroyed) res.once("drain", pump);
        };
        res.on("close", () => res.removeAllListeners("drain"));
        pump();
      } else if (req.url === "/declared") {
        res.writeHead(200, { "content-length": String(10_000_000), "content-type": "application/xml" });
        res.end();
      } else res.end("<results/>");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => {
    server.closeAllConnections();
    return new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it("reads a document", async () => {
    expect(await harvest(`${base}/ok`)).toBe("<results/>");
  });

  it("stops reading a source that sends more than the limit without saying how much", async () => {
    await expect(harvest(`${base}/endless`, { maxBytes: 1_000_000 })).rejects.toThrow(
      `${base} sent more than 1000000 bytes; at most that many are read.`,
    );
  });

  it("refuses a source that announces more than the limit, before reading it", async () => {
    await expect(harvest(`${base}/declared`, { maxBytes: 1_000_000 })).rejects.toThrow(
      `${base} sends 10000000 bytes; at most 1000000 are read.`,
    );
  });
});
