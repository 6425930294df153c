// The grid under every table of rows the shell holds (the Source preview, the Review
// records, a job's outcomes on Results): own markup with ARIA grid roles over
// @tanstack/react-virtual, so only the rows on screen exist in the DOM and only their pages
// are asked of Rust. One cell is active: the arrow keys move it, Enter or F2 (or a
// double-click) hands it to the screen, and the screen decides what each cell shows and
// how it is marked.
import { useEffect, useId, useImperativeHandle, useRef, useState, type HTMLAttributes, type KeyboardEvent, type MouseEvent, type ReactNode, type Ref } from "react";
import { useVirtualizer } from "@tanstack/react-virtual";
import { Box, Group } from "@mantine/core";
import { useRowWindows, type FetchWindow } from "./useRowWindows";
import { nextCell } from "./keys";
import { ErrorNote } from "../components/ErrorNote";
import classes from "./VirtualGrid.module.css";

export const ROW_HEIGHT = 28;
/** The sticky header row's height (VirtualGrid.module.css .header). */
export const HEADER_HEIGHT = 30;
// Wide enough for "1,000,000" and more.
export const NUMBER_WIDTH = 104;
export const CELL_WIDTH = 170;

/** What every grid row has: the row number as the person sees it. */
export interface GridRow {
  number: number;
}

/** The active cell: its position in the view, and its row once loaded. */
export interface ActiveCell<T> {
  index: number;
  column: number;
  row: T | undefined;
}

/** What a screen can do to its grid. */
export interface GridHandle {
  /** Focus back on the grid (after an editor in a cell closes). */
  focus: () => void;
}

/** Extra attributes of a cell: marks (data-*), aria-invalid, a title, a class. */
export type CellAttributes = HTMLAttributes<HTMLDivElement> & Record<`data-${string}`, string | undefined>;

export interface VirtualGridProps<T extends GridRow> {
  /** Names the grid for a screen reader, with its size ("Preview" says "Preview: 48 rows");
   * a function of the view's total names it in the screen's own words. The keys follow. */
  label: string | ((total: number) => string);
  columns: string[];
  /** Each column's width in pixels, in column order; `cellWidth` for those not given. */
  columnWidths?: number[];
  /** Columns whose text wraps whole: their rows grow to fit it (each row is measured). */
  wrapped?: number[];
  /** Rows in the view as known when it opens; each answer keeps it up to date. */
  total: number;
  fetchWindow: FetchWindow<T>;
  /** Change it to refetch the rows on screen (the data changed in Rust). */
  refresh?: number;
  /** Pixels or a CSS length, e.g. to fill what is left of the window. */
  height: number | string;
  cellWidth?: number;
  /** What a loaded cell shows; its text by default. */
  renderCell?: (row: T, column: number) => ReactNode;
  cellAttributes?: (row: T, column: number) => CellAttributes | undefined;
  /** What the row header shows besides the row number (a mark). */
  rowMark?: (row: T) => ReactNode;
  /** Enter, F2 or a double-click on a cell. */
  onActivate?: (cell: ActiveCell<T>) => void;
  /** The active cell moved, or its row arrived or changed. */
  onActiveChange?: (cell: ActiveCell<T>) => void;
  /** The line under the grid, given the view's total. */
  footer?: (total: number) => ReactNode;
  handle?: Ref<GridHandle>;
}

/** The cells' text when the row has them in column order (SheetRow, ReviewRow). */
function textOf(row: GridRow, column: number): string {
  const cells = (row as { cells?: unknown }).cells;
  return Array.isArray(cells) ? String(cells[column] ?? "") : "";
}

