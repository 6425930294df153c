// A pretend shell that answers the contract's commands like the Rust side would,
// and counts what crosses IPC so tests can assert the grid fetches only windows.
import { NOT_MINE } from "./notMine";
import { handleReview } from "./review";
import { handleJobs } from "./jobs";
import { profileTomlOf } from "./reviewProfile";
import { SAMPLE, SAMPLE_PROFILE } from "./samples";
import { listJobs } from "./jobs/store";
import type { AppInfo, Commands, FieldSuggestion, ReadOptions, SheetInfo, UiError } from "../../src/ipc/contract";

export const stats = {
  calls: [] as { cmd: string; args: unknown }[],
  /** Every row any sheet_rows answer carried. */
  rowsReturned: 0,
  /** While true, a big file's background reading stands still (sheet_info answers the
   * same count), so a test can look at the screen before the count is known. */
  readingHeld: false,
  /** What the next file dialog answers; null = the person cancelled. */
  nextPick: "/home/hr/Downloads/mitarbeiter.csv" as string | null,
};

const HEADER = ["Personalnummer", "Vorname", "Nachname", "E-Mail", "Abteilung"];
const FIRST = ["Felix", "Anna", "Jonas", "Lea", "Mehmet", "Sofia", "Lukas", "Marie"];
const LAST = ["Braun", "Schmidt", "Weber", "Yilmaz", "Fischer", "Wagner", "Becker", "Hoffmann"];
const DEPTS = ["Vertrieb", "Einkauf", "Personal", "IT", "Lager"];

/** An open sheet: what open_sheet answered, the file's size, and how far it is read. */
interface MockSheet {
  info: SheetInfo;
  semicolon: boolean;
  size: number;
  read: number;
}
const sheets = new Map<number, MockSheet>();
let nextSheetId = 1;

/** Rows the shell reads before open_sheet answers (FIRST_ROWS in src-tauri). */
const FIRST_ROWS = 1_000;
/** Rows the mock reads on between two sheet_info calls, as the shell does in the background. */
const READ_PER_LOOK = 400_000;

/** The rows of a mock file, by its name: "million" and "100000" are big, the rest 48. */
export function rowsOfFile(path: string): number {
  if (path.includes("million")) return 1_000_000;
  if (path.includes("100000")) return 100_000;
  return 48;
}

function fail(error: UiError): never {
  // The real shell rejects with the serialized UiError object, not an Error.
  throw error;
}

function openSheet(path: string, options: ReadOptions = {}): SheetInfo {
  if (path.includes("broken")) {
    fail({ message: "This file is not a spreadsheet Muster can read (it looks like a PDF). Export the sheet as CSV or XLSX and open that.", file: path });
  }
  const size = rowsOfFile(path);
  const big = size > 48;
  // The reader guesses "," for most files, which is wrong: their export uses ";". It reads
  // the bundled sample and the big files right.
  const delimiter = options.delimiter ?? (big || path === SAMPLE ? ";" : ",");
  const semicolon = delimiter === ";";
  const guessed = ["encoding", "header_row", ...(options.delimiter ? [] : ["delimiter"])];
  // A big file answers after its first rows; the rest is read as sheet_info is asked.
  const read = Math.min(size, FIRST_ROWS);
  const info: SheetInfo = {
    sheetId: nextSheetId++,
    path,
    format: "csv",
    encoding: options.encoding ?? "windows-1252",
    delimiter,
    sheets: [],
    headerRow: options.headerRow ?? 1,
    guessed: options.encoding ? guessed.filter((g) => g !== "encoding") : guessed,
    columns: semicolon ? HEADER : [HEADER.join(";")],
    rowCount: read,
    complete: read === size,
    problems: semicolon
      ? [{ row: 17, column: "E-Mail", message: "“lea.yilmaz@example” has no domain ending; the target will refuse it." }]
      : [{ message: "Every row has a single column: the delimiter may be wrong." }],
  };
  sheets.set(info.sheetId, { info, semicolon, size, read });
  return info;
}

function sheetOf(sheetId: number): MockSheet {
  return sheets.get(sheetId) ?? fail({ message: "This file is no longer open in Muster. Open the file again." });
}

function sheetInfo(sheetId: number): SheetInfo {
  const sheet = sheetOf(sheetId);
  if (!stats.readingHeld) sheet.read = Math.min(sheet.size, sheet.read + READ_PER_LOOK);
  return { ...sheet.info, rowCount: sheet.read, complete: sheet.read === sheet.size };
}

function cellsOf(index: number, semicolon: boolean): string[] {
  const first = FIRST[index % FIRST.length] ?? "";
  const last = LAST[Math.floor(index / FIRST.length) % LAST.length] ?? "";
  const cells = [String(10000 + index), first, last, `${first}.${last}${index}@example.com`.toLowerCase(), DEPTS[index % DEPTS.length] ?? ""];
  return semicolon ? cells : [cells.join(";")];
}

