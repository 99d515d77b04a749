// The answer's schema in the browser. It is not part of the page's first script (Zod is most of the form's
// code, and a phone pays for it before the form answers a tap): it loads when the respondent first touches
// the form. Until it has arrived, the server checks the answer alone, as it does without JavaScript.
import type * as ResponseSchemaModule from "@/lib/survey/response-schema";

let loaded: typeof ResponseSchemaModule | null = null;
let loading: Promise<void> | null = null;

/** Starts loading the schema once; a failed load is tried again at the next touch. */
export function prepareResponseCheck(): void {
  loading ??= import("@/lib/survey/response-schema").then(
    (module) => {
      loaded = module;
    },
    () => {
      loading = null;
    },
  );
}

/** The schema if it has loaded, or null (then the server's check is the only one). */
export const loadedResponseSchema = (): typeof ResponseSchemaModule | null => loaded;
