// What a sign-in form and `npm run admin:create` accept. Pure: no hashing or database here.
import { z } from "zod";
import { organiserRoleSchema } from "./roles";

export const MIN_PASSWORD_LENGTH = 12;
// argon2 hashes the whole input; a cap keeps a megabyte "password" from costing a megabyte of hashing.
export const MAX_PASSWORD_LENGTH = 256;

export const emailSchema = z
  .string({ error: "Enter an email address" })
  .trim()
  .toLowerCase()
  .max(254, "Enter an email address of at most 254 characters")
  .pipe(z.email({ error: "Enter a valid email address" }));

export const newPasswordSchema = z
  .string({ error: "Enter a password" })
  .min(MIN_PASSWORD_LENGTH, `The password must be at least ${MIN_PASSWORD_LENGTH} characters`)
  .max(MAX_PASSWORD_LENGTH, `The password must be at most ${MAX_PASSWORD_LENGTH} characters`);

export const createOrganiserSchema = z.object({
  email: emailSchema,
  password: newPasswordSchema,
  role: organiserRoleSchema.default("admin"),
});
export type CreateOrganiserInput = z.input<typeof createOrganiserSchema>;

// Sign-in checks only the shape: a wrong password and a malformed one must look the same to the sender.
export const signInSchema = z.object({
  email: z.string({ error: "Enter your email address" }).trim().toLowerCase().min(1, "Enter your email address").max(254),
  password: z.string({ error: "Enter your password" }).min(1, "Enter your password").max(MAX_PASSWORD_LENGTH),
});
export type SignInInput = z.infer<typeof signInSchema>;

/** The one message for every failed sign-in, so it never reveals whether the email exists. */
export const SIGN_IN_FAILED_MESSAGE = "The email or password is not correct.";

export function tooManyAttemptsMessage(retryAfterSeconds: number): string {
  const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
  return `Too many attempts, try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`;
}
