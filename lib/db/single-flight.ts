// Identical work in flight is done once: callers asking for a key already being computed share its promise.
// Only promises in flight are held; a settled key is forgotten at once, so nothing here outlives a request
// or is needed by another instance.

export class SingleFlight<T> {
  #inFlight = new Map<string, Promise<T>>();

  /** The running computation for `key`, or `compute()` started now and shared until it settles. */
  run(key: string, compute: () => Promise<T>): Promise<T> {
    const running = this.#inFlight.get(key);
    if (running) return running;
    const started = compute().finally(() => this.#inFlight.delete(key));
    this.#inFlight.set(key, started);
    return started;
  }

  /** Keys being computed now. */
  get size(): number {
    return this.#inFlight.size;
  }
}
