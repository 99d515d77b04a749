"use client";
import { useSyncExternalStore } from "react";

const subscribe = () => () => {};

/** False while the server renders (and without JavaScript), true once React runs in the browser. */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
}
