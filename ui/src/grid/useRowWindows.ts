// Rows come from Rust in pages, only around what is on screen: a 1,000,000-row sheet
// never crosses IPC whole, and a page far from the view is dropped to bound memory.
// Any command that answers windows (sheet_rows, review_rows, job_records) fits: the grid passes how
// to fetch one, and the view's total comes back with every answer.
import { useCallback, useEffect, useRef, useState } from "react";
import type { UiError } from "../ipc/contract";
import { toUiError } from "../ipc/invoke";

export const PAGE_SIZE = 100;
/** Rows fetched beyond each edge of the view, so a short scroll shows rows at once. */
const MARGIN = 40;
/** Pages kept around the view; a handful, whatever the file's size. */
const KEEP_PAGES = 12;
/** Waits for a fling to settle, so jumping past 500,000 rows fetches only where it lands. */
const SETTLE_MS = 40;

/** One window of rows from the shell, and how many rows the view has now. */
export interface Window<T> {
  rows: T[];
  total: number;
}

export type FetchWindow<T> = (start: number, count: number) => Promise<Window<T>>;

export interface WindowRequest<T> {
  fetchWindow: FetchWindow<T>;
  /** Rows in the view as last known; answers may change it (an edit can drop a row). */
  total: number;
  onTotal: (total: number) => void;
  /** First and last row index on screen; last < first when nothing is. */
  first: number;
  last: number;
  /** A new value refetches the rows on screen (the data changed in Rust), keeping the
   * old ones shown until the new ones arrive, so the grid does not flash. */
  refresh: number;
}

export interface RowWindows<T> {
  rowAt: (index: number) => T | undefined;
  error: UiError | undefined;
  retry: () => void;
}

interface Page<T> {
  rows: T[];
  refresh: number;
}

/** The rows of one view (remount the grid, e.g. with a `key`, for another view). */
export function useRowWindows<T>({ fetchWindow, total, onTotal, first, last, refresh }: WindowRequest<T>): RowWindows<T> {
  const pages = useRef(new Map<number, Page<T>>());
  const pending = useRef(new Set<string>());
  const fetcher = useRef(fetchWindow);
  fetcher.current = fetchWindow;
  const reportTotal = useRef(onTotal);
  reportTotal.current = onTotal;
  const current = useRef(refresh);
  current.current = refresh;
  const [, setVersion] = useState(0);
  const [error, setError] = useState<UiError>();
  const [attempt, setAttempt] = useState(0);
  const live = useRef(true);
  useEffect(() => {
    live.current = true;
    return () => {
      live.current = false;
    };
  }, []);

  useEffect(() => {
    const timer = window.setTimeout(() => {
      // Nothing on screen yet (an empty or unknown view): the first page tells the total.
      const lo = total === 0 || last < first ? 0 : first;
      const hi = total === 0 || last < first ? 0 : last;
      const from = Math.max(0, Math.floor((lo - MARGIN) / PAGE_SIZE));
      const lastPage = total === 0 ? 0 : Math.floor((total - 1) / PAGE_SIZE);
      const to = Math.min(lastPage, Math.floor((hi + MARGIN) / PAGE_SIZE));
      // Stale pages off screen would only be refetched when scrolled to: drop them now.
      for (const [page, held] of pages.current) {
        if (held.refresh !== refresh && (page < from || page > to)) pages.current.delete(page);
      }
      for (let page = from; page <= to; page++) {
        const held = pages.current.get(page);
        const key = `${refresh}:${page}`;
        if ((held && held.refresh === refresh) || pending.current.has(key)) continue;
        pending.current.add(key);
        const start = page * PAGE_SIZE;
        const count = total === 0 ? PAGE_SIZE : Math.min(PAGE_SIZE, total - start);
        fetcher.current(start, count)
          .then((answer) => {
            // An answer from before an edit would bring the old marks back.
            if (!live.current || current.current !== refresh) return;
            // Asked for fewer rows than the view has now (it grew: a push under way): the
            // page is shown, and fetched again for the new total.
            const short = answer.rows.length < Math.min(PAGE_SIZE, answer.total - start);
            pages.current.set(page, { rows: answer.rows, refresh: short ? Number.NaN : refresh });
            evictFarFrom(pages.current, Math.floor((lo + hi) / 2 / PAGE_SIZE));
            setError(undefined);
            if (answer.total !== total) reportTotal.current(answer.total);
            setVersion((v) => v + 1);
          })
          .catch((reason: unknown) => live.current && setError(toUiError(reason)))
          .finally(() => pending.current.delete(key));
      }
    }, SETTLE_MS);
    return () => window.clearTimeout(timer);
  }, [total, first, last, refresh, attempt]);

  // Reads the pages at call time; each arriving page bumps `version`, which re-renders.
  const rowAt = (index: number) => pages.current.get(Math.floor(index / PAGE_SIZE))?.rows[index % PAGE_SIZE];
  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  return { rowAt, error, retry };
}

function evictFarFrom<T>(pages: Map<number, Page<T>>, centre: number) {
  if (pages.size <= KEEP_PAGES) return;
  const byDistance = [...pages.keys()].sort((a, b) => Math.abs(b - centre) - Math.abs(a - centre));
  for (const page of byDistance.slice(0, pages.size - KEEP_PAGES)) pages.delete(page);
}
