"use client";
// The frame of every chart: title, n and the unit of the chosen view, the figure, its notes, a CSV download, and
// "save as PNG / SVG" of the same figure with its title, filters, legend and unit.
import { useRef, useState, useSyncExternalStore, type ReactNode } from "react";
import type { FigureSpec, FigureUnits } from "./figure-spec";
import { ChartFigure } from "./chart-figure";
import { downloadBlob, svgToPngBlob } from "./export-image";
import { renderStandaloneFigure } from "./render-figure";
import { useResultsView } from "./results-view";
import styles from "./charts.module.css";

export interface ChartCardProps {
  id: string;
  title: string;
  /** "n = 300 respondents", written on the card and into saved images. */
  nText: string;
  /** What the numbers are in each view, written under the title and into saved images. */
  units: FigureUnits;
  csvLinks: { href: string; label: string }[];
  notes?: ReactNode;
  wide?: boolean;
  /** A file-name stem for saved images: chart, round and filters. */
  fileStem: string;
  /** Round and filters, written into saved images so a picture never loses its context. */
  imageCaption: string;
  /** What to draw; absent when the card explains instead why there is nothing to draw. */
  figure?: FigureSpec;
  /** The data table, or the card's one-line notice. */
  children?: ReactNode;
}

const subscribeNever = () => () => {};
/** False in the server's HTML and during hydration, true after: buttons that need JavaScript appear only then. */
const useHydrated = () =>
  useSyncExternalStore(
    subscribeNever,
    () => true,
    () => false,
  );

export function ChartCard(props: ChartCardProps) {
  const { id, title, nText, units, csvLinks, notes, wide, fileStem, imageCaption, figure, children } = props;
  const { view } = useResultsView();
  const hydrated = useHydrated();
  const frame = useRef<HTMLDivElement>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const unit = view === "percent" ? units.percent : units.count;

  const save = async (format: "svg" | "png") => {
    if (!figure) return;
    setProblem(null);
    const standalone = renderStandaloneFigure(figure, view, {
      title,
      caption: `${imageCaption} · ${nText} · ${unit}`,
      width: frame.current?.clientWidth ?? 720,
    });
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
        <p className={styles.meta} data-unit={unit}>
          <strong>{nText}</strong> · {unit}
        </p>
      </header>
      {figure ? (
        <div ref={frame} className={styles.figure}>
          <ChartFigure spec={figure} title={title} />
        </div>
      ) : null}
      {children}
      {notes ? <div className={styles.notes}>{notes}</div> : null}
      <div className={styles.actions}>
        {csvLinks.map((link) => (
          <a key={link.href} href={link.href} className={styles.action} download>
            {link.label}
          </a>
        ))}
        {figure && hydrated ? (
          <>
            <button type="button" className={styles.action} onClick={() => void save("png")}>
              Save as PNG
            </button>
            <button type="button" className={styles.action} onClick={() => void save("svg")}>
              Save as SVG
            </button>
          </>
        ) : null}
        {problem ? (
          <span role="alert" className="error">
            {problem}
          </span>
        ) : null}
      </div>
    </section>
  );
}

export function ChartMessage({ children }: { children: ReactNode }) {
  return <p className={styles.message}>{children}</p>;
}
