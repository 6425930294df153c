// The preview grid: own markup (ARIA grid roles) over @tanstack/react-virtual, so only
// the rows on screen exist in the DOM and only their pages are asked of Rust.
import { useRef } from "react";
import { useVirtualizer } from "@tanstack/react-virtual";
import { Button, Group, Text } from "@mantine/core";
import { useRowWindows } from "./useRowWindows";
import { ErrorNote } from "../components/ErrorNote";
import classes from "./SheetGrid.module.css";

export const ROW_HEIGHT = 28;
// Wide enough for "1,000,000" and more.
const NUMBER_WIDTH = 104;
const CELL_WIDTH = 170;

interface Props {
  sheetId: number;
  columns: string[];
  total: number;
  /** Pixels or a CSS length, e.g. to fill what is left of the window. */
  height: number | string;
}

export function SheetGrid({ sheetId, columns, total, height }: Props) {
  const scroller = useRef<HTMLDivElement>(null);
  const virtual = useVirtualizer({
    count: total,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
  });
  const items = virtual.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? -1;
  const { rowAt, error, retry } = useRowWindows(sheetId, total, first, last);
  const width = NUMBER_WIDTH + CELL_WIDTH * columns.length;

  return (
    <div>
      <div
        ref={scroller}
        className={classes.scroller}
        style={{ height }}
        data-grid-scroller
        tabIndex={0}
        role="grid"
        aria-label={`Preview: ${total.toLocaleString()} rows. Arrow keys and Page Up/Down scroll.`}
        aria-rowcount={total + 1}
        aria-colcount={columns.length + 1}
      >
        <div role="row" aria-rowindex={1} className={classes.header} style={{ width }}>
          <div role="columnheader" className={classes.number} style={{ width: NUMBER_WIDTH }}>
            Row
          </div>
          {columns.map((name, c) => (
            <div role="columnheader" key={c} className={classes.cell} style={{ width: CELL_WIDTH }} title={name}>
              {name}
            </div>
          ))}
        </div>
        <div style={{ height: virtual.getTotalSize(), width, position: "relative" }}>
          {items.map((item) => {
            const row = rowAt(item.index);
            return (
              <div
                key={item.key}
                role="row"
                aria-rowindex={item.index + 2}
                data-row-number={row?.number}
                // Striped by row index: :nth-child would shift as the virtual rows are recycled.
                data-odd={item.index % 2 === 1 || undefined}
                className={classes.row}
                // `top`, not translateY: the compositor's float32 loses whole pixels near row
                // 1,000,000 (28 M px), which made every other row border vanish.
                style={{ height: ROW_HEIGHT, top: item.start, width }}
              >
                <div role="rowheader" className={classes.number} style={{ width: NUMBER_WIDTH }}>
                  {row ? row.number.toLocaleString("en-US") : ""}
                </div>
                {columns.map((_, c) => (
                  <div role="gridcell" key={c} className={classes.cell} style={{ width: CELL_WIDTH }}>
                    {row ? (row.cells[c] ?? "") : <span className={classes.loading} />}
                  </div>
                ))}
              </div>
            );
          })}
        </div>
      </div>
      <Group justify="space-between" mt={4}>
        <Text size="xs" c="dimmed">
          {total.toLocaleString("en-US")} rows · numbers as in the file
        </Text>
      </Group>
      {error && (
        <Group mt="xs" align="flex-start">
          <ErrorNote title="Some rows could not be read" error={error} />
          <Button variant="default" size="xs" onClick={retry}>
            Try again
          </Button>
        </Group>
      )}
    </div>
  );
}
