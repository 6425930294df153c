// Loads one command's answer for a screen: loading, the answer, or the error's words.
import { useCallback, useEffect, useState } from "react";
import type { CommandName, Commands, UiError } from "./contract";
import { call, toUiError } from "./invoke";

export type Loaded<T> =
  | { state: "loading" }
  | { state: "ready"; value: T }
  | { state: "failed"; error: UiError };

export function useCommand<K extends CommandName>(
  name: K,
  args: Commands[K]["args"],
): [Loaded<Commands[K]["answer"]>, () => void] {
  const [loaded, setLoaded] = useState<Loaded<Commands[K]["answer"]>>({ state: "loading" });
  const [attempt, setAttempt] = useState(0);
  // The args are compared by value: callers pass object literals on every render.
  const key = JSON.stringify(args);
  useEffect(() => {
    let live = true;
    setLoaded({ state: "loading" });
    call(name, JSON.parse(key) as Commands[K]["args"]).then(
      (value) => live && setLoaded({ state: "ready", value }),
      (reason: unknown) => live && setLoaded({ state: "failed", error: toUiError(reason) }),
    );
    return () => {
      live = false;
    };
  }, [name, key, attempt]);
  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  return [loaded, retry];
}