/** An open sheet's info, every row read (as the shell has it once the later steps ask),
 * and its data row `index` as generated (for the review commands). */
export function mockSheet(sheetId: number): { info: SheetInfo; cells: (index: number) => string[] } | undefined {
  const sheet = sheets.get(sheetId);
  return sheet && { info: { ...sheet.info, rowCount: sheet.size, complete: true }, cells: (index) => cellsOf(index, sheet.semicolon) };
}

function rows(args: Commands["sheet_rows"]["args"]) {
  const sheet = sheetOf(args.sheetId);
  // Only the rows read so far, as the shell answers.
  const total = sheet.read;
  const end = Math.min(total, args.start + Math.min(args.count, 2_000));
  const out = [];
  for (let i = args.start; i < end; i++) {
    // Data row i sits just below the header, as the person sees it in Excel.
    out.push({ number: i + (sheet.info.headerRow ?? 1) + 1, cells: cellsOf(i, sheet.semicolon) });
  }
  stats.rowsReturned += out.length;
  return { start: args.start, rows: out, total, complete: total === sheet.size };
}

function field(field: string, column: string | undefined, confidence: number, reason: string, extra: Partial<FieldSuggestion> = {}): FieldSuggestion {
  return { field, column, confidence, reason, required: false, identifier: false, samplesBefore: [], samplesAfter: [], transforms: [], notes: "", ...extra };
}

export function suggest(args: Commands["suggest_mapping"]["args"]) {
  const sheet = sheetOf(args.sheetId);
  if (!sheet.semicolon) fail({ message: "The file has a single column, so nothing can be matched. Check the delimiter on the Source step." });
  const fields: FieldSuggestion[] = [
    field("email", "E-Mail", 0.98, "header “E-Mail” means email; 98% of sampled values are emails", {
      required: true,
      identifier: true,
      samplesBefore: ["Felix.Braun0@Example.com", "anna.braun1@example.com"],
      samplesAfter: ["felix.braun0@example.com", "anna.braun1@example.com"],
      transforms: [{ op: "trim" }, { op: "case", to: "lower" }],
    }),
    field("given_name", "Vorname", 0.92, "header “Vorname” is German for given name", { required: true, samplesBefore: ["Felix", "Anna"], samplesAfter: ["Felix", "Anna"] }),
    field("family_name", "Nachname", 0.91, "header “Nachname” is German for family name", { required: true, samplesBefore: ["Braun"], samplesAfter: ["Braun"] }),
    field("department", "Abteilung", 0.55, "header “Abteilung” may mean department", { samplesBefore: ["Vertrieb", "Einkauf"], samplesAfter: ["Vertrieb", "Einkauf"] }),
    field("employee_id", "Vorname", 0.3, "values are short words; a weak match", { samplesBefore: ["Felix", "Anna"], samplesAfter: ["Felix", "Anna"] }),
    field("manager", undefined, 0, "no column looks like a manager's email or id"),
  ];
  return { target: args.target, fields, profileToml: profileTomlOf(args.target, fields), missing: [] };
}

export function handle(cmd: string, payload: Record<string, unknown> | undefined): unknown {
  stats.calls.push({ cmd, args: payload });
  switch (cmd) {
    case "app_info": {
      const query = new URLSearchParams(window.location.search);
      const info: AppInfo = {
        version: "0.1.0",
        storePath: "/home/hr/.local/share/muster/muster.sqlite",
        firstRun: listJobs().length === 0,
        samplePath: SAMPLE,
        // `?sampleProfile=PATH` stands for an install whose sample profile is elsewhere (or gone).
        sampleProfilePath: query.get("sampleProfile") ?? SAMPLE_PROFILE,
        // `?open=PATH` stands for `muster-desktop PATH`.
        openPath: query.get("open") ?? undefined,
      };
      return info;
    }
    case "jobs_list":
      return listJobs();
    case "open_sheet": {
      const args = payload as Commands["open_sheet"]["args"];
      return openSheet(args.path, args.options);
    }
    case "sheet_info":
      return sheetInfo((payload as Commands["sheet_info"]["args"]).sheetId);
    case "sheet_rows":
      return rows(payload as Commands["sheet_rows"]["args"]);
    case "close_sheet":
      sheets.delete((payload as Commands["close_sheet"]["args"]).sheetId);
      return null;
    case "suggest_mapping":
      return suggest(payload as Commands["suggest_mapping"]["args"]);
    case "plugin:dialog|open":
      return stats.nextPick;
    default: {
      // The later steps answer from their own files, each owning its commands.
      for (const more of [handleReview, handleJobs]) {
        const answer = more(cmd, payload ?? {});
        if (answer !== NOT_MINE) return answer;
      }
      return fail({ message: `The mock shell has no command ${cmd}.` });
    }
  }
}
