// The failed and held-back rows to fix: their source cells (failed_sources) and why each
// failed (the target's or validation's message, from job_records).
import { useCallback, useEffect, useState } from "react";
import type { JobCounts, JobRecord, SheetRow, UiError } from "../../ipc/contract";
import { call, toUiError } from "../../ipc/invoke";

export interface FailedRows {
  columns: string[];
  rows: SheetRow[];
  /** Row as the person sees it → why it failed. */
  why: Map<number, string>;
}

export function useFailedRows(jobId: number, counts: JobCounts): [FailedRows | undefined, UiError | undefined, () => void] {
  const [rows, setRows] = useState<FailedRows>();
  const [error, setError] = useState<UiError>();
  const [attempt, setAttempt] = useState(0);
  const { failed, heldBack } = counts;
  useEffect(() => {
    let live = true;
    const messages = (outcome: "failed" | "held", count: number) =>
      count === 0
        ? Promise.resolve({ records: [] as JobRecord[] })
        : call("job_records", { jobId, outcome, start: 0, count });
    Promise.all([call("failed_sources", { jobId }), messages("failed", failed), messages("held", heldBack)]).then(
      ([sources, failedRecords, heldRecords]) => {
        if (!live) return;
        const why = new Map<number, string>();
        for (const r of [...failedRecords.records, ...heldRecords.records]) {
          why.set(r.sourceRow, r.message ?? r.code ?? "");
        }
        setRows({ columns: sources.columns, rows: sources.rows, why });
        setError(undefined);
      },
      (reason: unknown) => live && setError(toUiError(reason)),
    );
    return () => {
      live = false;
    };
  }, [jobId, failed, heldBack, attempt]);
  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  return [rows, error, reload];
}
