"use client";
// The %/count switch. Without JavaScript it is a form field and the server draws the chosen view; with it, the
// cards redraw their figures in the browser at once and the URL is updated in place, without a round trip.
import { createContext, useContext, useState, type ReactNode } from "react";
import type { FigureView } from "./figure-spec";

interface ViewState {
  view: FigureView;
  setView: (view: FigureView) => void;
}

const ViewContext = createContext<ViewState>({ view: "percent", setView: () => {} });

export function ResultsViewProvider({ initialView, children }: { initialView: FigureView; children: ReactNode }) {
  // A new page from the server (other filters, back/forward) brings its own view, which wins.
  const [chosen, setChosen] = useState<{ from: FigureView; view: FigureView }>({
    from: initialView,
    view: initialView,
  });
  const view = chosen.from === initialView ? chosen.view : initialView;
  const setView = (next: FigureView) => {
    setChosen({ from: initialView, view: next });
    const url = new URL(window.location.href);
    if (next === "percent") url.searchParams.delete("view");
    else url.searchParams.set("view", next);
    window.history.replaceState(null, "", url);
  };
  return <ViewContext.Provider value={{ view, setView }}>{children}</ViewContext.Provider>;
}

export const useResultsView = () => useContext(ViewContext);
