// Imported first by every module that builds a schema the browser loads. Zod compiles object parsers with
// `new Function` when it may; in the browser the Content-Security-Policy forbids eval, and Zod's probe for it
// is itself reported as a violation. Jitless parsing gives the same results without the probe. The server
// keeps the compiled parsers (faster, and no policy there forbids them).
import { z } from "zod";

z.config({ jitless: typeof window !== "undefined" });
