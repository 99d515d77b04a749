"use server";
// "Start from your last answer": a browser that keeps an earlier round's edit link asks for that answer's
// projects, kinds and frequencies (with its teams and free text) to pre-fill a new round's form. Only the
// holder of the link gets them; nothing is written, and nothing links the two rounds' answers on the server.
import { getDatabase } from "@/lib/db/client";
import { getResponseByToken } from "@/lib/db/responses";
import type { CarriedAnswer } from "@/lib/survey/browser-memory";
import { isWellFormedEditToken } from "@/lib/survey/edit-token";
import { storedToAnswer } from "@/lib/survey/response-form";

export type PreviousAnswerResult = { ok: true; answer: CarriedAnswer } | { ok: false; message: string };

export async function readPreviousAnswer(token: unknown): Promise<PreviousAnswerResult> {
  const gone = { ok: false, message: "That earlier answer is no longer available (it may have been deleted)." } as const;
  if (typeof token !== "string" || !isWellFormedEditToken(token)) return gone;
  const stored = await getResponseByToken(getDatabase().db, token);
  if (!stored) return gone;
  const answer = storedToAnswer(stored);
  return {
    ok: true,
    answer: {
      teams: answer.teams,
      notOpenStackContributor: answer.notOpenStackContributor,
      projects: answer.projects,
      nothingOutsideOpenStack: answer.nothingOutsideOpenStack,
      others: answer.others,
    },
  };
}
