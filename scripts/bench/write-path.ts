// Write-path benchmark: does group commit earn its place? The same answers saved in-process by 20 concurrent
// writers (as 20 connections would send them), once through saveResponse (concurrent submissions share a
// transaction) and once each in a transaction of its own (saveResponseAlone), in interleaved rounds. No HTTP: only
// the data layer and the database, so the difference is the write path's own.
import { createDb } from "../../lib/db/client";
import { saveResponse, saveResponseAlone, type SaveResponseResult } from "../../lib/db/submissions";
import { submissionBody } from "../../lib/survey/synthetic-answers";
import type { ResponseInput } from "../../lib/survey/response-schema";
import { percentile } from "./http-timing";

export interface WritePathRun {
  name: string;
  answersPerSecond: number;
  p50: number;
  p99: number;
}

export interface WritePathRound {
  grouped: WritePathRun;
  alone: WritePathRun;
}

const WRITERS = 20;

async function run(name: string, amount: number, offset: number, save: (input: ResponseInput) => Promise<SaveResponseResult>): Promise<WritePathRun> {
  let next = 0;
  const latencies: number[] = [];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: WRITERS }, async () => {
      while (next < amount) {
        const body = submissionBody(offset + next++, "bench");
        const at = performance.now();
        const result = await save(body);
        if (!result.ok) throw new Error(`write-path benchmark: ${result.message}`);
        latencies.push(performance.now() - at);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return { name, answersPerSecond: amount / seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}

export async function benchWritePath(url: string, amount: number, rounds: number, log: (line: string) => void): Promise<WritePathRound[]> {
  const { db } = createDb(url);
  try {
    let offset = 50_000_000;
    const results: WritePathRound[] = [];
    await run("warm-up", Math.min(amount, 200), (offset += 1_000_000), (input) => saveResponse(db, input));
    for (let n = 1; n <= rounds; n++) {
      const grouped = await run("saveResponse (group commit)", amount, (offset += 1_000_000), (input) => saveResponse(db, input));
      const alone = await run("a transaction per answer", amount, (offset += 1_000_000), (input) => saveResponseAlone(db, input));
      results.push({ grouped, alone });
      log(`  round ${n}: group commit ${grouped.answersPerSecond.toFixed(0)} answers/s, a transaction each ${alone.answersPerSecond.toFixed(0)}`);
    }
    return results;
  } finally {
    await db.$disconnect();
  }
}
