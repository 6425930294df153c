// The first few rows, for the "before" samples of a column the person picked: the
// suggestion only carries samples of the column it proposed.
import { useEffect, useState } from "react";
import type { SheetRow } from "../../ipc/contract";
import { call } from "../../ipc/invoke";

const SAMPLE_ROWS = 5;

export function useSampleRows(sheetId: number | undefined, total: number): SheetRow[] {
  const [rows, setRows] = useState<SheetRow[]>([]);
  useEffect(() => {
    if (sheetId === undefined || total === 0) return;
    let live = true;
    call("sheet_rows", { sheetId, start: 0, count: Math.min(SAMPLE_ROWS, total) }).then(
      (w) => live && setRows(w.rows),
      // Samples are a help, not a need: without them the table still works.
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [sheetId, total]);
  return rows;
}
