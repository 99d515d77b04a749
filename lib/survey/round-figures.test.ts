import { describe, expect, it } from "vitest";
import { describeMissingFigures, pickDefaultRound, roundFigures, type RoundChoice } from "./round-figures";

describe("roundFigures", () => {
  it("needs k responses, an opened round, and permission to publish while open", () => {
    expect(roundFigures({ status: "closed" }, 5, 5)).toBe("available");
    expect(roundFigures({ status: "open" }, 5, 5)).toBe("available");
    expect(roundFigures({ status: "open" }, 4, 5)).toBe("too-few");
    expect(roundFigures({ status: "open" }, 0, 5)).toBe("no-responses");
    expect(roundFigures({ status: "draft" }, 9, 5)).toBe("not-opened");
    expect(roundFigures({ status: "open", publishWhileOpen: false }, 50, 5)).toBe("after-close");
    expect(roundFigures({ status: "closed", publishWhileOpen: false }, 50, 5)).toBe("available");
    // k = 1 switches the small-cell rule off; one answer is then enough.
    expect(roundFigures({ status: "open" }, 1, 1)).toBe("available");
  });
});

const round = (slug: string, figures: RoundChoice["figures"], extra: Partial<RoundChoice> = {}): RoundChoice => ({
  slug,
  title: slug,
  status: "closed",
  isDemo: false,
  figures,
  ...extra,
});

describe("pickDefaultRound", () => {
  it("opens on the newest real round with figures, passing over an empty open round", () => {
    const rounds = [
      round("open-2027", "no-responses", { status: "open" }),
      round("demo-2026", "available", { isDemo: true }),
      round("real-2025", "available"),
    ];
    expect(pickDefaultRound(rounds)?.slug).toBe("real-2025");
  });

  it("falls back to demo rounds, then to the open round, then to the newest", () => {
    expect(
      pickDefaultRound([round("open", "too-few", { status: "open" }), round("demo", "available", { isDemo: true })])
        ?.slug,
    ).toBe("demo");
    expect(pickDefaultRound([round("old", "no-responses"), round("open", "too-few", { status: "open" })])?.slug).toBe(
      "open",
    );
    expect(pickDefaultRound([round("draft", "not-opened", { status: "draft" })])?.slug).toBe("draft");
    expect(pickDefaultRound([])).toBeNull();
  });
});

describe("describeMissingFigures", () => {
  it("says why in one sentence, naming k", () => {
    expect(describeMissingFigures(round("R", "too-few"), 5)).toMatch(/^R has fewer than 5 responses so far/);
    expect(describeMissingFigures(round("R", "after-close"), 5)).toContain("once it has closed");
    expect(describeMissingFigures(round("R", "no-responses"), 5)).toContain("no figures yet");
  });
});
