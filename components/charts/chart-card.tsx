"use client";
// The frame of every chart: title, n and denominator on the chart, its notes, a CSV download, and
// "save as PNG / SVG" built from the chart's own SVG.
import { useRef, useState, type ReactNode } from "react";
import { buildStandaloneSvg, downloadBlob, findChartSvg, svgToPngBlob } from "./export-image";
import styles from "./charts.module.css";

export interface ChartCardProps {
  id: string;
  title: string;
  /** "n = 300 respondents", written on the chart and into saved images. */
  nText: string;
  denominator: string;
  csvLinks: { href: string; label: string }[];
  notes?: ReactNode;
  wide?: boolean;
  /** A file-name stem for saved images: chart, round and filters. */
  fileStem: string;
  /** Round and filters, written into saved images so a picture never loses its context. */
  imageCaption: string;
  children: ReactNode;
}

export function ChartCard({
  id,
  title,
  nText,
  denominator,
  csvLinks,
  notes,
  wide,
  fileStem,
  imageCaption,
  children,
}: ChartCardProps) {
  const figure = useRef<HTMLDivElement>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const save = async (format: "svg" | "png") => {
    setProblem(null);
    const svg = figure.current && findChartSvg(figure.current);
    if (!svg) {
      setProblem("This chart has no image to save.");
      return;
    }
    const standalone = buildStandaloneSvg(svg, title, `${imageCaption} · ${nText} · ${denominator}`);
    try {
      if (format === "svg")
        downloadBlob(new Blob([standalone.text], { type: "image/svg+xml;charset=utf-8" }), `${fileStem}.svg`);
      else downloadBlob(await svgToPngBlob(standalone.text, standalone.width, standalone.height), `${fileStem}.png`);
    } catch (error) {
      setProblem((error as Error).message);
    }
  };

  return (
    <section className={`${styles.card} ${wide ? styles.wide : ""}`} aria-labelledby={`${id}-title`} data-chart={id}>
      <header className={styles.header}>
        <h2 id={`${id}-title`} className={styles.title}>
          {title}
        </h2>
        <p className={styles.meta}>
          <strong>{nText}</strong> · {denominator}
        </p>
      </header>
      <div ref={figure} className={styles.figure}>
        {children}
      </div>
      {notes ? <div className={styles.notes}>{notes}</div> : null}
      <div className={styles.actions}>
        {csvLinks.map((link) => (
          <a key={link.href} href={link.href} className={styles.action} download>
            {link.label}
          </a>
        ))}
        <button type="button" className={styles.action} onClick={() => void save("png")}>
          Save as PNG
        </button>
        <button type="button" className={styles.action} onClick={() => void save("svg")}>
          Save as SVG
        </button>
        {problem ? (
          <span role="alert" className="error">
            {problem}
          </span>
        ) : null}
      </div>
    </section>
  );
}

export interface DataTableProps {
  caption: string;
  columns: string[];
  rows: (string | number)[][];
}

/** The chart's numbers as a table: for screen readers, and for anyone who wants the exact figures. */
export function DataTable({ caption, columns, rows }: DataTableProps) {
  return (
    <details className={styles.tableDetails}>
      <summary>Show data table</summary>
      <div className={styles.tableScroll}>
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

export function ChartSkeleton({ wide }: { wide?: boolean }) {
  return (
    <div className={`${styles.card} ${styles.skeleton} ${wide ? styles.wide : ""}`} aria-hidden="true">
      <div className={styles.skeletonTitle} />
      <div className={styles.skeletonBody} />
    </div>
  );
}

export function ChartMessage({ children }: { children: ReactNode }) {
  return <p className={styles.message}>{children}</p>;
}
