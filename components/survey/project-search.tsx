"use client";
import { useId, useMemo, useState, type KeyboardEvent } from "react";
import { suggestProjects, type CatalogueIndex } from "@/lib/survey/catalogue-match";
import { suggestForTypo } from "@/lib/survey/responses-import/typo-hints";
import type { ProjectOption } from "@/lib/survey/survey-catalogue";
import styles from "./survey-form.module.css";

interface ProjectSearchProps {
  label: string;
  index: CatalogueIndex<ProjectOption>;
  categoryNames: ReadonlyMap<string, string>;
  chosen: ReadonlySet<string>;
  /** Called with the search box's id, where focus returns once the project is chosen. */
  onChoose(project: ProjectOption, searchInputId: string): void;
}

/**
 * Type-ahead over names and aliases, following the ARIA combobox pattern (list autocomplete): arrow keys
 * move through the suggestions, Enter chooses, Escape closes; focus stays in the input throughout.
 */
export function ProjectSearch({ label, index, categoryNames, chosen, onChoose }: ProjectSearchProps) {
  const id = useId();
  const listId = `${id}-list`;
  const [query, setQuery] = useState("");
  const [isOpen, setIsOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [announcement, setAnnouncement] = useState("");
  const matches = useMemo(() => suggestProjects(index, query, 8), [index, query]);
  // Nothing matches: the import's typo matcher offers the catalogue entry one or two typos away, as an option.
  const typo = useMemo(() => {
    if (matches.length > 0 || query.trim().length < 4) return null;
    const slug = suggestForTypo(index, query);
    return index.projects.find((project) => project.slug === slug) ?? null;
  }, [index, matches, query]);
  const suggestions = typo ? [typo] : matches;
  const isExpanded = isOpen && query.trim().length > 0;
  const optionId = (position: number) => `${id}-option-${position}`;

  const choose = (project: ProjectOption) => {
    onChoose(project, `${id}-input`);
    setQuery("");
    setIsOpen(false);
    setActive(-1);
    setAnnouncement(
      chosen.has(project.slug)
        ? `${project.name} is already chosen.`
        : `${project.name} added. Say how you contribute below.`,
    );
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      if (!isOpen) setIsOpen(true);
      if (suggestions.length === 0) return;
      const step = event.key === "ArrowDown" ? 1 : -1;
      setActive((current) => (current + step + suggestions.length) % suggestions.length);
    } else if (event.key === "Enter") {
      // Enter in the search box chooses a suggestion; it must never submit the whole survey.
      event.preventDefault();
      const project = suggestions[active] ?? (suggestions.length > 0 && isExpanded ? suggestions[0] : undefined);
      if (project) choose(project);
    } else if (event.key === "Escape") {
      if (isExpanded) {
        event.preventDefault();
        setIsOpen(false);
        setActive(-1);
      } else setQuery("");
    }
  };

  const status = !isExpanded
    ? announcement
    : typo
      ? `No project in the list matches. Did you mean ${typo.name}? Press Enter to choose it.`
      : suggestions.length === 0
        ? "No project in the list matches. You can name it under “Other projects” below."
      : `${suggestions.length} ${suggestions.length === 1 ? "project matches" : "projects match"}; use the arrow keys to choose.`;

  return (
    <div className={styles.search}>
      <label htmlFor={`${id}-input`} className={styles.searchLabel}>
        {label}
      </label>
      <input
        id={`${id}-input`}
        type="text"
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={isExpanded && suggestions.length > 0}
        aria-controls={listId}
        aria-activedescendant={isExpanded && active >= 0 ? optionId(active) : undefined}
        aria-describedby={`${id}-status`}
        autoComplete="off"
        spellCheck={false}
        placeholder="e.g. sqlalchemy, pypa/pip, k8s"
        value={query}
        onChange={(event) => {
          setQuery(event.target.value);
          setIsOpen(true);
          setActive(-1);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => setIsOpen(false)}
        onFocus={() => setIsOpen(true)}
      />
      <ul
        id={listId}
        role="listbox"
        aria-label="Matching projects"
        className={styles.listbox}
        hidden={!isExpanded || suggestions.length === 0}
      >
        {suggestions.map((project, position) => (
          <li
            key={project.slug}
            id={optionId(position)}
            role="option"
            aria-selected={position === active}
            className={styles.option}
            // mousedown would blur the input and close the list before the click lands.
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => choose(project)}
          >
            <span className={styles.optionName}>
              {typo ? (
                <>
                  <span className={styles.typoHint}>Did you mean</span> {project.name}?
                </>
              ) : (
                project.name
              )}
            </span>
            <span className={styles.optionMeta}>
              {categoryNames.get(project.categorySlug)}
              {chosen.has(project.slug) ? " · chosen" : ""}
            </span>
          </li>
        ))}
      </ul>
      <p id={`${id}-status`} className={styles.searchStatus} aria-live="polite">
        {status}
      </p>
    </div>
  );
}
