import { describe, expect, it } from "vitest";
import { hasShownValues, hiddenValue, shownValue, type BarsSpec, type ColumnsSpec, type HeatSpec } from "./figure-spec";
import { heatColour } from "./palette";
import { renderFigure, renderStandaloneFigure } from "./render-figure";
import { wrapText } from "./svg-markup";

const units = { percent: "% of respondents", count: "respondents" };
const hiddenNote = "hatched: fewer than 5 respondents, not shown";

const bars: BarsSpec = {
  kind: "bars",
  id: "bars",
  label: "Bars",
  units,
  hiddenNote,
  layout: "single",
  series: [],
  rows: [
    { label: "SQLAlchemy & <friends>", values: [shownValue(15, 25)] },
    { label: "Kubernetes", values: [hiddenValue("<5")] },
  ],
};

const unescape = (text: string) =>
  text
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&");
/** The visible text of every <text> element (not the tooltips). */
const textsOf = (svg: string) =>
  [...svg.matchAll(/<text[^>]*>(?:<title>[^<]*<\/title>)?([^<]*)<\/text>/g)].map((m) => unescape(m[1]!));

describe("bars", () => {
  it("writes the value in the chosen view and the unit on the axis", () => {
    const percent = renderFigure(bars, "percent");
    expect(textsOf(percent)).toContain("25.0%");
    expect(textsOf(percent)).toContain("% of respondents");
    const count = renderFigure(bars, "count");
    expect(textsOf(count)).toContain("15");
    expect(textsOf(count)).toContain("respondents");
    expect(textsOf(count)).not.toContain("% of respondents");
  });

  it("marks a hidden count with the hatch and its legend, never as an empty bar", () => {
    const svg = renderFigure(bars, "percent");
    expect(svg).toContain('fill="url(#bars-hatch)"');
    expect(svg).toMatch(/<rect[^>]*data-hidden=""/);
    expect(textsOf(svg)).toContain("<5 respondents");
    expect(textsOf(svg)).toContain(hiddenNote);
    expect(textsOf(renderFigure(bars, "count"))).toContain("<5");
  });

  it("escapes labels from the catalogue", () => {
    const svg = renderFigure(bars, "count");
    expect(svg).toContain("SQLAlchemy &amp; &lt;friends&gt;");
    expect(svg).not.toContain("<friends>");
  });

  it("draws a legend entry per series for grouped and stacked bars", () => {
    const stacked: BarsSpec = {
      ...bars,
      layout: "stacked",
      series: ["Code", "Code review"],
      rows: [{ label: "Databases", values: [shownValue(30, 60), shownValue(20, 40)] }],
    };
    const texts = textsOf(renderFigure(stacked, "percent"));
    expect(texts).toEqual(expect.arrayContaining(["Code", "Code review", "60%", "40%"]));
  });
});

describe("columns", () => {
  const columns: ColumnsSpec = {
    kind: "columns",
    id: "days",
    label: "Days",
    units: { percent: "% of responses", count: "responses" },
    hiddenNote: "hatched: fewer than 5 responses that day",
    zeroNote: "empty: no responses that day",
    axis: "day (UTC)",
    columns: [
      { label: "05-01", value: shownValue(10, 50) },
      { label: "05-02", value: hiddenValue("<5") },
      { label: "05-03", value: shownValue(0, 0) },
      { label: "05-04", value: shownValue(6, 30) },
    ],
  };

  it("ends the labels of the last columns at their column, so none runs past the right edge on a phone", () => {
    const days = Array.from({ length: 42 }, (_, i) => ({ label: `04-${String(i + 1).padStart(2, "0")}`, value: shownValue(5, 2) }));
    const svg = renderFigure({ ...columns, columns: days }, "count");
    const labels = [...svg.matchAll(/<text[^>]*text-anchor="(middle|end)"[^>]*>(04-\d\d)<\/text>/g)].map((m) => [m[2], m[1]]);
    expect(labels[0]).toEqual(["04-01", "middle"]);
    expect(labels.at(-1)![1]).toBe("end");
  });

  it("tells a hidden day from an empty one in the legend and the marks", () => {
    const svg = renderFigure(columns, "count");
    expect(textsOf(svg)).toEqual(
      expect.arrayContaining(["hatched: fewer than 5 responses that day", "empty: no responses that day"]),
    );
    expect(svg.match(/data-hidden=""/g)).toHaveLength(1);
    expect(textsOf(svg)).toEqual(expect.arrayContaining(["responses", "day (UTC)"]));
  });
});

