// The people of the mock's sheets, by data-row index (0 = the row below the header), and
// what the mock target makes of each: the same person always meets the same fate, so a
// test can tell which rows fail, exist already or are held back by validation.
export const HEADER = ["Personalnummer", "Vorname", "Nachname", "E-Mail", "Abteilung"];
const FIRST = ["Felix", "Anna", "Jonas", "Lea", "Mehmet", "Sofia", "Lukas", "Marie"];
const LAST = ["Braun", "Schmidt", "Weber", "Yilmaz", "Fischer", "Wagner", "Becker", "Hoffmann"];
const DEPTS = ["Vertrieb", "Einkauf", "Personal", "IT", "Lager"];

/** The row number the person sees in Excel: the header is row 1. */
export const rowOf = (index: number) => index + 2;
export const indexOf = (row: number) => row - 2;

/** The source cells of data row `index`, as the sheet holds them (HEADER order). */
export function cellsOf(index: number): string[] {
  const first = FIRST[index % FIRST.length] ?? "";
  const last = LAST[Math.floor(index / FIRST.length) % LAST.length] ?? "";
  // Row 17 is the sample's broken address: validation holds it back.
  const email = isHeld(index) ? `${first}.${last}@example` : `${first}.${last}${index}@example.com`;
  return [String(10000 + index), first, last, email.toLowerCase(), DEPTS[index % DEPTS.length] ?? ""];
}

/** Validation's verdict on a row's cells: undefined when it may be sent. */
export function invalidBecause(row: number, cells: string[]): string | undefined {
  const [id, first, last, email] = cells;
  if (!email || !/^[^@\s]+@[^@\s]+$/.test(email)) {
    return `Row ${row}, column “E-Mail”: “${email ?? ""}” is not an email address. Write it as name@company.com.`;
  }
  if (!/@[^@\s]+\.[^@\s.]+$/.test(email)) {
    return `Row ${row}, column “E-Mail”: “${email}” has no domain ending; the target will refuse it. Add the ending, e.g. “.com”.`;
  }
  if (!first?.trim() || !last?.trim()) {
    return `Row ${row}: “Vorname” and “Nachname” must not be empty.`;
  }
  if (!id || !/^\d+$/.test(id)) return `Row ${row}, column “Personalnummer”: “${id ?? ""}” is not a number.`;
  return undefined;
}

export const isHeld = (index: number) => index % 1000 === 15;
/** Already at the target before the first push. */
export const existsAtTarget = (index: number) => index % 7 === 3;
/** Exists, and already holds the same values: an update would change nothing. */
export const sameAtTarget = (index: number) => index % 14 === 3;
/** The target did not answer in time on the first attempt; a retry goes through. */
export const timesOutOnce = (index: number) => index % 12 === 7;
/** Someone else at the target has this employee number; only a corrected row goes through. */
export const conflicts = (index: number) => index % 20 === 9;

/** An id the target gives a new user, in its own style. */
export function targetIdOf(kind: string, index: number): string {
  switch (kind) {
    case "auth0":
      return `auth0|6650${(0x1f00 + index).toString(16)}`;
    case "scim":
    case "authgear":
      return `c0ffee00-${String(index).padStart(4, "0")}-4a1b-9d2e-${String(7000 + index).padStart(12, "0")}`;
    default:
      return `u-${50_000 + index}`;
  }
}
