"use client";
import type { MouseEvent } from "react";
import type { RoundQuestions } from "@/lib/survey/questions";
import type { FieldErrors } from "@/lib/survey/response-schema";
import { allProjects, type SurveyCatalogue } from "@/lib/survey/survey-catalogue";
import { frequencyInputId, kindInputId, projectInputId } from "./project-picker";
import styles from "./survey-form.module.css";

/** The errors as links to their fields, so a long form never hides what needs fixing. */
export function ErrorLinks({
  errors,
  questions,
  catalogue,
}: {
  errors: FieldErrors;
  questions: RoundQuestions;
  catalogue: SurveyCatalogue;
}) {
  const names = new Map(allProjects(catalogue).map((project) => [project.slug, project.name]));
  const links = Object.entries(errors).flatMap(([key, message]) => {
    const [head, slug, field] = key.split(":");
    if (head === "project" && slug) {
      const target =
        field === "kinds"
          ? kindInputId(slug, questions.kinds.options[0]?.code ?? "code")
          : field === "frequency"
            ? frequencyInputId(slug, questions.frequency.options[0]?.code ?? "once")
            : projectInputId(slug);
      return [{ key, href: `#${target}`, text: `${names.get(slug) ?? slug}: ${message}` }];
    }
    const target = Object.hasOwn(FIELD_TARGETS, key) ? FIELD_TARGETS[key] : undefined;
    return target ? [{ key, href: `#${target}`, text: message }] : [];
  });
  // A question's link goes to its group; focus its first control, as a link to a field focuses the field.
  const focusFirstControl = (event: MouseEvent<HTMLAnchorElement>, href: string) => {
    const target = document.getElementById(href.slice(1));
    const control = target?.matches("input, textarea, select")
      ? target
      : target?.querySelector<HTMLElement>("input:not([type=hidden]):not([disabled]), textarea");
    if (!control) return;
    event.preventDefault();
    target?.scrollIntoView({ block: "start" });
    control.focus({ preventScroll: true });
  };
  if (links.length === 0) return null;
  return (
    <ul className={styles.errorLinks}>
      {links.map((link) => (
        <li key={link.key}>
          <a href={link.href} onClick={(event) => focusFirstControl(event, link.href)}>
            {link.text}
          </a>
        </li>
      ))}
    </ul>
  );
}

const FIELD_TARGETS: Record<string, string> = {
  teams: "question-teams",
  notOpenStackContributor: "question-teams",
  projects: "question-projects",
  nothingOutsideOpenStack: "field-nothing-outside",
  carriedOver: "carried-over",
  others: "field-others",
  yearsContributing: "field-years",
  employerPaid: "question-employer",
  comment: "field-comment",
};
