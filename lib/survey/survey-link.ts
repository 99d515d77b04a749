// The link organisers share for a round, and its QR code as SVG markup, drawn on the server by the `qrcode`
// library: no script or image request in the browser, and it prints sharply at any size.
import QRCode from "qrcode";

/** The survey's public address for a round: the origin the organiser is using, then /survey/<slug>. */
export function surveyLink(origin: string, slug: string): string {
  return new URL(`/survey/${encodeURIComponent(slug)}`, origin).toString();
}

/** An SVG QR code of `text`; medium error correction survives a printed copy's smudges. */
export async function toQrSvg(text: string): Promise<string> {
  return QRCode.toString(text, { type: "svg", errorCorrectionLevel: "M", margin: 2, color: { dark: "#000000", light: "#ffffff" } });
}

/** The origin a request came in on, from its Host and the proxy's X-Forwarded-Proto (http when absent). */
export function requestOrigin(headers: { get(name: string): string | null }): string {
  const host = headers.get("x-forwarded-host")?.split(",")[0]?.trim() || headers.get("host") || "localhost";
  const proto = headers.get("x-forwarded-proto")?.split(",")[0]?.trim() === "https" ? "https" : "http";
  return `${proto}://${host}`;
}
