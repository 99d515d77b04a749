import { describe, expect, it } from "vitest";
import { textChunksToStream } from "./text-stream";

describe("textChunksToStream", () => {
  it("produces chunks only as the reader pulls, skips empty ones and stops the source on cancel", async () => {
    let produced = 0;
    let stopped = false;
    async function* source() {
      try {
        for (let i = 0; i < 100; i++) {
          produced++;
          yield i === 1 ? "" : `chunk ${i}\n`;
        }
      } finally {
        stopped = true;
      }
    }
    const reader = textChunksToStream(source()).getReader();
    const first = await reader.read();
    expect(new TextDecoder().decode(first.value)).toBe("chunk 0\n");
    const second = await reader.read();
    expect(new TextDecoder().decode(second.value)).toBe("chunk 2\n");
    expect(produced).toBeLessThan(6);
    await reader.cancel();
    expect(stopped).toBe(true);
  });
});
