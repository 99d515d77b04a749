// Turning an async sequence of text chunks into the web ReadableStream a route handler returns.
// Pull-based: the next chunk is produced only when the client has taken the previous one, so a slow
// reader holds back the database reads instead of letting rows pile up in memory.

/** A byte stream that asks `chunks` for one chunk per pull and stops it when the client goes away. */
export function textChunksToStream(chunks: AsyncIterable<string>): ReadableStream<Uint8Array> {
  const iterator = chunks[Symbol.asyncIterator]();
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        // A pull that enqueues nothing is not repeated, so skip empty chunks here.
        for (;;) {
          const next = await iterator.next();
          if (next.done) return controller.close();
          if (next.value.length > 0) return controller.enqueue(encoder.encode(next.value));
        }
      },
      async cancel() {
        await iterator.return?.();
      },
    },
    // One chunk queued ahead: the next batch is read while the previous one is on the wire.
    { highWaterMark: 1 },
  );
}
