// "Test connection" for any saved connection: one request that changes nothing, and
// what it found, remembered per connection while the screen is open.
import { useCallback, useState } from "react";
import type { ConnectionTest, UiError } from "../../ipc/contract";
import { call, toUiError } from "../../ipc/invoke";

export type TestState =
  | { state: "testing" }
  | { state: "done"; result: ConnectionTest }
  | { state: "failed"; error: UiError };

export function useConnectionTests(): [Record<string, TestState>, (name: string) => void, (name: string) => void] {
  const [tests, setTests] = useState<Record<string, TestState>>({});
  const test = useCallback((name: string) => {
    setTests((t) => ({ ...t, [name]: { state: "testing" } }));
    call("connection_test", { name }).then(
      (result) => setTests((t) => ({ ...t, [name]: { state: "done", result } })),
      (reason: unknown) => setTests((t) => ({ ...t, [name]: { state: "failed", error: toUiError(reason) } })),
    );
  }, []);
  const forget = useCallback((name: string) => {
    setTests((t) => {
      const rest = { ...t };
      delete rest[name];
      return rest;
    });
  }, []);
  return [tests, test, forget];
}
