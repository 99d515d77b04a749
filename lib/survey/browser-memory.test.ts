import { describe, expect, it } from "vitest";
import {
  answerInRound,
  applyCarriedAnswer,
  formatAnswerDate,
  isBlankAnswer,
  latestAnswerBefore,
  toDraft,
} from "./browser-memory";
import { parseDraft, parseRememberedAnswers } from "./browser-memory-schema";
import { emptyFormValues } from "./response-form";

const TOKEN = "AAAAAAAAAAAAAAAAAAAAAA";

describe("drafts kept in the browser", () => {
  it("round-trip without the edit token, and anything unreadable is no draft", () => {
    const values = { ...emptyFormValues("openstack-2026", TOKEN), teams: ["nova"], comment: "half done" };
    const draft = toDraft(values, 1_700_000_000_000);
    expect(JSON.stringify(draft)).not.toContain(TOKEN);
    expect(parseDraft(JSON.stringify(draft))).toEqual(draft);
    for (const junk of [
      null,
      "",
      "{",
      "[]",
      '{"savedAt":"x"}',
      JSON.stringify({ ...draft, values: { teams: "nova" } }),
    ]) {
      expect(parseDraft(junk)).toBeNull();
    }
  });

  it("are blank only when nothing was answered", () => {
    const empty = emptyFormValues("r", TOKEN);
    expect(isBlankAnswer(empty)).toBe(true);
    expect(isBlankAnswer({ ...empty, comment: "  " })).toBe(true);
    expect(isBlankAnswer({ ...empty, nothingOutsideOpenStack: true })).toBe(false);
    expect(isBlankAnswer({ ...empty, projects: [{ slug: "pip", kinds: [], frequency: "" }] })).toBe(false);
  });
});

describe("answers remembered in the browser", () => {
  const stored = JSON.stringify({
    "openstack-2024": { token: TOKEN, answeredAt: "2024-03-03T10:00:00.000Z" },
    "openstack-2025": { token: "BBBBBBBBBBBBBBBBBBBBBB", answeredAt: "2025-03-03T10:00:00.000Z" },
  });

  it("finds this round's answer, or the latest of another round to start from", () => {
    const answers = parseRememberedAnswers(stored);
    expect(answerInRound(answers, "openstack-2025")?.token).toBe("BBBBBBBBBBBBBBBBBBBBBB");
    expect(answerInRound(answers, "openstack-2026")).toBeNull();
    expect(latestAnswerBefore(answers, "openstack-2026")?.round).toBe("openstack-2025");
    expect(latestAnswerBefore(answers, "openstack-2025")?.round).toBe("openstack-2024");
    expect(parseRememberedAnswers('{"r":{"token":"not a token","answeredAt":"x"}}')).toEqual({});
  });

  it("says the day as a person would", () => {
    expect(formatAnswerDate("2026-03-03T23:00:00.000Z", new Date("2026-12-01T00:00:00Z"))).toBe("3 March");
    expect(formatAnswerDate("2025-03-03T10:00:00.000Z", new Date("2026-12-01T00:00:00Z"))).toBe("3 March 2025");
  });

  it("pre-fills a new round with what it still offers", () => {
    const values = applyCarriedAnswer(
      emptyFormValues("openstack-2026", TOKEN),
      {
        teams: ["nova", "retired-team"],
        notOpenStackContributor: false,
        projects: [
          { slug: "pip", kinds: ["code"], frequency: "once" },
          { slug: "gone", kinds: ["docs"], frequency: "once" },
        ],
        nothingOutsideOpenStack: false,
        others: ["my tool", "another"],
      },
      { projects: new Set(["pip"]), teams: new Set(["nova"]) },
    );
    expect(values).toMatchObject({
      round: "openstack-2026",
      token: TOKEN,
      teams: ["nova"],
      projects: [{ slug: "pip", kinds: ["code"], frequency: "once" }],
      others: "my tool\nanother",
      yearsContributing: "",
      comment: "",
    });
  });
});
