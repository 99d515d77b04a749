"use client";
import { useEffect } from "react";
import { clearDraft, rememberAnswer } from "./browser-store";

/**
 * Keeps this answer's edit link in this browser (so `/` can say "you answered", and a later round can start
 * from it) and drops the round's draft, which this answer replaces. Renders nothing.
 */
export function RememberAnswer({ round, token, answeredAt }: { round: string; token: string; answeredAt: string }) {
  useEffect(() => {
    clearDraft(round);
    void rememberAnswer(round, token, answeredAt);
  }, [round, token, answeredAt]);
  return null;
}
