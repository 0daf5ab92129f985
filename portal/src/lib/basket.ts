/**
 * The basket: datasets a user selected, kept per user in this browser (localStorage, keyed by
 * the user's subject), so it survives reloads and sign-ins and is not shared between people
 * on one machine. It holds ids only; sizes and locations are always read fresh from the graph.
 */
import { useSyncExternalStore } from "react";

const listeners = new Set<() => void>();
let owner = "anonymous";
let cached: string[] | null = null;

const key = () => `gridgraph.basket.${owner}`;

function read(): string[] {
  if (cached) return cached;
  try {
    const parsed = JSON.parse(localStorage.getItem(key()) ?? "[]") as unknown;
    cached = Array.isArray(parsed) ? parsed.filter((id): id is string => typeof id === "string") : [];
  } catch {
    cached = [];
  }
  return cached;
}

function write(ids: string[]) {
  cached = ids;
  localStorage.setItem(key(), JSON.stringify(ids));
  listeners.forEach((listener) => listener());
}

export const basket = {
  setOwner(subject: string | null) {
    owner = subject ?? "anonymous";
    cached = null;
    listeners.forEach((listener) => listener());
  },
  ids: read,
  has: (id: string) => read().includes(id),
  add: (id: string) => void (read().includes(id) || write([...read(), id])),
  remove: (id: string) => write(read().filter((other) => other !== id)),
  clear: () => write([]),
  subscribe(listener: () => void) {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};

export function useBasket(): string[] {
  return useSyncExternalStore(basket.subscribe, basket.ids);
}
