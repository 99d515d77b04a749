"use client";
// The catalogue's search and category filter: a plain GET form (it works without JavaScript); with JavaScript the
// list follows as the organiser types, a moment after the last key, and the URL stays shareable.
import { usePathname, useRouter } from "next/navigation";
import { useEffect, useRef, useTransition } from "react";
import styles from "./action-form.module.css";

export function CatalogueSearch({ q, category, status, categories }: { q: string; category: string; status: string; categories: { slug: string; name: string }[] }) {
  const router = useRouter();
  const pathname = usePathname();
  const form = useRef<HTMLFormElement>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const [isPending, startTransition] = useTransition();
  useEffect(() => () => clearTimeout(timer.current), []);

  const navigate = () => {
    if (!form.current) return;
    const params = new URLSearchParams();
    for (const [key, value] of new FormData(form.current)) if (String(value).trim()) params.set(key, String(value).trim());
    const query = params.toString();
    startTransition(() => router.replace(`${pathname}${query ? `?${query}` : ""}`, { scroll: false }));
  };
  const later = () => {
    clearTimeout(timer.current);
    timer.current = setTimeout(navigate, 250);
  };

  return (
    <form
      ref={form}
      method="get"
      action={pathname}
      role="search"
      aria-label="Search the catalogue"
      aria-busy={isPending}
      className={styles.form}
      onSubmit={(event) => {
        event.preventDefault();
        navigate();
      }}
    >
      <label>
        Search <input type="search" name="q" defaultValue={q} autoComplete="off" placeholder="name or alias" onInput={later} />
      </label>
      <label>
        Category{" "}
        <select name="category" defaultValue={category} onChange={navigate}>
          <option value="">All categories</option>
          {categories.map((c) => (
            <option key={c.slug} value={c.slug}>
              {c.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        Status{" "}
        <select name="status" defaultValue={status} onChange={navigate}>
          <option value="">Active and retired</option>
          <option value="active">Active</option>
          <option value="retired">Retired</option>
          <option value="merged">Merged</option>
        </select>
      </label>
      <button type="submit" className="secondary">
        Search
      </button>
    </form>
  );
}
