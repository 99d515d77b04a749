// Serve the built app (or, with --dev, the development server) through the edge: lib/http/server.ts.
import { serve } from "../lib/http/server";

await serve({
  port: Number(process.env.PORT ?? 3000),
  hostname: process.env.HOSTNAME ?? "0.0.0.0",
  dev: process.argv.includes("--dev"),
});
