// The writes a Prisma client may hand to another thread: lib/db/submission-thread.ts registers a writer thread
// for the app's SQLite client, and saveResponse then sends its work there. On globalThis,
// because Next.js may load this module once per route bundle and every copy must see the one registry.
import type { Db } from "./client";
import type { ResponseInput } from "../survey/response-schema";
import type { SaveResponseResult } from "./responses";

export interface DelegatedWrites {
  saveResponse(input: ResponseInput): Promise<SaveResponseResult>;
}

const registry: WeakMap<Db, DelegatedWrites> = ((globalThis as { censusDelegatedWrites?: WeakMap<Db, DelegatedWrites> })
  .censusDelegatedWrites ??= new WeakMap());

export const delegatedWritesOf = (db: Db): DelegatedWrites | undefined => registry.get(db);

export function delegateWrites(db: Db, writes: DelegatedWrites): void {
  registry.set(db, writes);
}
