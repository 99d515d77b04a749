// A bound on how many summary parts are counted at once in this process, and single-flight over them.
// Counting a part reads every row of a round; with no bound, forty clients asking for forty filter sets start
// forty counts that all finish late (and on PostgreSQL take every connection). With a bound, a count runs as
// soon as a slot frees, and a caller that finds every slot busy can be answered from the last stored figures
// instead (lib/db/summary-snapshots.ts decides that). Waiting counts go in the order their summaries arrived
// (a ticket per summary), so summaries finish one after another instead of all together at the end. A slot is
// held only while one part is counted, and released however the count ends.
import { SingleFlight } from "./single-flight";

export class RecountGate {
  readonly slots: number;
  #active = 0;
  #waiting: { ticket: number; enter: () => void }[] = [];
  #tickets = 0;
  #flights = new SingleFlight<unknown>();
  #asked = 0;
  #started = 0;

  constructor(slots: number) {
    if (!Number.isInteger(slots) || slots < 1) throw new RangeError(`a recount gate needs at least one slot, not ${slots}`);
    this.slots = slots;
  }

  /** Every slot is counting: a new count would wait. */
  get isBusy(): boolean {
    return this.#active >= this.slots;
  }

  /** Counts running now (at most `slots`). */
  get active(): number {
    return this.#active;
  }

  /** Counts waiting for a slot. */
  get waiting(): number {
    return this.#waiting.length;
  }

  /** Counts asked for since the gate was made, and of those, how many were started (the rest joined one in flight). */
  get asked(): number {
    return this.#asked;
  }
  get started(): number {
    return this.#started;
  }

  /** A summary's place in line: its parts wait behind those of every summary that arrived before it. */
  ticket(): number {
    return this.#tickets++;
  }

  /**
   * Count `key` once however many callers ask while it runs; the first caller's count waits for a slot, in the
   * order of `ticket`. The key must name the data counted exactly (filters, part and data stamp), so a joiner
   * gets what it would have counted.
   */
  count<T>(key: string, compute: () => Promise<T>, ticket = this.ticket()): Promise<T> {
    this.#asked++;
    return this.#flights.run(key, () => {
      this.#started++;
      return this.#inSlot(compute, ticket);
    }) as Promise<T>;
  }

  async #inSlot<T>(compute: () => Promise<T>, ticket: number): Promise<T> {
    if (this.#active >= this.slots) {
      await new Promise<void>((enter) => {
        const at = this.#waiting.findIndex((waiter) => waiter.ticket > ticket);
        this.#waiting.splice(at === -1 ? this.#waiting.length : at, 0, { ticket, enter });
      });
    } else this.#active++;
    try {
      return await compute();
    } finally {
      // Hand the slot straight to the first in line, so a newcomer cannot take it in between.
      const next = this.#waiting.shift();
      if (next) next.enter();
      else this.#active--;
    }
  }
}
