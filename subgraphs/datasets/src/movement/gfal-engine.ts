import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { adler32File } from "@gridgraph/kit";
import { TransferError, type CopyOptions, type CopyResult, type TransferEngine } from "./engine";

/**
 * gfal2's command-line tools (Debian's gfal2-util-scripts with the http, xrootd and file
 * plugins): the library FTS3 itself moves data with, speaking root://, davs://, https://,
 * file:// and more. The copy is verified by reading the destination back (a second gfal-copy to
 * a local temporary file) through ADLER32: storage servers differ in which checksums they
 * compute (Apache's mod_dav none), our reading does not. (Debian's gfal-cat decodes binary
 * data as UTF-8 and fails, so it cannot be the reader.)
 */
export class GfalEngine implements TransferEngine {
  readonly name = "gfal";
  /** gfal's scripts pick the first `python` that imports gfal2; Debian's python3 does. */
  private readonly env = { ...process.env, GFAL_PYTHONBIN: process.env.GFAL_PYTHONBIN ?? "/usr/bin/python3" };

  static available(): boolean {
    return (
      spawnSync("gfal-copy", ["--version"], {
        stdio: "ignore",
        env: { ...process.env, GFAL_PYTHONBIN: "/usr/bin/python3" },
      }).status === 0
    );
  }

  handles(): boolean {
    return true;
  }

  async copy(source: string, destination: string, options: CopyOptions): Promise<CopyResult> {
    // -p: make the destination's parent folders; -f: replace a copy left by an earlier try.
    await this.run(["gfal-copy", "-f", "-p", "-t", "3600", source, destination], options.signal);
    const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), "gg-gfal-"));
    try {
      const local = path.join(dir, "read-back");
      await this.run(
        ["gfal-copy", "-f", "-t", "3600", destination, pathToFileURL(local).href],
        options.signal,
      );
      const bytes = (await fs.promises.stat(local)).size;
      options.onProgress?.(bytes);
      return { bytes, checksum: await adler32File(local) };
    } finally {
      await fs.promises.rm(dir, { recursive: true, force: true });
    }
  }

  async remove(url: string): Promise<void> {
    await this.run(["gfal-rm", url]).catch((error: Error) => {
      if (!/No such file|ENOENT|not found/i.test(error.message)) throw error;
    });
  }

  private run(argv: string[], signal?: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      const child = spawn(argv[0], argv.slice(1), {
        env: this.env,
        signal,
        stdio: ["ignore", "pipe", "pipe"],
      });
      let stderr = "";
      let stdout = "";
      child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
      child.on("error", (error) =>
        reject(
          error.name === "AbortError"
            ? new TransferError("cancelled", false)
            : new TransferError(`${argv[0]}: ${error.message}`),
        ),
      );
      child.on("close", (code) => {
        if (code === 0) return resolve();
        const said = (stderr || stdout).trim().split("\n").filter(Boolean).slice(-2).join(" ");
        reject(new TransferError(`${argv[0]} failed (exit ${code}): ${said || "no message"}`));
      });
    });
  }
}
