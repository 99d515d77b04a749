// A chart's numbers as a table: for screen readers, and for anyone who wants the exact figures. Drawn on the
// server; <details> opens without JavaScript. The scroll area is focusable so keyboard users can scroll it.
// The table is sent as one HTML string: React then hydrates one element instead of every cell, which on a
// phone is a good part of the page's start-up work (the heatmaps' tables have hundreds of cells).
import { escapeXml } from "./svg-markup";
import styles from "./charts.module.css";

export interface DataTableProps {
  caption: string;
  columns: string[];
  rows: string[][];
}

export function tableHtml({ caption, columns, rows }: DataTableProps): string {
  const head = columns.map((column) => `<th scope="col">${escapeXml(column)}</th>`).join("");
  const body = rows
    .map(
      (row) =>
        `<tr>${row.map((cell, j) => (j === 0 ? `<th scope="row">${escapeXml(cell)}</th>` : `<td>${escapeXml(cell)}</td>`)).join("")}</tr>`,
    )
    .join("");
  return `<table class="${styles.table}"><caption>${escapeXml(caption)}</caption><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

export function DataTable(props: DataTableProps) {
  return (
    <details className={styles.tableDetails}>
      <summary>Show data table</summary>
      <div
        className={styles.tableScroll}
        tabIndex={0}
        role="region"
        aria-label={`${props.caption} (scrollable table)`}
        dangerouslySetInnerHTML={{ __html: tableHtml(props) }}
      />
    </details>
  );
}
