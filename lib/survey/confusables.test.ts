import { describe, expect, it } from "vitest";
import { confusableSkeleton, lookAlikeKey } from "./confusables";
import { responseInputSchema } from "./response-schema";
import { submissionBody } from "./synthetic-answers";

describe("confusable skeletons (Unicode TR39)", () => {
  it("match names that only look alike", () => {
    expect(lookAlikeKey("Kubernеtes")).toBe(lookAlikeKey("Kubernetes")); // Cyrillic е
    expect(lookAlikeKey("ΡуΤоrch")).toBe(lookAlikeKey("PyTorch")); // Greek and Cyrillic capitals
    expect(lookAlikeKey("numpу")).toBe(lookAlikeKey("NumPy")); // Cyrillic у
    expect(confusableSkeleton("rn")).toBe(confusableSkeleton("m"));
  });

  it("keep different names apart", () => {
    expect(lookAlikeKey("Kubernetes")).not.toBe(lookAlikeKey("Kuberneted"));
    expect(lookAlikeKey("pip")).not.toBe(lookAlikeKey("pipx"));
    expect(lookAlikeKey("QEMU")).not.toBe(lookAlikeKey("libvirt"));
  });
});

describe("free-text project names", () => {
  const answer = (others: string[]) => ({ ...submissionBody(1), others });
  it("are refused when nothing is left after normalisation (only invisible or punctuation characters)", () => {
    for (const text of ["\u200B\u200B", "\u200C\u200D", "...", "\u00A0\u2060"]) {
      expect(responseInputSchema.safeParse(answer([text])).success, JSON.stringify(text)).toBe(false);
    }
  });
  it("are accepted with a letter or digit, and blank entries are dropped as before", () => {
    expect(responseInputSchema.parse(answer(["pypa/pip", "", "  "])).others).toEqual(["pypa/pip"]);
  });
});
