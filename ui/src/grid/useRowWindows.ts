// Rows come from Rust in pages, only around what is on screen: a 1,000,000-row sheet
// never crosses IPC whole, and a page far from the view is dropped to bound memory.
import { useCallback, useEffect, useRef, useState } from "react";
import type { SheetRow, UiError } from "../ipc/contract";
import { call, toUiError } from "../ipc/invoke";

export const PAGE_SIZE = 100;
/** Rows fetched beyond each edge of the view, so a short scroll shows rows at once. */
const MARGIN = 40;
/** Pages kept around the view; a handful, whatever the file's size. */
const KEEP_PAGES = 12;
/** Waits for a fling to settle, so jumping past 500,000 rows fetches only where it lands. */
const SETTLE_MS = 40;

export interface RowWindows {
  rowAt: (index: number) => SheetRow | undefined;
  error: UiError | undefined;
  retry: () => void;
}

export function useRowWindows(sheetId: number, total: number, first: number, last: number): RowWindows {
  const pages = useRef(new Map<number, SheetRow[]>());
  const pending = useRef(new Set<number>());
  const [, setVersion] = useState(0);
  const [error, setError] = useState<UiError>();
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (total === 0 || last < first) return;
    const timer = window.setTimeout(() => {
      const from = Math.max(0, Math.floor((first - MARGIN) / PAGE_SIZE));
      const to = Math.min(Math.floor((total - 1) / PAGE_SIZE), Math.floor((last + MARGIN) / PAGE_SIZE));
      for (let page = from; page <= to; page++) {
        if (pages.current.has(page) || pending.current.has(page)) continue;
        pending.current.add(page);
        const start = page * PAGE_SIZE;
        call("sheet_rows", { sheetId, start, count: Math.min(PAGE_SIZE, total - start) })
          .then((window) => {
            pages.current.set(page, window.rows);
            evictFarFrom(pages.current, Math.floor((first + last) / 2 / PAGE_SIZE));
            setError(undefined);
            setVersion((v) => v + 1);
          })
          .catch((reason: unknown) => setError(toUiError(reason)))
          .finally(() => pending.current.delete(page));
      }
    }, SETTLE_MS);
    return () => window.clearTimeout(timer);
  }, [sheetId, total, first, last, attempt]);

  // Reads the pages at call time; each arriving page bumps `version`, which re-renders.
  const rowAt = (index: number) => pages.current.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE];
  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  return { rowAt, error, retry };
}

function evictFarFrom(pages: Map<number, SheetRow[]>, centre: number) {
  if (pages.size <= KEEP_PAGES) return;
  const byDistance = [...pages.keys()].sort((a, b) => Math.abs(b - centre) - Math.abs(a - centre));
  for (const page of byDistance.slice(0, pages.size - KEEP_PAGES)) pages.delete(page);
}
