import { describe, expect, it } from "vitest";
import { RecountGate } from "./recount-gate";

/** A count that runs until the test lets it finish. */
function heldCount(started: string[], name: string) {
  let finish: () => void = () => undefined;
  const done = new Promise<void>((resolve) => (finish = resolve));
  return {
    compute: async () => {
      started.push(name);
      await done;
      return name;
    },
    finish: () => finish(),
  };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe("RecountGate", () => {
  it("runs no more counts than it has slots, and hands a freed slot to the earliest summary waiting", async () => {
    const gate = new RecountGate(1);
    const started: string[] = [];
    const first = heldCount(started, "first");
    const running = gate.count("a", first.compute, 0);
    const later = [
      [9, heldCount(started, "ticket 9")],
      [2, heldCount(started, "ticket 2")],
      [5, heldCount(started, "ticket 5")],
    ] as const;
    const results = later.map(([ticket, count], i) => gate.count(`b${i}`, count.compute, ticket));
    await settle();
    expect(started).toEqual(["first"]);
    expect([gate.active, gate.waiting]).toEqual([1, 3]);
    first.finish();
    await running;
    const byName = new Map(later.map(([ticket, count]) => [`ticket ${ticket}`, count]));
    for (const name of ["ticket 2", "ticket 5", "ticket 9"]) {
      await settle();
      expect(started.at(-1)).toBe(name);
      expect(gate.active).toBe(1);
      byName.get(name)!.finish();
    }
    expect(await Promise.all(results)).toEqual(["ticket 9", "ticket 2", "ticket 5"]);
    expect([gate.active, gate.waiting]).toEqual([0, 0]);
  });

  it("counts a key once for every caller while it is in flight, and afresh once it has settled", async () => {
    const gate = new RecountGate(2);
    const started: string[] = [];
    const count = heldCount(started, "n");
    const callers = [gate.count("k", count.compute), gate.count("k", count.compute), gate.count("k", count.compute)];
    await settle();
    count.finish();
    expect(await Promise.all(callers)).toEqual(["n", "n", "n"]);
    expect([gate.asked, gate.started, started.length]).toEqual([3, 1, 1]);
    await gate.count("k", async () => "again");
    expect(gate.started).toBe(2);
  });

  it("frees the slot when a count fails", async () => {
    const gate = new RecountGate(1);
    await expect(gate.count("x", async () => Promise.reject(new Error("busy database")))).rejects.toThrow("busy database");
    expect(gate.active).toBe(0);
    expect(await gate.count("y", async () => 1)).toBe(1);
  });
});
