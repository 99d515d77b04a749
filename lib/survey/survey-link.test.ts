import { describe, expect, it } from "vitest";
import { requestOrigin, surveyLink, toQrSvg } from "./survey-link";

const headers = (values: Record<string, string>) => ({ get: (name: string) => values[name] ?? null });

describe("survey link", () => {
  it("is the round's survey page on the origin the organiser uses", () => {
    expect(surveyLink("https://census.example.org", "openstack-2027")).toBe("https://census.example.org/survey/openstack-2027");
    expect(requestOrigin(headers({ host: "127.0.0.1:3000" }))).toBe("http://127.0.0.1:3000");
    expect(requestOrigin(headers({ host: "internal:3000", "x-forwarded-host": "census.example.org", "x-forwarded-proto": "https" }))).toBe(
      "https://census.example.org",
    );
  });

  it("draws a QR code as SVG markup with no script", async () => {
    const svg = await toQrSvg("https://census.example.org/survey/openstack-2027");
    expect(svg).toMatch(/^<svg[^>]*viewBox="0 0 \d+ \d+"/);
    expect(svg).not.toMatch(/<script|on\w+=/i);
  });
});
