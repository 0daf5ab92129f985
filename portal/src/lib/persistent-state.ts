import { useEffect, useState } from "react";

/**
 * State kept in this tab's sessionStorage: what a user typed into a form survives a reload, a
 * refused request and a sign-in round trip (an expired session comes back to the same page with
 * the same form).
 */
export function usePersistentState<T>(key: string, initial: T): [T, (value: T) => void] {
  const [value, setValue] = useState<T>(() => {
    try {
      const stored = sessionStorage.getItem(`gridgraph.form.${key}`);
      return stored ? ({ ...initial, ...(JSON.parse(stored) as T) } as T) : initial;
    } catch {
      return initial;
    }
  });
  useEffect(() => {
    sessionStorage.setItem(`gridgraph.form.${key}`, JSON.stringify(value));
  }, [key, value]);
  return [value, setValue];
}
