// Where a key moves the active cell of a grid, as in a spreadsheet: arrows by one,
// Page Up/Down by a screenful, Home/End to the row's ends, Ctrl+Home/End to the corners.

export interface Cell {
  index: number;
  column: number;
}

export interface Extent {
  rows: number;
  columns: number;
  /** Rows a Page Up/Down moves. */
  page: number;
}

/** The cell `event`'s key moves to from `from`; undefined for a key the grid leaves alone. */
export function nextCell(event: { key: string; ctrlKey: boolean; metaKey: boolean }, from: Cell, extent: Extent): Cell | undefined {
  const lastRow = extent.rows - 1;
  const lastColumn = extent.columns - 1;
  const ctrl = event.ctrlKey || event.metaKey;
  const clamp = (index: number, column: number): Cell => ({
    index: Math.max(0, Math.min(lastRow, index)),
    column: Math.max(0, Math.min(lastColumn, column)),
  });
  switch (event.key) {
    case "ArrowDown":
      return clamp(ctrl ? lastRow : from.index + 1, from.column);
    case "ArrowUp":
      return clamp(ctrl ? 0 : from.index - 1, from.column);
    case "ArrowRight":
      return clamp(from.index, ctrl ? lastColumn : from.column + 1);
    case "ArrowLeft":
      return clamp(from.index, ctrl ? 0 : from.column - 1);
    case "PageDown":
      return clamp(from.index + extent.page, from.column);
    case "PageUp":
      return clamp(from.index - extent.page, from.column);
    case "Home":
      return ctrl ? clamp(0, 0) : clamp(from.index, 0);
    case "End":
      return ctrl ? clamp(lastRow, lastColumn) : clamp(from.index, lastColumn);
    default:
      return undefined;
  }
}
