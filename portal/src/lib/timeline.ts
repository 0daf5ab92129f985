/** A job's event timeline: the events so far plus those streamed live, once each, in order. */
export interface TimelineEvent {
  seq: number;
  at: string;
  status: string;
  nativeState?: string | null;
  message: string;
  source: string;
}

export function mergeEvents(known: TimelineEvent[], incoming: TimelineEvent[]): TimelineEvent[] {
  const bySeq = new Map(known.map((e) => [e.seq, e]));
  for (const event of incoming) bySeq.set(event.seq, event);
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}

export const TERMINAL_STATUSES = new Set(["COMPLETED", "FAILED", "CANCELLED"]);
