// A chart's numbers as a table: for screen readers, and for anyone who wants the exact figures. Drawn on the
// server; <details> opens without JavaScript. The scroll area is focusable so keyboard users can scroll it.
import styles from "./charts.module.css";

export interface DataTableProps {
  caption: string;
  columns: string[];
  rows: string[][];
}

export function DataTable({ caption, columns, rows }: DataTableProps) {
  return (
    <details className={styles.tableDetails}>
      <summary>Show data table</summary>
      <div className={styles.tableScroll} tabIndex={0} role="region" aria-label={`${caption} (scrollable table)`}>
        <table className={styles.table}>
          <caption>{caption}</caption>
          <thead>
            <tr>
              {columns.map((column) => (
                <th key={column} scope="col">
                  {column}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row, i) => (
              <tr key={i}>
                {row.map((cell, j) =>
                  j === 0 ? (
                    <th key={j} scope="row">
                      {cell}
                    </th>
                  ) : (
                    <td key={j}>{cell}</td>
                  ),
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
