// The Source preview: a sheet's rows as they are in the file, fetched in windows.
import { useCallback } from "react";
import { Text } from "@mantine/core";
import type { SheetRow } from "../ipc/contract";
import { call } from "../ipc/invoke";
import { VirtualGrid } from "./VirtualGrid";
import { rowsText } from "../screens/source/rowsText";

export { ROW_HEIGHT } from "./VirtualGrid";

interface Props {
  sheetId: number;
  columns: string[];
  total: number;
  /** Whether every row has been read (else the total grows as the shell reads on). */
  complete: boolean;
  /** Pixels or a CSS length, e.g. to fill what is left of the window. */
  height: number | string;
}

export function SheetGrid({ sheetId, columns, total, complete, height }: Props) {
  const fetchWindow = useCallback((start: number, count: number) => call("sheet_rows", { sheetId, start, count }), [sheetId]);
  return (
    <VirtualGrid<SheetRow>
      label="Preview"
      columns={columns}
      total={total}
      fetchWindow={fetchWindow}
      height={height}
      footer={(rows) => (
        <Text size="xs" c="dimmed">
          {rowsText({ rowCount: rows, complete })} · numbers as in the file
        </Text>
      )}
    />
  );
}
