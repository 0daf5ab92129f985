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
