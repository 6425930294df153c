// The records under review in the shared virtual grid: windows of review_rows (all rows,
// or those with problems, of one kind), failing cells marked with their severity's icon
// and colour, and any cell editable in place: Enter, F2 or a double-click opens an input,
// Enter saves it through edit_cell, Escape (or leaving it) cancels.
import { useCallback, useRef, useState, type KeyboardEvent } from "react";
import { Text } from "@mantine/core";
import type { ReviewRow } from "../../ipc/contract";
import { call } from "../../ipc/invoke";
import { VirtualGrid, type ActiveCell, type GridHandle } from "../../grid/VirtualGrid";
import { IssueIcon, worst } from "./IssueIcon";
import classes from "./Review.module.css";

export interface ReviewView {
  onlyProblems: boolean;
  code?: string;
}

interface Props {
  sheetId: number;
  columns: string[];
  view: ReviewView;
  /** Rows in the view as the summary tells (0 when it cannot: one kind's rows). */
  total: number;
  refresh: number;
  height: string;
  onActiveChange: (cell: ActiveCell<ReviewRow>) => void;
  /** Saves a cell; resolves once the summary is updated, rejects with the shell's error. */
  onEdit: (row: ReviewRow, column: string, value: string) => Promise<void>;
  /** The editor opened or closed. */
  onEditing: (editing: boolean) => void;
}

/** The cell being edited: its row by index in the sheet, which stays when the view refetches. */
interface Editing {
  index: number;
  column: number;
}

function CellEditor({ initial, label, onSave, onCancel }: { initial: string; label: string; onSave: (value: string) => Promise<void>; onCancel: () => void }) {
  const [value, setValue] = useState(initial);
  const saving = useRef(false);
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    // The grid's own keys (arrows, Enter) must not act while typing.
    event.stopPropagation();
    if (event.key === "Escape") {
      event.preventDefault();
      onCancel();
    } else if (event.key === "Enter" && !saving.current) {
      event.preventDefault();
      saving.current = true;
      onSave(value).finally(() => {
        saving.current = false;
      });
    }
  };
  return (
    <input
      className={classes.editor}
      aria-label={label}
      value={value}
      autoFocus
      onFocus={(e) => e.currentTarget.select()}
      onChange={(e) => setValue(e.currentTarget.value)}
      onKeyDown={onKeyDown}
      onBlur={() => !saving.current && onCancel()}
      onClick={(e) => e.stopPropagation()}
      onDoubleClick={(e) => e.stopPropagation()}
    />
  );
}

export function ReviewGrid({ sheetId, columns, view, total, refresh, height, onActiveChange, onEdit, onEditing }: Props) {
  const grid = useRef<GridHandle>(null);
  const [editing, setEditing] = useState<Editing>();
  const { onlyProblems, code } = view;
  const fetchWindow = useCallback(
    (start: number, count: number) => call("review_rows", { sheetId, start, count, onlyProblems, ...(code ? { code } : {}) }),
    [sheetId, onlyProblems, code],
  );

  const close = () => {
    setEditing(undefined);
    onEditing(false);
    grid.current?.focus();
  };

  const renderCell = (row: ReviewRow, c: number) => {
    const name = columns[c] ?? "";
    const value = row.cells[c] ?? "";
    if (editing && editing.index === row.index && editing.column === c) {
      return (
        <CellEditor
          initial={value}
          label={`Row ${row.number}, ${name}: press Enter to save, Escape to cancel`}
          onCancel={close}
          onSave={async (next) => {
            if (next === value) return close();
            // An error keeps the editor open; the screen shows it beside the grid.
            await onEdit(row, name, next).then(close, () => undefined);
          }}
        />
      );
    }
    const issues = row.issues.filter((i) => i.column === name);
    const severity = worst(issues);
    return (
      <span className={classes.value}>
        {severity && <IssueIcon severity={severity} />}
        {value === "" ? <span className={classes.empty}>{issues.length > 0 ? "(empty)" : ""}</span> : <span className={classes.text}>{value}</span>}
      </span>
    );
  };

  return (
    <VirtualGrid<ReviewRow>
      handle={grid}
      label="Records under review"
      columns={columns}
      total={total}
      fetchWindow={fetchWindow}
      refresh={refresh}
      height={height}
      renderCell={renderCell}
      cellAttributes={(row, c) => {
        const name = columns[c] ?? "";
        const issues = row.issues.filter((i) => i.column === name);
        const severity = worst(issues);
        return {
          className: classes.cell,
          "data-issue": severity,
          "data-edited": row.edited.includes(name) ? "" : undefined,
          "aria-invalid": severity === "error" ? true : undefined,
          title: issues.length > 0 ? issues.map((i) => i.message).join("\n") : row.edited.includes(name) ? "Edited in the app" : undefined,
        };
      }}
      rowMark={(row) => {
        const severity = worst(row.issues);
        return severity ? (
          <span style={{ float: "left" }}>
            <IssueIcon severity={severity} />
          </span>
        ) : null;
      }}
      onActivate={(cell) => {
        if (!cell.row) return;
        setEditing({ index: cell.row.index, column: cell.column });
        onEditing(true);
      }}
      onActiveChange={onActiveChange}
      footer={(rows) => (
        <Text size="xs" c="dimmed">
          {rows.toLocaleString("en-US")} {onlyProblems ? `rows with ${code ?? "problems"}` : "rows"} · numbers as in the file · Enter or F2 edits a cell
        </Text>
      )}
    />
  );
}
