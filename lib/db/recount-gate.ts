// A bound on how many summary parts are counted at once in this process, and single-flight over them.
// Counting a part reads every row of a round; with no bound, forty clients asking for forty filter sets start
// forty counts that all finish late (and on PostgreSQL take every connection). With a bound, a count runs as
// soon as a slot frees, in arrival order, and a caller that finds every slot busy can be answered from the
// last stored figures instead (lib/db/summary-queries.ts decides that). A slot is held only while one part
// is counted, and released however the count ends.
import { SingleFlight } from "./single-flight";

export class RecountGate {
  readonly slots: number;
  #active = 0;
  #waiting: (() => void)[] = [];
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

  /**
   * Count `key` once however many callers ask while it runs; the first caller's count waits for a slot. The key
   * must name the data counted exactly (filters, part and data stamp), so a joiner gets what it would have counted.
   */
  count<T>(key: string, compute: () => Promise<T>): Promise<T> {
    this.#asked++;
    return this.#flights.run(key, () => {
      this.#started++;
      return this.#inSlot(compute);
    }) as Promise<T>;
  }

  async #inSlot<T>(compute: () => Promise<T>): Promise<T> {
    if (this.#active >= this.slots) await new Promise<void>((resolve) => this.#waiting.push(resolve));
    else this.#active++;
    try {
      return await compute();
    } finally {
      // Hand the slot straight to the next waiter, so a newcomer cannot take it in between.
      const next = this.#waiting.shift();
      if (next) next();
      else this.#active--;
    }
  }
}
