// A job's records come from the shell in pages around what the grid shows, for one
// outcome or all: a job of a million records never crosses IPC whole. One hook per view:
// the grid is remounted (a React key) when the outcome or the records change.
import { useCallback, useEffect, useRef, useState } from "react";
import type { JobRecord, Outcome, UiError } from "../../ipc/contract";
import { call, toUiError } from "../../ipc/invoke";

export const PAGE_SIZE = 100;
/** Records fetched beyond each edge of the view. */
const MARGIN = 40;
/** Pages kept around the view, whatever the job's size. */
const KEEP_PAGES = 10;
/** Waits for a fling to settle before fetching where it lands. */
const SETTLE_MS = 40;

export interface RecordWindows {
  /** Records in the view; undefined until the first page has told. */
  total: number | undefined;
  recordAt: (index: number) => JobRecord | undefined;
  error: UiError | undefined;
  retry: () => void;
}

export function useRecordWindows(jobId: number, outcome: Outcome | undefined, first: number, last: number): RecordWindows {
  const pages = useRef(new Map<number, JobRecord[]>());
  const pending = useRef(new Set<number>());
  const [total, setTotal] = useState<number>();
  const [, setVersion] = useState(0);
  const [error, setError] = useState<UiError>();
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    // Before the first answer only page 0 is asked: it tells the total.
    const end = total === undefined ? 0 : Math.min(last, total - 1);
    if (total !== undefined && end < first) return;
    const timer = window.setTimeout(() => {
      const from = Math.max(0, Math.floor((first - MARGIN) / PAGE_SIZE));
      const to = total === undefined ? 0 : Math.floor(Math.min(total - 1, end + MARGIN) / PAGE_SIZE);
      for (let page = from; page <= to; page++) {
        if (pages.current.has(page) || pending.current.has(page)) continue;
        pending.current.add(page);
        const args = { jobId, start: page * PAGE_SIZE, count: PAGE_SIZE };
        call("job_records", outcome === undefined ? args : { ...args, outcome })
          .then((window) => {
            pages.current.set(page, window.records);
            evictFarFrom(pages.current, Math.floor((first + last) / 2 / PAGE_SIZE));
            setTotal(window.total);
            setError(undefined);
            setVersion((v) => v + 1);
          })
          .catch((reason: unknown) => setError(toUiError(reason)))
          .finally(() => pending.current.delete(page));
      }
    }, SETTLE_MS);
    return () => window.clearTimeout(timer);
  }, [jobId, outcome, total, first, last, attempt]);

  // Reads the pages at call time; each arriving page bumps `version`, which re-renders.
  const recordAt = (index: number) => pages.current.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE];
  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  return { total, recordAt, error, retry };
}

function evictFarFrom(pages: Map<number, JobRecord[]>, centre: number) {
  if (pages.size <= KEEP_PAGES) return;
  const byDistance = [...pages.keys()].sort((a, b) => Math.abs(b - centre) - Math.abs(a - centre));
  for (const page of byDistance.slice(0, pages.size - KEEP_PAGES)) pages.delete(page);
}
