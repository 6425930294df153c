// Where Review suggests saving its files: beside the sheet, named after it.

/** `/dir/mitarbeiter.csv` with suffix `-issues` → `/dir/mitarbeiter-issues.csv`. */
export function besideSheet(sheetPath: string, suffix: string): string {
  const cut = Math.max(sheetPath.lastIndexOf("/"), sheetPath.lastIndexOf("\\"));
  const dir = sheetPath.slice(0, cut + 1);
  const name = sheetPath.slice(cut + 1);
  const dot = name.lastIndexOf(".");
  const stem = dot > 0 ? name.slice(0, dot) : name;
  return `${dir}${stem}${suffix}.csv`;
}
