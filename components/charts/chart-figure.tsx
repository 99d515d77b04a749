"use client";
// A figure on the page: the SVG drawn from its description for the chosen view. The server's HTML already holds
// it (so the page works without JavaScript); in the browser the same function redraws it when the view changes.
// Bars and columns become interactive (tooltips) when a reader points at, touches or focuses the card: only then
// is the Recharts layer loaded, drawn over the plot at the same size, under the figure's own legend.
import { memo, useEffect, useMemo, useRef, useState, type ComponentType } from "react";
import type { FigureSpec, FigureView } from "./figure-spec";
import type { InteractiveFigureProps } from "./interactive-figure";
import { figureLayout, renderFigure } from "./render-figure";
import { useResultsView } from "./results-view";
import styles from "./charts.module.css";

// True once the page's first figures have hydrated: a figure mounted later (a new page after a filter change) has
// no server HTML to keep, and draws itself.
let pageHydrated = false;

function ChartFigureImpl({ spec, title }: { spec: FigureSpec; title: string }) {
  const { view } = useResultsView();
  // While hydrating, the server's drawing of this view is already in the page and React leaves the inner HTML of
  // dangerouslySetInnerHTML alone: the figure is not drawn again (on a phone, drawing every card's SVG string was
  // a good part of the start-up work). From the first view switch on, the browser draws it.
  const [serverDrawn, setServerDrawn] = useState<FigureView | null>(
    pageHydrated || typeof window === "undefined" ? null : view,
  );
  if (serverDrawn !== null && view !== serverDrawn) setServerDrawn(null);
  const markup = useMemo(() => (serverDrawn === view ? "" : renderFigure(spec, view)), [serverDrawn, spec, view]);
  useEffect(() => {
    pageHydrated = true;
  }, []);
  const drawing = useRef<HTMLDivElement>(null);
  const requested = useRef(false);
  const [Interactive, setInteractive] = useState<ComponentType<InteractiveFigureProps> | null>(null);
  const [width, setWidth] = useState(0);

  const activate = () => {
    if (spec.kind === "heat" || requested.current) return;
    requested.current = true;
    void import("./interactive-figure").then((module) => setInteractive(() => module.InteractiveFigure));
  };

  // The interactive layer is drawn at the figure's pixel width, which follows the card.
  useEffect(() => {
    const element = drawing.current;
    if (!Interactive || !element) return;
    const observer = new ResizeObserver(() => setWidth(element.clientWidth));
    observer.observe(element);
    return () => observer.disconnect();
  }, [Interactive]);

  if (spec.kind === "heat") {
    // Heatmaps keep their size and scroll sideways on a narrow screen; the scroll area is reachable by keyboard.
    return (
      <div className={styles.scroll} tabIndex={0} role="region" aria-label={`${title} (scrolls sideways)`}>
        <div
          className={styles.drawing}
          data-view={view}
          dangerouslySetInnerHTML={{ __html: markup }}
          suppressHydrationWarning
        />
      </div>
    );
  }
  const layout = Interactive && width > 0 ? figureLayout(spec, view) : null;
  return (
    <div
      className={styles.interactive}
      onPointerEnter={activate}
      onTouchStart={activate}
      onFocusCapture={activate}
      data-interactive={layout ? "" : undefined}
    >
      <div
        ref={drawing}
        className={styles.drawing}
        data-view={view}
        dangerouslySetInnerHTML={{ __html: markup }}
        suppressHydrationWarning
      />
      {Interactive && layout ? (
        <div className={styles.overlay} style={{ top: layout.plotTop, height: layout.height - layout.plotTop }}>
          <Interactive spec={spec} view={view} width={width} height={layout.height - layout.plotTop} />
        </div>
      ) : null}
    </div>
  );
}

/** Memoised: a card re-rendering after hydration (its buttons appear) does not redraw its figure. */
export const ChartFigure = memo(ChartFigureImpl);
