// Checks of the results page run inside the browser: labels that do not fit, and the unit each card states.
import type { Page } from "@playwright/test";

/**
 * Every label that does not fit where it is drawn: HTML text clipped by its box (scrollWidth > clientWidth), the
 * chosen option of a <select> wider than the control, and chart text reaching outside its figure.
 */
export async function findTruncatedLabels(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    // Cards off screen skip their layout (content-visibility: auto) until scrolled to; measure them laid out.
    const fullLayout = document.createElement("style");
    fullLayout.textContent = "[data-chart] { content-visibility: visible !important; }";
    document.head.appendChild(fullLayout);
    const problems: string[] = [];
    for (const element of document.querySelectorAll<HTMLElement>("main *")) {
      if (!(element instanceof HTMLElement) || element.closest("svg")) continue;
      const style = getComputedStyle(element);
      const clips = style.textOverflow === "ellipsis" || style.overflowX === "hidden" || style.overflowX === "clip";
      if (clips && element.scrollWidth > element.clientWidth + 1)
        problems.push(`clipped: ${element.tagName} "${element.textContent?.slice(0, 60)}"`);
    }
    const context = document.createElement("canvas").getContext("2d")!;
    for (const select of document.querySelectorAll<HTMLSelectElement>("main select")) {
      const style = getComputedStyle(select);
      context.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
      const chosen = select.selectedOptions[0]?.text ?? "";
      // Room for the text: the control minus its padding and the drop-down arrow.
      const room = select.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - 18;
      if (context.measureText(chosen).width > room) problems.push(`select ${select.name}: "${chosen}" is cut`);
    }
    for (const svg of document.querySelectorAll<SVGSVGElement>("svg[data-chart-svg]")) {
      const box = svg.getBoundingClientRect();
      for (const text of svg.querySelectorAll("text")) {
        const r = text.getBoundingClientRect();
        if (r.width === 0) continue;
        if (r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1 || r.bottom > box.bottom + 1)
          problems.push(`${svg.dataset.chartSvg}: "${text.textContent}" reaches outside the figure`);
      }
    }
    fullLayout.remove();
    return problems;
  });
}

export interface CardUnits {
  chart: string;
  /** The unit under the card's title. */
  card: string;
  /** The unit written in the figure (axis title, or the heatmap's colour scale); null when nothing is drawn. */
  figure: string | null;
}

export async function readCardUnits(page: Page): Promise<CardUnits[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>("[data-chart]")].map((card) => {
      const svg = card.querySelector("svg[data-chart-svg]");
      const unit = svg?.querySelector("text.unit")?.textContent ?? null;
      const scale = [...(svg?.querySelectorAll("text") ?? [])].find((t) => t.textContent?.startsWith("Colour: "));
      return {
        chart: card.dataset.chart ?? "",
        card: card.querySelector<HTMLElement>("[data-unit]")?.dataset.unit ?? "",
        figure: unit ?? scale?.textContent?.slice("Colour: ".length) ?? null,
      };
    }),
  );
}
