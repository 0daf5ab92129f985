import fs from "node:fs";
import path from "node:path";
import { adler32File } from "@gridgraph/kit";
import { standIn } from "../subgraphs/datasets/src/movement/stand-in";
import { startStack, type Stack } from "../scripts/in-process-stack";
import {
  gridStorageAvailable,
  startWebdav,
  startXrootd,
  type StorageServer,
} from "./support/storage-servers";

/**
 * The Poznan -> Krakow transfer between real grid storage: PSNC's endpoint is a real XRootD
 * server, CYFRONET-LCG2's a real WebDAV server (Apache mod_dav), and gfal2 (gfal-copy, the
 * library FTS3 uses) moves the bytes. Skips, saying why, where the servers are not installed
 * (CI installs them: xrootd-server, apache2, gfal2-util-scripts and its plugins).
 */
const missing = gridStorageAvailable();
const describeIf = missing ? describe.skip : describe;
if (missing) console.log(`grid-storage.test: skipped, not installed: ${missing}`);

const PSNC = "srm://lta-head.lofar.psnc.pl:8443";
const CYFRONET = "davs://se.cyf-kr.edu.pl:443";

describeIf("transfers between a real XRootD server and a real WebDAV server through gfal2", () => {
  let stack: Stack;
  let xrootd: StorageServer;
  let webdav: StorageServer;
  beforeAll(async () => {
    xrootd = await startXrootd();
    webdav = await startWebdav();
    console.log(`grid-storage.test: XRootD at ${xrootd.url}, WebDAV at ${webdav.url}`);
    stack = await startStack({
      seed: true,
      datasets: {
        engine: "gfal",
        maxAttempts: 2,
        retryBaseMs: 100,
        storage: [
          { endpoint: PSNC, url: `${xrootd.url}/psnc` },
          { endpoint: CYFRONET, url: `${webdav.url}/cyfronet` },
        ],
      },
    });
  });
  afterAll(async () => {
    await stack?.stop();
    await xrootd?.stop();
    await webdav?.stop();
  });

  /** LOFAR datasets ONLINE at PSNC, their copy there put on the XRootD server (as PSNC's LTA would hold it). */
  async function onlineAtPsnc(): Promise<{ id: string; lfn: string; path: string; checksum: string }[]> {
    const { data } = await stack.query(
      `{ datasets(filter: { community: LOFAR, siteIds: ["PSNC"], replicaStates: [ONLINE] }, first: 3) { edges { node { id lfn replicas { id site { id } path state checksum } } } } }`,
      {},
      { as: "alice" },
    );
    // The VO's manager records the other copies LOST, so the XRootD copy is the one read.
    for (const { node } of data.datasets.edges)
      for (const other of node.replicas.filter((r: any) => r.site.id !== "PSNC" && r.state === "ONLINE")) {
        const { errors } = await stack.query(
          `mutation($id: ID!) { updateReplica(id: $id, input: { state: LOST }, reason: "only PSNC's copy for this test") { replica { id } } }`,
          { id: other.id },
          { as: "lars" },
        );
        expect(errors).toBeUndefined();
      }
    return data.datasets.edges.map(({ node }: any) => {
      const replica = node.replicas.find((r: any) => r.site.id === "PSNC" && r.state === "ONLINE");
      return { id: node.id, lfn: node.lfn, path: replica.path, checksum: replica.checksum };
    });
  }
  const putAtPsnc = (replicaPath: string, bytes: Buffer) => {
    const file = path.join(xrootd.dir, "psnc", replicaPath);
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o777 });
    fs.writeFileSync(file, bytes, { mode: 0o666 });
    fs.chmodSync(file, 0o666);
    // The server runs unprivileged: it must be able to walk down to the file.
    for (let dir = path.dirname(file); dir.startsWith(xrootd.dir); dir = path.dirname(dir))
      fs.chmodSync(dir, 0o777);
  };
  const transfer = async (datasetId: string) => {
    const { data, errors } = await stack.query(
      `mutation($input: DataRequestInput!) { transferDatasets(input: $input) { request { id } } }`,
      { input: { datasetIds: [datasetId], siteId: "CYFRONET-LCG2" } },
      { as: "alice" },
    );
    expect(errors).toBeUndefined();
    for (;;) {
      const answer = await stack.query(
        `query($id: ID!) { dataRequest(id: $id) { state files { state attempts lastError checksumExpected checksumActual bytesDone replicaId } events { message } } }`,
        { id: data.transferDatasets.request.id },
        { as: "alice" },
      );
      const request = answer.data.dataRequest;
      if (["FINISHED", "FAILED", "FINISHED_DIRTY", "CANCELED"].includes(request.state)) return request;
      await new Promise((r) => setTimeout(r, 200));
    }
  };
  const replicaSites = async (id: string) =>
    (
      await stack.query(
        `query($id: ID!) { dataset(id: $id) { replicas { site { id } state checksum } } }`,
        { id },
        { as: "alice" },
      )
    ).data.dataset.replicas;

  it("copies XRootD -> WebDAV with gfal2, verifies ADLER32 and registers the new replica", async () => {
    const [dataset] = await onlineAtPsnc();
    putAtPsnc(dataset.path, standIn(dataset.id));
    const request = await transfer(dataset.id);
    expect(request.state).toBe("FINISHED");
    const [file] = request.files;
    expect(file.checksumActual).toBe(dataset.checksum);
    expect(request.events.some((e: any) => /gfal engine/.test(e.message))).toBe(true);
    const copied = path.join(webdav.dir, "cyfronet", dataset.lfn);
    expect(await adler32File(copied)).toBe(dataset.checksum);
    expect(await replicaSites(dataset.id)).toEqual(
      expect.arrayContaining([
        { site: { id: "CYFRONET-LCG2" }, state: "ONLINE", checksum: dataset.checksum },
      ]),
    );
  });

  it("fails a corrupted source with a checksum reason, removes the copy and registers no replica", async () => {
    const [, dataset] = await onlineAtPsnc();
    putAtPsnc(dataset.path, Buffer.concat([standIn(dataset.id), Buffer.from("bit rot")]));
    const request = await transfer(dataset.id);
    expect(request.state).toBe("FAILED");
    expect(request.files[0]).toMatchObject({ state: "FAILED", attempts: 2, replicaId: null });
    expect(request.files[0].lastError).toMatch(/checksum mismatch/);
    expect(fs.existsSync(path.join(webdav.dir, "cyfronet", dataset.lfn))).toBe(false);
    expect((await replicaSites(dataset.id)).map((r: any) => r.site.id)).not.toContain("CYFRONET-LCG2");
  });

  it("leaves a file FAILED with the server's message when the source server is gone, after retrying", async () => {
    const [, , dataset] = await onlineAtPsnc();
    const request = await transfer(dataset.id); // never put on the XRootD server
    expect(request.state).toBe("FAILED");
    expect(request.files[0].attempts).toBe(2);
    expect(request.files[0].lastError).toMatch(/gfal-copy failed.*(No such file|not found|ENOENT)/i);
  });
});
