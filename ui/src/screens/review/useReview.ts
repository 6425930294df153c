// The sheet validated through the mapping: review_sheet once for the sheet and mapping,
// then each edit's answer replaces the summary and asks the grid to refetch its rows.
import { useCallback, useEffect, useState } from "react";
import type { ReviewSummary, UiError } from "../../ipc/contract";
import { call, toUiError } from "../../ipc/invoke";

export interface Review {
  summary: ReviewSummary | undefined;
  loading: boolean;
  error: UiError | undefined;
  retry: () => void;
  /** Bumped after every change of the data in Rust: the grid refetches what it shows. */
  refresh: number;
  /** The summary an edit (or a replace) answered. */
  changed: (summary: ReviewSummary) => void;
}

export function useReview(sheetId: number | undefined, profileToml: string | undefined): Review {
  const [summary, setSummary] = useState<ReviewSummary>();
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<UiError>();
  const [attempt, setAttempt] = useState(0);
  const [refresh, setRefresh] = useState(0);

  useEffect(() => {
    if (sheetId === undefined || profileToml === undefined) return;
    let live = true;
    setLoading(true);
    setError(undefined);
    call("review_sheet", { sheetId, profileToml })
      .then((s) => {
        if (!live) return;
        setSummary(s);
        setRefresh((r) => r + 1);
      })
      .catch((reason: unknown) => live && setError(toUiError(reason)))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [sheetId, profileToml, attempt]);

  const retry = useCallback(() => setAttempt((a) => a + 1), []);
  const changed = useCallback((s: ReviewSummary) => {
    setSummary(s);
    setRefresh((r) => r + 1);
  }, []);
  return { summary, loading, error, retry, refresh, changed };
}
