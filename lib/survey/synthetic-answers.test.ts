import { describe, expect, it } from "vitest";
import { responseInputSchema } from "./response-schema";
import { submissionBody } from "./synthetic-answers";

describe("submissionBody", () => {
  it("always satisfies the response schema", () => {
    for (let n = 0; n < 200; n++) expect(responseInputSchema.safeParse(submissionBody(n)).success).toBe(true);
  });
});
