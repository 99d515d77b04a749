// Password hashing with argon2id (@node-rs/argon2); parameters are stored inside each hash, so they can grow later.
import { hash, verify } from "@node-rs/argon2";

// OWASP's argon2id minimum (19 MiB, 2 passes); algorithm 2 is Argon2id in @node-rs/argon2's const enum.
const ARGON2ID_OPTIONS = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2ID_OPTIONS);
}

export async function verifyPassword(storedHash: string, password: string): Promise<boolean> {
  try {
    return await verify(storedHash, password);
  } catch {
    return false; // a malformed stored hash is a failed sign-in, not a crash
  }
}

let dummyHash: Promise<string> | undefined;
/** A real hash of a random string: verified against when the email is unknown, so both cases take as long. */
export function getDummyHash(): Promise<string> {
  dummyHash ??= hashPassword(`dummy-${Math.random()}-${Date.now()}`);
  return dummyHash;
}
