"use client";
import { startTransition, useEffect, useState } from "react";

// Set once the first hydration has run: a component mounted after it (a form remounted with a restored
// draft, a page reached by a client-side link) is drawn for the browser straight away.
let hasHydrated = false;

/**
 * False while the server renders (and without JavaScript), true once React runs in the browser. The switch
 * after hydration is a transition, so what JavaScript adds (search boxes, chips, chart controls) renders in
 * short slices rather than one blocking task, which on a phone is what delays the first tap.
 */
export function useHydrated(): boolean {
  const [isHydrated, setIsHydrated] = useState(hasHydrated);
  useEffect(() => {
    hasHydrated = true;
    if (!isHydrated) startTransition(() => setIsHydrated(true));
  }, [isHydrated]);
  return isHydrated;
}
