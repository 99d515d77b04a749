// Saving a chart as SVG or PNG in the browser: the chart's own SVG, with its title and n written above it.
const SVG_NS = "http://www.w3.org/2000/svg";
const HEADER_HEIGHT = 52;

/** The chart's SVG in a figure: a hand-drawn one, or the surface Recharts draws (not its legend icons). */
export function findChartSvg(container: HTMLElement): SVGSVGElement | null {
  return container.querySelector<SVGSVGElement>("svg[data-chart-svg], .recharts-wrapper > svg");
}

export function buildStandaloneSvg(
  svg: SVGSVGElement,
  title: string,
  subtitle: string,
): { text: string; width: number; height: number } {
  const box = svg.getBoundingClientRect();
  const width = Math.ceil(box.width) || Number(svg.getAttribute("width")) || 800;
  const chartHeight = Math.ceil(box.height) || Number(svg.getAttribute("height")) || 400;
  const height = chartHeight + HEADER_HEIGHT;
  const clone = svg.cloneNode(true) as SVGSVGElement;
  clone.setAttribute("x", "0");
  clone.setAttribute("y", String(HEADER_HEIGHT));
  clone.setAttribute("width", String(width));
  clone.setAttribute("height", String(chartHeight));
  const root = document.createElementNS(SVG_NS, "svg");
  root.setAttribute("xmlns", SVG_NS);
  root.setAttribute("width", String(width));
  root.setAttribute("height", String(height));
  root.setAttribute("viewBox", `0 0 ${width} ${height}`);
  root.setAttribute("font-family", "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif");
  const background = document.createElementNS(SVG_NS, "rect");
  background.setAttribute("width", "100%");
  background.setAttribute("height", "100%");
  background.setAttribute("fill", "#ffffff");
  root.appendChild(background);
  const line = (text: string, y: number, size: number, weight: string, fill: string) => {
    const element = document.createElementNS(SVG_NS, "text");
    element.setAttribute("x", "8");
    element.setAttribute("y", String(y));
    element.setAttribute("font-size", String(size));
    element.setAttribute("font-weight", weight);
    element.setAttribute("fill", fill);
    element.textContent = text;
    root.appendChild(element);
  };
  line(title, 20, 16, "700", "#1b1f24");
  line(subtitle, 40, 12, "400", "#57606a");
  root.appendChild(clone);
  return { text: new XMLSerializer().serializeToString(root), width, height };
}

export function downloadBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = filename;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export async function svgToPngBlob(svgText: string, width: number, height: number, scale = 2): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([svgText], { type: "image/svg+xml;charset=utf-8" }));
  try {
    const image = new Image();
    await new Promise<void>((resolve, reject) => {
      image.onload = () => resolve();
      image.onerror = () => reject(new Error("the chart could not be drawn as an image"));
      image.src = url;
    });
    const canvas = document.createElement("canvas");
    canvas.width = width * scale;
    canvas.height = height * scale;
    const context = canvas.getContext("2d");
    if (!context) throw new Error("this browser cannot draw on a canvas");
    context.scale(scale, scale);
    context.drawImage(image, 0, 0, width, height);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error("PNG encoding failed"))), "image/png"),
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}
