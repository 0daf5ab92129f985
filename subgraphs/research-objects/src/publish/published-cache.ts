import { LRUCache } from "lru-cache";
import type { Citations } from "./citation";

/** A published version rendered once: it never changes, so neither do these. */
export interface RenderedPublication {
  /** The RO-Crate metadata document as JSON text. */
  crateJson: string;
  dataciteJson: string;
  citations: Citations;
  /** The landing page's list of items (HTML), made from the crate. */
  itemsHtml: string;
  /** Signposting `item` links. */
  itemLinks: string[];
}

/**
 * Published versions rendered, by research object id, bounded by the text they hold. A
 * snapshot or archived object is immutable, so an entry is never stale; archiving changes
 * only the state, which the landing page reads from the row.
 */
export class PublishedCache {
  private readonly cache = new LRUCache<string, RenderedPublication>({
    maxSize: 128 * 1024 * 1024,
    sizeCalculation: (r) => r.crateJson.length + r.dataciteJson.length + r.itemsHtml.length + 1,
  });
  private readonly inFlight = new Map<string, Promise<RenderedPublication>>();

  /** The rendered version of `id`, made once by `render` even when asked for concurrently. */
  async get(id: string, render: () => Promise<RenderedPublication>): Promise<RenderedPublication> {
    const hit = this.cache.get(id);
    if (hit) return hit;
    let pending = this.inFlight.get(id);
    if (!pending) {
      pending = render()
        .then((rendered) => {
          this.cache.set(id, rendered);
          return rendered;
        })
        .finally(() => this.inFlight.delete(id));
      this.inFlight.set(id, pending);
    }
    return pending;
  }
}
