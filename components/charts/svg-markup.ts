// Building SVG as text. The figures are drawn as strings rather than React elements so that one pure function
// draws a chart on the server (the page works without JavaScript), in the browser (the %/count switch) and into a
// saved file, and so hydrating a card does not walk thousands of SVG nodes.
export type Attributes = Record<string, string | number | null | undefined | false>;

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Text and attribute values are escaped: labels come from the catalogue, which organisers edit. */
export const escapeXml = (text: string) => text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

export function attributes(attrs: Attributes): string {
  return Object.entries(attrs)
    .filter(([, value]) => value !== null && value !== undefined && value !== false)
    .map(([name, value]) => ` ${name}="${escapeXml(String(value))}"`)
    .join("");
}

/** An element with already-built children (strings from other calls to el or text). */
export function el(tag: string, attrs: Attributes, ...children: string[]): string {
  const inner = children.join("");
  return inner === "" ? `<${tag}${attributes(attrs)}/>` : `<${tag}${attributes(attrs)}>${inner}</${tag}>`;
}

export function text(attrs: Attributes, content: string, tooltip?: string): string {
  return el("text", attrs, tooltip ? el("title", {}, escapeXml(tooltip)) : "", escapeXml(content));
}

/** A native tooltip: hover text without JavaScript, read by screen readers as the element's name. */
export const title = (content: string) => el("title", {}, escapeXml(content));

export const FONT_FAMILY = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";
export const TEXT_COLOUR = "#1b1f24";
export const MUTED_COLOUR = "#57606a";
export const GRID_COLOUR = "#e5e9ef";
export const HIDDEN_FILL = "#f3f4f6";
export const HATCH_STROKE = "#8c959f";
/** The outline of a zero cell: white with a thin border, unlike the hatched hidden cell. */
export const ZERO_OUTLINE = "#afb8c1";

/**
 * An upper bound of a label's width in pixels for the system sans-serif fonts: wide enough that text laid out by
 * it is never cut, a little generous for narrow letters.
 */
export function textWidth(content: string, fontSize: number): number {
  let units = 0;
  // Per-character widths (in em) of the widest common fallback, DejaVu Sans, rounded up.
  for (const c of content)
    units += /[mwMW@%]/.test(c)
      ? 0.95
      : /[A-Z0-9#&+<>_–—=]/.test(c)
        ? 0.72
        : /[ilj.,:;'|!()\[\] ]/.test(c)
          ? 0.34
          : 0.63;
  return Math.ceil(units * fontSize);
}

/** Break a label into lines of at most `max` characters at spaces (or after "/" and "-"); words are never cut. */
export function wrapText(content: string, max: number): string[] {
  const words = content.split(/(?<=[\s/-])/);
  const lines: string[] = [];
  let line = "";
  for (const word of words) {
    if (line !== "" && (line + word).trimEnd().length > max) {
      lines.push(line.trimEnd());
      line = word.trimStart();
    } else line += word;
  }
  if (line.trim() !== "") lines.push(line.trimEnd());
  return lines.length > 0 ? lines : [""];
}

/** The pattern that marks a hidden count everywhere: grey with diagonal lines, never mistaken for zero or a bar. */
export function hatchPattern(id: string): string {
  return el(
    "pattern",
    { id, width: 6, height: 6, patternUnits: "userSpaceOnUse", patternTransform: "rotate(45)" },
    el("rect", { width: 6, height: 6, fill: HIDDEN_FILL }),
    el("line", { x1: 1, y1: 0, x2: 1, y2: 6, stroke: HATCH_STROKE, "stroke-width": 1.5 }),
  );
}

/** The root element of a figure. `width` may be "100%": bars and columns stretch with their card. */
export function svgRoot(
  options: { width: number | string; height: number; label: string; id: string },
  ...children: string[]
): string {
  return el(
    "svg",
    {
      xmlns: "http://www.w3.org/2000/svg",
      width: options.width,
      height: options.height,
      role: "img",
      "aria-label": options.label,
      "font-family": FONT_FAMILY,
      "font-size": 12,
      "data-chart-svg": options.id,
      style: "display:block",
    },
    ...children,
  );
}
