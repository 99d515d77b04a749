"use client";
import { useActionState } from "react";
import { signInAction, type SignInState } from "./actions";
import styles from "../admin.module.css";

export function SignInForm() {
  const [state, formAction, isPending] = useActionState<SignInState, FormData>(signInAction, {});
  return (
    <form action={formAction} className={styles.stack} noValidate>
      <label>
        Email
        <input name="email" type="email" autoComplete="username" required defaultValue={state.email} />
      </label>
      <label>
        Password
        <input name="password" type="password" autoComplete="current-password" required />
      </label>
      {state.message ? (
        <p className="error" role="alert">
          {state.message}
        </p>
      ) : null}
      <button type="submit" disabled={isPending}>
        Sign in
      </button>
    </form>
  );
}
