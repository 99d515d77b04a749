// The limits of an answer, apart from the schema that enforces them (lib/survey/response-schema.ts): the form
// in the browser shows some of them, and importing them from here keeps Zod out of the page's first script.
export const MAX_SELECTIONS = 200;
export const MAX_TEXT_LENGTH = 2000;
export const MAX_OTHER_ENTRIES = 20;
export const MAX_OTHER_LENGTH = 200;
export const EDIT_TOKEN_PATTERN = /^[A-Za-z0-9_-]{22}$/;

// C0/C1 control characters other than tab and line breaks, and bidi overrides that can disguise text.
export const FORBIDDEN_CHARACTERS =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069\uFEFF]/;
