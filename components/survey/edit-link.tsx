"use client";
import { useState } from "react";
import styles from "./survey-page.module.css";
import { useHydrated } from "./use-hydrated";

/** The private edit link: a plain link always, plus its full address and a copy button once JavaScript runs. */
export function EditLink({ path }: { path: string }) {
  const isHydrated = useHydrated();
  const [copied, setCopied] = useState<"idle" | "done" | "failed">("idle");
  const url = isHydrated ? new URL(path, window.location.origin).toString() : path;
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(url);
      setCopied("done");
    } catch {
      setCopied("failed");
    }
  };
  return (
    <div>
      {isHydrated && (
        <div className={styles.linkRow}>
          <label htmlFor="edit-link" className="visually-hidden">
            Your private edit link
          </label>
          <input id="edit-link" type="text" readOnly value={url} onFocus={(event) => event.currentTarget.select()} />
          <button type="button" className="secondary" onClick={copy}>
            Copy link
          </button>
          <span role="status" className="muted">
            {copied === "done" ? "Copied." : copied === "failed" ? "Copying failed; select the link and copy it." : ""}
          </span>
        </div>
      )}
      <p>
        <a href={path}>Open my private edit link</a> {!isHydrated && <span className={styles.linkText}>({path})</span>}
      </p>
    </div>
  );
}