describe("heat", () => {
  const heat: HeatSpec = {
    kind: "heat",
    id: "heat",
    label: "Heat",
    units: { percent: "% of the team's respondents", count: "respondents" },
    hiddenNote,
    rows: ["Nova (n = 40)", "Neutron (n = 10)"],
    columns: ["Databases and database libraries", "Virtualization"],
    cells: [
      [shownValue(20, 50), shownValue(8, 20)],
      [shownValue(9, 90), hiddenValue("<5")],
    ],
  };

  it("colours by the chosen view: by count in count view, by share in % view", () => {
    // Count view: 20 is the largest count; % view: 90% is the largest share.
    expect(renderFigure(heat, "count")).toMatch(
      new RegExp(`fill="${heatColour(1).replace(/[()]/g, "\\$&")}"[^>]*><title>Nova \\(n = 40\\) × Databases`),
    );
    expect(renderFigure(heat, "percent")).toMatch(
      new RegExp(`fill="${heatColour(1).replace(/[()]/g, "\\$&")}"[^>]*><title>Neutron`),
    );
  });

  it("keeps one unit per grid: a hidden cell carries no number, the legend says what it is", () => {
    const texts = textsOf(renderFigure(heat, "percent"));
    expect(texts).not.toContain("<5");
    expect(texts).toContain(hiddenNote);
    expect(texts).toContain("Colour: % of the team's respondents");
    expect(texts).toEqual(expect.arrayContaining(["50", "20", "90"]));
  });

  it("writes every label in full", () => {
    const svg = renderFigure(heat, "count");
    expect(svg).toContain(">Databases and database libraries</text>");
    expect(svg).toContain(">Nova (n = 40)</text>");
  });
});

describe("saved pictures", () => {
  it("carry the title, the caption with n and unit, and the figure's legend", () => {
    const spec: BarsSpec = {
      ...bars,
      layout: "grouped",
      series: ["Demo 2025 (n = 300)", "Demo 2026 (n = 300)"],
      rows: [{ label: "pip", values: [shownValue(30, 10), hiddenValue("<5")] }],
    };
    const saved = renderStandaloneFigure(spec, "count", {
      title: "Comparison between rounds",
      caption: "Demo 2026 · n = 300 respondents · respondents",
      width: 600,
    });
    expect(saved.text.startsWith("<?xml")).toBe(true);
    expect(saved.width).toBe(600);
    const texts = textsOf(saved.text);
    expect(texts).toEqual(
      expect.arrayContaining([
        "Comparison between rounds",
        "Demo 2025 (n = 300)",
        "Demo 2026 (n = 300)",
        hiddenNote,
        "respondents",
      ]),
    );
  });
});

describe("wrapText", () => {
  it("breaks at spaces and keeps every word whole", () => {
    const label = "Packaging and distribution tools for Python and friends";
    const lines = wrapText(label, 20);
    expect(lines.every((line) => line.length <= 20)).toBe(true);
    expect(lines.join(" ")).toBe(label);
    expect(wrapText("Supercalifragilisticexpialidocious", 10)).toEqual(["Supercalifragilisticexpialidocious"]);
  });
});

describe("hasShownValues", () => {
  it("is false when every count is hidden or zero, so the card shows a notice instead of empty axes", () => {
    expect(hasShownValues(bars)).toBe(true);
    expect(
      hasShownValues({
        ...bars,
        rows: [
          { label: "a", values: [hiddenValue("<5")] },
          { label: "b", values: [shownValue(0, 0)] },
        ],
      }),
    ).toBe(false);
  });
});
