// The contract between the UI and the Tauri shell: every command the UI invokes, with
// its arguments and answer. The shell (src-tauri/src/commands/) implements exactly these
// names and shapes (serde, camelCase); the UI tests mock them (@tauri-apps/api/mocks).
// The data stays in Rust: sheets are opened there and the grid asks for windows of rows.

/** Every command fails with this shape: words for a person, never a stack trace. */
export interface UiError {
  /** What happened and what to do, e.g. "Row 12, column Email: ... Fix the cell and ...". */
  message: string;
  /** Where, when it is about a place: the file, row as the person sees it, column. */
  file?: string;
  row?: number;
  column?: string;
}

export type TargetKind = "lms" | "auth0" | "authgear" | "scim" | "rest";

export interface AppInfo {
  version: string;
  /** The SQLite store shared with the CLI. */
  storePath: string;
  /** No job in the store yet: the Start screen offers the sample with the sandbox. */
  firstRun: boolean;
  /** The bundled sample file (samples/mitarbeiter-excel-de.csv) and its profile. */
  samplePath: string;
  sampleProfilePath: string;
}

export interface JobCounts {
  total: number;
  pending: number;
  created: number;
  updated: number;
  skipped: number;
  unchanged: number;
  failed: number;
  heldBack: number;
}

export type JobStatus = "planned" | "running" | "cancelled" | "interrupted" | "finished";

export interface JobSummary {
  id: number;
  source: string;
  connection: string;
  targetKind: string;
  status: JobStatus;
  counts: JobCounts;
  /** Seconds since 1970. */
  createdAt: number;
}

/** Overrides of what the reader guessed; absent fields stay guessed. */
export interface ReadOptions {
  encoding?: string;
  /** "," ";" "tab" "|" */
  delimiter?: string;
  sheet?: string;
  headerRow?: number;
  jsonPointer?: string;
}

export interface SheetProblem {
  /** The row as the person sees it; absent for the whole file. */
  row?: number;
  column?: string;
  message: string;
}

export interface SheetInfo {
  /** Handle for sheet_rows and later commands; valid until the sheet is closed. */
  sheetId: number;
  path: string;
  /** "csv" | "xlsx" | "xls" | "xlsb" | "ods" | "json" | "ndjson" */
  format: string;
  encoding?: string;
  delimiter?: string;
  /** Every sheet of a workbook. */
  sheets: string[];
  sheet?: string;
  headerRow?: number;
  jsonPointer?: string;
  /** Which of encoding, delimiter, sheet, header_row, json_pointer were guessed. */
  guessed: string[];
  columns: string[];
  /** Data rows (after the header). */
  rowCount: number;
  problems: SheetProblem[];
}

export interface SheetRow {
  /** The row number as the person sees it (Excel row, NDJSON line, JSON record). */
  number: number;
  cells: string[];
}

export interface RowWindow {
  start: number;
  rows: SheetRow[];
  total: number;
}

export interface FieldSuggestion {
  /** The target field, e.g. "email". */
  field: string;
  required: boolean;
  /** The field that identifies a record at this target (exactly one per mapping). */
  identifier: boolean;
  /** The proposed column, absent when none fits. */
  column?: string;
  /** 0.0 – 1.0 */
  confidence: number;
  /** Why, in words: `header "E-Mail" means email; 98% of sampled values are emails`. */
  reason: string;
  /** A few values of the column as they are, and after the profile's transforms. */
  samplesBefore: string[];
  samplesAfter: string[];
}

export interface MappingSuggestion {
  target: TargetKind;
  fields: FieldSuggestion[];
  /** The suggested profile as TOML, ready to save or to edit. */
  profileToml: string;
}

/** The commands; the key is the command name given to invoke(). */
export interface Commands {
  app_info: { args: Record<string, never>; answer: AppInfo };
  jobs_list: { args: Record<string, never>; answer: JobSummary[] };
  open_sheet: { args: { path: string; options?: ReadOptions }; answer: SheetInfo };
  sheet_rows: { args: { sheetId: number; start: number; count: number }; answer: RowWindow };
  close_sheet: { args: { sheetId: number }; answer: null };
  suggest_mapping: {
    args: { sheetId: number; target: TargetKind };
    answer: MappingSuggestion;
  };
}

export type CommandName = keyof Commands;
