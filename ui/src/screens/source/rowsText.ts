// How many rows a sheet has, in words: "48 rows", or while a big file is still being read,
// "1,000 rows so far (counting…)".
import type { SheetInfo } from "../../ipc/contract";

export function rowsText({ rowCount, complete }: Pick<SheetInfo, "rowCount" | "complete">): string {
  const rows = `${rowCount.toLocaleString("en-US")} ${rowCount === 1 ? "row" : "rows"}`;
  return complete ? rows : `${rows} so far (counting…)`;
}
