"use server";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { isSameOriginRequest } from "@/lib/auth/origin";
import { signInFromRequest } from "@/lib/auth/sign-in";

export interface SignInState {
  message?: string;
  email?: string;
}

export async function signInAction(_previous: SignInState, formData: FormData): Promise<SignInState> {
  const requestHeaders = await headers();
  if (!isSameOriginRequest(requestHeaders)) return { message: "This form must be sent from the census site itself." };
  if (!(formData instanceof FormData)) return { message: "Enter your email and password." };
  const email = formData.get("email");
  const result = await signInFromRequest(requestHeaders, { email, password: formData.get("password") });
  if (!result.ok) return { message: result.message, email: typeof email === "string" ? email.slice(0, 254) : "" };
  redirect("/admin");
}
