"use client";
// A figure on the page: the SVG drawn from its description for the chosen view. The server's HTML already holds
// it (so the page works without JavaScript); in the browser the same function redraws it when the view changes.
import { useMemo } from "react";
import type { FigureSpec } from "./figure-spec";
import { renderFigure } from "./render-figure";
import { useResultsView } from "./results-view";
import styles from "./charts.module.css";

export function ChartFigure({ spec, title }: { spec: FigureSpec; title: string }) {
  const { view } = useResultsView();
  const markup = useMemo(() => renderFigure(spec, view), [spec, view]);
  const drawing = <div className={styles.drawing} data-view={view} dangerouslySetInnerHTML={{ __html: markup }} />;
  // Heatmaps keep their size and scroll sideways on a narrow screen; the scroll area is reachable by keyboard.
  return spec.kind === "heat" ? (
    <div className={styles.scroll} tabIndex={0} role="region" aria-label={`${title} (scrolls sideways)`}>
      {drawing}
    </div>
  ) : (
    drawing
  );
}
