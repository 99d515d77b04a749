"use client";
// localStorage for the survey (lib/survey/browser-memory.ts says what is kept). Storage can be full, disabled
// or blocked (private modes, strict settings): then nothing is kept and the form works as before. Reading
// is asynchronous: the checks of what was kept (and Zod with them) load only when something was kept, so a
// first visit's page carries none of it.
import { ANSWERS_KEY, DRAFT_KEY_PREFIX, type Draft, type RememberedAnswers } from "@/lib/survey/browser-memory";

const storedMemory = () => import("@/lib/survey/browser-memory-schema");

function read(key: string): string | null {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null;
  }
}

function write(key: string, value: string | null): void {
  try {
    if (value === null) window.localStorage.removeItem(key);
    else window.localStorage.setItem(key, value);
  } catch {
    // Nothing kept; the form still works.
  }
}

export async function loadDraft(round: string): Promise<Draft | null> {
  const stored = read(DRAFT_KEY_PREFIX + round);
  return stored === null ? null : (await storedMemory()).parseDraft(stored);
}

export const saveDraft = (round: string, draft: Draft) => write(DRAFT_KEY_PREFIX + round, JSON.stringify(draft));
export const clearDraft = (round: string) => write(DRAFT_KEY_PREFIX + round, null);

export async function loadRememberedAnswers(): Promise<RememberedAnswers> {
  const stored = read(ANSWERS_KEY);
  return stored === null ? {} : (await storedMemory()).parseRememberedAnswers(stored);
}

export async function rememberAnswer(round: string, token: string, answeredAt: string): Promise<void> {
  const answers = await loadRememberedAnswers();
  if (answers[round]?.token === token) return;
  write(ANSWERS_KEY, JSON.stringify({ ...answers, [round]: { token, answeredAt } }));
}

/** "Forget this browser": every edit link and every draft this survey kept here. */
export function forgetThisBrowser(): void {
  write(ANSWERS_KEY, null);
  try {
    for (const key of Object.keys(window.localStorage)) if (key.startsWith(DRAFT_KEY_PREFIX)) write(key, null);
  } catch {
    // nothing to forget
  }
}
