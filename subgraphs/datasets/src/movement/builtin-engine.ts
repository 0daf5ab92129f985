import fs from "node:fs";
import path from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { fileURLToPath } from "node:url";
import { Adler32 } from "@gridgraph/kit";
import { scheme, TransferError, type CopyOptions, type CopyResult, type TransferEngine } from "./engine";

const HTTP = new Set(["http", "https", "dav", "davs"]);
/** WebDAV URLs as gfal2 writes them (dav://, davs://) are plain HTTP(S) on the wire. */
const httpUrl = (url: string) => url.replace(/^dav(s?):/i, "http$1:");

/**
 * The embedded default: copies between local files and HTTP/WebDAV servers (GET, PUT, DELETE)
 * with Node's streams, measuring ADLER32 as the bytes pass. A local destination is written
 * under a temporary name and renamed once complete, so a half copy never looks like a file.
 */
export class BuiltinEngine implements TransferEngine {
  readonly name = "builtin";

  handles(source: string, destination: string): boolean {
    return [source, destination].every((url) => scheme(url) === "file" || HTTP.has(scheme(url)));
  }

  async copy(source: string, destination: string, options: CopyOptions): Promise<CopyResult> {
    const sum = new Adler32();
    let bytes = 0;
    let reported = Date.now();
    const meter = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        sum.update(chunk);
        bytes += chunk.length;
        if (options.onProgress && Date.now() - reported >= 250) {
          reported = Date.now();
          options.onProgress(bytes);
        }
        done(null, chunk);
      },
    });
    const input = await this.open(source, options.signal);
    if (scheme(destination) === "file") {
      const target = fileURLToPath(destination);
      const partial = `${target}.part-${process.pid}`;
      await fs.promises.mkdir(path.dirname(target), { recursive: true });
      try {
        await pipeline(input, meter, fs.createWriteStream(partial), { signal: options.signal });
        await fs.promises.rename(partial, target);
      } catch (error) {
        await fs.promises.rm(partial, { force: true });
        throw asTransferError(error, source);
      }
    } else {
      try {
        const response = await fetch(httpUrl(destination), {
          method: "PUT",
          body: Readable.toWeb(input.pipe(meter)) as ReadableStream,
          duplex: "half",
          signal: options.signal,
        } as RequestInit);
        if (!response.ok)
          throw new TransferError(
            `${destination} refused the copy: HTTP ${response.status} ${response.statusText}`,
          );
      } catch (error) {
        throw asTransferError(error, destination);
      }
    }
    options.onProgress?.(bytes);
    return { bytes, checksum: sum.digest() };
  }

  async remove(url: string): Promise<void> {
    if (scheme(url) === "file") return fs.promises.rm(fileURLToPath(url), { force: true });
    const response = await fetch(httpUrl(url), { method: "DELETE" });
    if (!response.ok && response.status !== 404)
      throw new TransferError(`${url} could not be removed: HTTP ${response.status}`);
  }

  private async open(url: string, signal?: AbortSignal): Promise<Readable> {
    if (scheme(url) === "file") {
      const file = fileURLToPath(url);
      try {
        await fs.promises.access(file, fs.constants.R_OK);
      } catch {
        throw new TransferError(`the source ${url} does not exist on the storage`);
      }
      return fs.createReadStream(file, { highWaterMark: 1 << 20 });
    }
    let response: Response;
    try {
      response = await fetch(httpUrl(url), { signal });
    } catch (error) {
      throw asTransferError(error, url);
    }
    if (!response.ok || !response.body)
      throw new TransferError(
        `the source ${url} answered HTTP ${response.status} ${response.statusText}`,
        response.status !== 404,
      );
    return Readable.fromWeb(response.body as never);
  }
}

function asTransferError(error: unknown, where: string): TransferError {
  if (error instanceof TransferError) return error;
  const e = error as NodeJS.ErrnoException & { cause?: { message?: string; code?: string } };
  if (e.name === "AbortError") return new TransferError("cancelled", false);
  const detail = e.cause?.message ?? e.message;
  return new TransferError(
    `${where}: ${detail}${e.cause?.code ? ` (${e.cause.code})` : e.code ? ` (${e.code})` : ""}`,
  );
}
