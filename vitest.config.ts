import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "@": new URL("./", import.meta.url).pathname } },
  test: {
    projects: [
      {
        extends: true,
        test: { name: "unit", include: ["lib/**/*.test.ts", "components/**/*.test.ts"], environment: "node" },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          environment: "node",
          globalSetup: ["tests/helpers/postgres-server.ts"],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // One file at a time: each creates its own databases, and two cores are shared with PostgreSQL.
          fileParallelism: false,
        },
      },
      {
        extends: true,
        // The attack calls the public route handlers in process, as a server would for the URL; they are server code.
        resolve: { alias: { "server-only": new URL("./node_modules/server-only/empty.js", import.meta.url).pathname } },
        test: {
          // The differencing attack of issue #15 against the public API, in process, on a throwaway SQLite database.
          name: "privacy",
          include: ["tests/privacy/**/*.test.ts"],
          environment: "node",
          testTimeout: 240_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        extends: true,
        test: {
          // Against the production build (npm test builds first), like load: docs/security.md maps each promise here.
          name: "security",
          include: ["tests/security/**/*.test.ts"],
          environment: "node",
          globalSetup: ["tests/helpers/postgres-server.ts"],
          testTimeout: 180_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
      {
        extends: true,
        test: {
          name: "load",
          include: ["tests/load/**/*.test.ts"],
          environment: "node",
          globalSetup: ["tests/helpers/postgres-server.ts"],
          testTimeout: 180_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
