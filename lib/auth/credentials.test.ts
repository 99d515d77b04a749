import { describe, expect, it } from "vitest";
import { createOrganiserSchema, signInSchema, tooManyAttemptsMessage } from "./credentials";
import { hasRole } from "./roles";

describe("organiser credentials", () => {
  it("normalises the email and defaults the role to admin", () => {
    expect(createOrganiserSchema.parse({ email: " Admin@Example.ORG ", password: "correct horse battery" })).toEqual({
      email: "admin@example.org",
      password: "correct horse battery",
      role: "admin",
    });
  });

  it("refuses short passwords, bad emails and unknown roles", () => {
    expect(createOrganiserSchema.safeParse({ email: "a@b.org", password: "short" }).success).toBe(false);
    expect(createOrganiserSchema.safeParse({ email: "not-an-email", password: "long enough password" }).success).toBe(false);
    expect(createOrganiserSchema.safeParse({ email: "a@b.org", password: "long enough password", role: "root" }).success).toBe(false);
  });

  it("accepts any non-empty sign-in shape so wrong and malformed passwords look alike", () => {
    expect(signInSchema.safeParse({ email: "x", password: "y" }).success).toBe(true);
    expect(signInSchema.safeParse({ email: "", password: "y" }).success).toBe(false);
    expect(signInSchema.safeParse({ email: "x", password: "y".repeat(10_000) }).success).toBe(false);
  });

  it("says how many minutes to wait, rounded up", () => {
    expect(tooManyAttemptsMessage(1)).toBe("Too many attempts, try again in 1 minute.");
    expect(tooManyAttemptsMessage(601)).toBe("Too many attempts, try again in 11 minutes.");
  });

  it("lets an admin do what an analyst may, never the reverse", () => {
    expect(hasRole("admin", "analyst")).toBe(true);
    expect(hasRole("admin", "admin")).toBe(true);
    expect(hasRole("analyst", "analyst")).toBe(true);
    expect(hasRole("analyst", "admin")).toBe(false);
    expect(hasRole("root", "analyst")).toBe(false);
  });
});
