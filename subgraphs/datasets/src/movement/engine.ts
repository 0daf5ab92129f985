/** A copy's result as the engine measured it on the bytes that arrived. */
export interface CopyResult {
  bytes: number;
  checksum: string;
}

export interface CopyOptions {
  /** Called as bytes arrive (not necessarily for every chunk). */
  onProgress?: (bytes: number) => void;
  signal?: AbortSignal;
}

/** A failure worth saying in words; `retry: false` when trying again cannot help. */
export class TransferError extends Error {
  constructor(
    message: string,
    readonly retry = true,
  ) {
    super(message);
  }
}

/**
 * What moves bytes between storage URLs (FTS3's role; gfal2 is the library FTS3 itself uses).
 * An engine copies, measures the ADLER32 of what arrived, and removes a copy that must not stay.
 */
export interface TransferEngine {
  readonly name: string;
  /** Can this engine move from `source` to `destination` (by URL scheme)? */
  handles(source: string, destination: string): boolean;
  copy(source: string, destination: string, options: CopyOptions): Promise<CopyResult>;
  remove(url: string): Promise<void>;
}

export const scheme = (url: string) => url.slice(0, url.indexOf(":")).toLowerCase();
