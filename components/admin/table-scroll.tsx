// A wide admin table scrolls sideways inside its own box, so a phone-width page never scrolls sideways as a whole.
// Focusable and labelled, as the results' data tables are, so it can be scrolled from the keyboard and is announced.
import type { ReactNode } from "react";
import styles from "./table-scroll.module.css";

export function TableScroll({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className={styles.scroll} role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
