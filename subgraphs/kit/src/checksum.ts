import fs from "node:fs";
import ADLER32 from "adler-32";

/**
 * Adler-32, the checksum grid storage compares (dCache, EOS, XRootD, FTS, gfal2), written
 * "adler32:<8 hex>". `Adler32` takes the bytes as they stream past, so a copy is verified
 * without reading it twice.
 */
export class Adler32 {
  private value = 1;
  update(chunk: Uint8Array): void {
    this.value = ADLER32.buf(chunk, this.value);
  }
  digest(): string {
    return formatAdler32(this.value);
  }
}

export function formatAdler32(value: number): string {
  return `adler32:${(value >>> 0).toString(16).padStart(8, "0")}`;
}

export function adler32Of(bytes: Uint8Array): string {
  return formatAdler32(ADLER32.buf(bytes, 1));
}

export async function adler32File(file: string): Promise<string> {
  const sum = new Adler32();
  for await (const chunk of fs.createReadStream(file, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>)
    sum.update(chunk);
  return sum.digest();
}

/** "ADLER32:0A1B2C3D", "adler32:a1b2c3d" and the like, as "adler32:0a1b2c3d"; null when not Adler-32. */
export function normalAdler32(checksum: string | null | undefined): string | null {
  const match = /^adler-?32:([0-9a-f]{1,8})$/i.exec(checksum?.trim() ?? "");
  return match ? `adler32:${match[1].toLowerCase().padStart(8, "0")}` : null;
}
