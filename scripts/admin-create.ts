// npm run admin:create -- --email you@example.org [--role admin|analyst] [--reset]
// npm run admin:create -- --email someone@example.org --disable | --enable
// Creates an organiser, resets one's password, or disables (and enables again) an account; a reset and disabling
// end every session of the account at once. The password is asked twice without echo on a terminal, or read from stdin
// (`printf '%s' "$PASSWORD" | npm run admin:create -- --email ...`), never taken from the command line.
import { createInterface } from "node:readline";
import { Writable } from "node:stream";
import { parseArgs } from "node:util";
import { MIN_PASSWORD_LENGTH } from "../lib/auth/credentials";
import { createOrganiser, OrganiserInputError, setOrganiserActive } from "../lib/db/admin-organisers";
import { createDb } from "../lib/db/client";
import { describeStartupError, prepareDatabase, redactUrl } from "../lib/db/prepare";
import { getEnv } from "../lib/env";

function askHidden(question: string): Promise<string> {
  let isMuted = false;
  const output = new Writable({
    write(chunk, _encoding, done) {
      if (!isMuted) process.stdout.write(chunk);
      done();
    },
  });
  const rl = createInterface({ input: process.stdin, output, terminal: true });
  return new Promise((resolve) => {
    rl.question(question, (answer) => {
      rl.close();
      process.stdout.write("\n");
      resolve(answer);
    });
    isMuted = true;
  });
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  // One trailing newline is what `echo` adds; it is not part of the password.
  return Buffer.concat(chunks).toString("utf8").replace(/\r?\n$/, "");
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      email: { type: "string" },
      role: { type: "string", default: "admin" },
      reset: { type: "boolean", default: false },
      disable: { type: "boolean", default: false },
      enable: { type: "boolean", default: false },
    },
  });
  if (!values.email || (values.disable && values.enable)) {
    console.error("Usage: npm run admin:create -- --email you@example.org [--role admin|analyst] [--reset | --disable | --enable]");
    return 2;
  }
  if (values.disable || values.enable) return setActive(values.email, values.enable);
  let password: string;
  if (process.stdin.isTTY) {
    password = await askHidden(`Password for ${values.email} (at least ${MIN_PASSWORD_LENGTH} characters): `);
    if ((await askHidden("Repeat the password: ")) !== password) {
      console.error("The passwords differ; nothing was created.");
      return 1;
    }
  } else {
    password = await readStdin();
  }
  const url = getEnv().DATABASE_URL;
  await prepareDatabase(url, { loadCatalogue: false });
  const { db } = createDb(url);
  try {
    const organiser = await createOrganiser(db, { email: values.email, password, role: values.role as "admin" }, { replace: values.reset });
    console.log(`${values.reset ? "Updated" : "Created"} ${organiser.role} ${organiser.email} in ${redactUrl(url)}.`);
    return 0;
  } catch (error) {
    if (error instanceof OrganiserInputError) {
      console.error(`${error.message.replace(/\.$/, "")}; nothing was created.`);
      return 1;
    }
    throw error;
  } finally {
    await db.$disconnect();
  }
}

/** Disabling ends the account's sessions at once and refuses its sign-ins; enabling never revives old sessions. */
async function setActive(email: string, isActive: boolean): Promise<number> {
  const url = getEnv().DATABASE_URL;
  await prepareDatabase(url, { loadCatalogue: false });
  const { db } = createDb(url);
  try {
    const organiser = await db.organiser.findUnique({ where: { email: email.trim().toLowerCase() } });
    if (!organiser) {
      console.error(`There is no organiser with the email ${email}; nothing changed.`);
      return 1;
    }
    await setOrganiserActive(db, null, organiser.id, isActive);
    console.log(`${isActive ? "Enabled" : "Disabled"} ${organiser.email} in ${redactUrl(url)}${isActive ? "" : "; every session of the account has ended"}.`);
    return 0;
  } finally {
    await db.$disconnect();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`admin:create: ${describeStartupError(error)}`);
    process.exit(1);
  },
);