export function VirtualGrid<T extends GridRow>(props: VirtualGridProps<T>) {
  const { label, columns, columnWidths, wrapped, fetchWindow, refresh = 0, height, cellWidth = CELL_WIDTH, renderCell, cellAttributes, rowMark, onActivate, onActiveChange, footer, handle } = props;
  const scroller = useRef<HTMLDivElement>(null);
  const id = useId();
  const [total, setTotal] = useState(props.total);
  const [given, setGiven] = useState(props.total);
  if (given !== props.total) {
    // The screen learnt a new total (a summary after an edit): take it.
    setGiven(props.total);
    setTotal(props.total);
  }
  const [active, setActive] = useState({ index: 0, column: 0 });
  const virtual = useVirtualizer({
    count: total,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
  });
  const items = virtual.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? -1;
  const { rowAt, error, retry } = useRowWindows({ fetchWindow, total, onTotal: setTotal, first, last, refresh });
  const widths = columns.map((_, c) => columnWidths?.[c] ?? cellWidth);
  // Where each column starts, after the row numbers.
  const lefts = [0];
  for (const w of widths) lefts.push((lefts[lefts.length - 1] ?? 0) + w);
  const width = NUMBER_WIDTH + (lefts[columns.length] ?? 0);
  const measured = (wrapped?.length ?? 0) > 0;
  // Rows are ROW_HEIGHT tall, or as tall as their wrapped text once measured.
  const rowTop = (i: number) => virtual.measurementsCache[i]?.start ?? i * ROW_HEIGHT;
  const rowHeight = (i: number) => virtual.measurementsCache[i]?.size ?? ROW_HEIGHT;
  const rowAtOffset = (y: number) => virtual.getVirtualItemForOffset(y)?.index ?? Math.floor(y / ROW_HEIGHT);

  useImperativeHandle(handle, () => ({ focus: () => scroller.current?.focus({ preventScroll: true }) }), []);

  const index = Math.min(active.index, Math.max(0, total - 1));
  const column = Math.min(active.column, Math.max(0, columns.length - 1));
  const activeRow = total > 0 ? rowAt(index) : undefined;
  const notify = useRef(onActiveChange);
  notify.current = onActiveChange;
  useEffect(() => {
    notify.current?.({ index, column, row: activeRow });
  }, [index, column, activeRow]);

  const reveal = (to: { index: number; column: number }) => {
    const el = scroller.current;
    if (!el) return;
    const top = rowTop(to.index);
    const bottom = top + rowHeight(to.index) + HEADER_HEIGHT;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (bottom > el.scrollTop + el.clientHeight) el.scrollTop = bottom - el.clientHeight;
    const left = NUMBER_WIDTH + (lefts[to.column] ?? 0);
    const cell = widths[to.column] ?? cellWidth;
    if (left - NUMBER_WIDTH < el.scrollLeft) el.scrollLeft = left - NUMBER_WIDTH;
    else if (left + cell > el.scrollLeft + el.clientWidth) el.scrollLeft = left + cell - el.clientWidth;
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const el = scroller.current;
    if (!el || total === 0) return;
    if ((event.key === "Enter" || event.key === "F2") && onActivate) {
      event.preventDefault();
      reveal({ index, column });
      onActivate({ index, column, row: activeRow });
      return;
    }
    // Keys pressed after a scroll by mouse start from what is on screen, not from far away.
    const top = rowAtOffset(el.scrollTop);
    const bottom = rowAtOffset(el.scrollTop + el.clientHeight - HEADER_HEIGHT - 1);
    const page = Math.max(1, bottom - top);
    const from = index < top - 1 || index > bottom + 1 ? { index: top, column } : { index, column };
    const to = nextCell(event, from, { rows: total, columns: columns.length, page });
    if (!to) return;
    event.preventDefault();
    setActive(to);
    reveal(to);
  };

  const cellAt = (event: MouseEvent<HTMLDivElement>) => {
    const cell = (event.target as HTMLElement).closest<HTMLElement>("[data-col]");
    const row = cell?.closest<HTMLElement>("[data-index]");
    if (!cell || !row) return undefined;
    return { index: Number(row.dataset.index), column: Number(cell.dataset.col) };
  };

  const activeId = `${id}-${index}-${column}`;
  return (
    <div>
      <div
        ref={scroller}
        className={classes.scroller}
        style={{ height }}
        data-grid-scroller
        tabIndex={0}
        role="grid"
        aria-label={`${typeof label === "function" ? label(total) : `${label}: ${total.toLocaleString("en-US")} rows`}. Arrow keys move between cells, Page Up/Down and Ctrl+Home/End scroll${onActivate ? ", Enter or F2 edits the cell" : ""}.`}
        aria-rowcount={total + 1}
        aria-colcount={columns.length + 1}
        aria-activedescendant={activeRow ? activeId : undefined}
        onKeyDown={onKeyDown}
        onClick={(event) => {
          const at = cellAt(event);
          if (at) setActive(at);
        }}
        onDoubleClick={(event) => {
          const at = cellAt(event);
          if (!at || !onActivate) return;
          setActive(at);
          onActivate({ ...at, row: rowAt(at.index) });
        }}
      >
        <div role="row" aria-rowindex={1} className={classes.header} style={{ width }}>
          <div role="columnheader" aria-colindex={1} className={classes.number} style={{ width: NUMBER_WIDTH }}>
            Row
          </div>
          {columns.map((name, c) => (
            <div role="columnheader" aria-colindex={c + 2} key={c} className={classes.cell} style={{ width: widths[c] }} title={name}>
              {name}
            </div>
          ))}
        </div>
        <div style={{ height: virtual.getTotalSize(), width, position: "relative" }}>
          {items.map((item) => {
            const row = rowAt(item.index);
            const isActiveRow = item.index === index;
            return (
              <div
                key={item.key}
                ref={measured ? virtual.measureElement : undefined}
                role="row"
                aria-rowindex={item.index + 2}
                data-index={item.index}
                data-row-number={row?.number}
                data-active-row={isActiveRow || undefined}
                // Striped by row index: :nth-child would shift as the virtual rows are recycled.
                data-odd={item.index % 2 === 1 || undefined}
                className={classes.row}
                // `top`, not translateY: the compositor's float32 loses whole pixels near row
                // 1,000,000 (28 M px), which made every other row border vanish.
                style={{ ...(measured ? { minHeight: ROW_HEIGHT } : { height: ROW_HEIGHT }), top: item.start, width }}
              >
                <div role="rowheader" aria-colindex={1} className={classes.number} style={{ width: NUMBER_WIDTH }}>
                  {row && rowMark?.(row)}
                  {row ? row.number.toLocaleString("en-US") : ""}
                </div>
                {columns.map((_, c) => {
                  const extra = row ? cellAttributes?.(row, c) : undefined;
                  const isActive = isActiveRow && c === column;
                  return (
                    <div
                      role="gridcell"
                      key={c}
                      id={`${id}-${item.index}-${c}`}
                      aria-colindex={c + 2}
                      data-col={c}
                      data-active={isActive || undefined}
                      data-wrap={wrapped?.includes(c) || undefined}
                      {...extra}
                      className={extra?.className ? `${classes.cell} ${extra.className}` : classes.cell}
                      style={{ width: widths[c] }}
                    >
                      {row ? (renderCell ? renderCell(row, c) : textOf(row, c)) : <span className={classes.loading} />}
                    </div>
                  );
                })}
              </div>
            );
          })}
        </div>
      </div>
      {footer && (
        <Group justify="space-between" mt={4}>
          {footer(total)}
        </Group>
      )}
      {error && (
        <Box mt="xs">
          <ErrorNote title="Some rows could not be read" error={error} onRetry={retry} />
        </Box>
      )}
    </div>
  );
}
