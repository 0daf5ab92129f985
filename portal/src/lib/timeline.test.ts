import { mergeEvents, type TimelineEvent } from "./timeline";

const event = (seq: number, status: string): TimelineEvent => ({
  seq,
  at: `2026-12-03T08:00:0${seq}Z`,
  status,
  message: `event ${seq}`,
  source: "local",
});

describe("a job's timeline", () => {
  it("keeps each event once, in sequence, whether it came with the page or live (a resumed stream repeats some)", () => {
    const page = [event(1, "SUBMITTED"), event(2, "QUEUED")];
    const live = [event(2, "QUEUED"), event(4, "COMPLETED"), event(3, "RUNNING")];
    expect(mergeEvents(page, live).map((e) => [e.seq, e.status])).toEqual([
      [1, "SUBMITTED"],
      [2, "QUEUED"],
      [3, "RUNNING"],
      [4, "COMPLETED"],
    ]);
  });
});
