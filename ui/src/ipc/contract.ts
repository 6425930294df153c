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
  /** The file the app was started with (`muster-desktop FILE`): opened on the Source step. */
  openPath?: string;
}

export interface JobCounts {
  /** Records to send: pending + created + updated + skipped + unchanged + failed. Rows held
   * back by validation are counted apart, in heldBack. */
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
  /** Data rows (after the header) read so far: all of them once `complete`. */
  rowCount: number;
  /** Whether the file has been read to its end. A big file answers open_sheet after its
   * first rows; the rest is read in the background, and sheet_info tells when it is done. */
  complete: boolean;
  /** Problems found so far (all of them once `complete`). */
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
  /** Rows read so far: all of them once `complete`. */
  total: number;
  complete: boolean;
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
  /** The transforms the profile applies to this field, in order. */
  transforms: Transform[];
  /** What the catalog says of the field (kind, format), for a tooltip. */
  notes: string;
}

/** One step of a field's transforms; the same shape as a profile's TOML `transforms`. */
export type Transform =
  | { op: "trim" }
  | { op: "case"; to: "lower" | "upper" | "title" }
  | { op: "split_name"; part: "first" | "middle" | "last" }
  | { op: "date"; to: "iso" | "day_month_year" | "date_time"; day_first?: boolean }
  | { op: "phone"; country: string }
  | { op: "default"; value: string }
  | {
      op: "map";
      values: Record<string, string>;
      ignore_case?: boolean;
      otherwise?: "keep" | "empty" | "error";
    };

/** What the person changed on the Map screen, for one field. */
export interface FieldChange {
  field: string;
  /** The column to use; null = none. Absent = leave the column as it is. */
  column?: string | null;
  /** The new list of transforms. Absent = leave them as they are. */
  transforms?: Transform[];
  /** true = make this field the identifier (the previous one stops being it). */
  identifier?: boolean;
}

export interface MappingTemplate {
  name: string;
  target: TargetKind;
}

export interface MappingSuggestion {
  target: TargetKind;
  fields: FieldSuggestion[];
  /** The suggested profile as TOML, ready to save or to edit. */
  profileToml: string;
  /** Required fields no column, constant or template fills yet; empty when ready. */
  missing: string[];
}

// ---- Review ---------------------------------------------------------------------------

export type Severity = "error" | "warning";

/** One kind of problem and how often it occurs. */
export interface ProblemCount {
  code: string;
  severity: Severity;
  count: number;
  /** The first message of this kind, e.g. `Row 17, column "E-Mail": ...`. */
  example: string;
}

/** The sheet validated through the mapping, edits included. */
export interface ReviewSummary {
  sheetId: number;
  /** Data rows of the sheet. */
  total: number;
  /** Records with no error (warnings allowed), with errors, and rows the profile skips. */
  valid: number;
  invalid: number;
  skipped: number;
  errors: number;
  warnings: number;
  /** Rows with at least one error or warning. */
  rowsWithProblems: number;
  /** Most frequent first. */
  problems: ProblemCount[];
  /** Cells changed in the app so far. */
  edits: number;
}

export interface CellIssue {
  /** The source column the issue is about; empty for a constant or a whole record. */
  column: string;
  field: string;
  severity: Severity;
  code: string;
  message: string;
}

export interface ReviewRow {
  /** 0-based position among the sheet's data rows: the handle for edit_cell. */
  index: number;
  /** The row as the person sees it. */
  number: number;
  cells: string[];
  issues: CellIssue[];
  /** Columns of this row edited in the app. */
  edited: string[];
}

export interface ReviewWindow {
  start: number;
  rows: ReviewRow[];
  /** Rows in the view: all rows, or only those with problems (of `code`). */
  total: number;
}

export interface ReplaceResult {
  replaced: number;
  summary: ReviewSummary;
}

export interface Exported {
  /** The files written. */
  files: string[];
  /** Rows written. */
  written: number;
}

// ---- Connections and the sandbox ------------------------------------------------------

export interface SettingSpec {
  key: string;
  label: string;
  required: boolean;
  /** e.g. "https://example.eu.auth0.com" */
  placeholder?: string;
  /** Fixed choices, when the setting has them. */
  choices?: string[];
}

/** What a connection of this kind asks for. */
export interface ConnectionKind {
  kind: string;
  label: string;
  role: "target" | "source";
  settings: SettingSpec[];
  /** The secrets it needs (saved to the keychain, never shown again). */
  secrets: SettingSpec[];
}

export interface ConnectionInfo {
  name: string;
  kind: string;
  url: string;
  settings: Record<string, string>;
  /** Which secrets the keychain holds for it: names only, never values. */
  secrets: string[];
  /** The app's built-in emulators (the connection named "sandbox"). */
  sandbox: boolean;
}

export interface NewConnection {
  name: string;
  kind: string;
  url: string;
  settings: Record<string, string>;
  /** Secret name → value; goes straight to the OS keychain. */
  secrets: Record<string, string>;
}

export interface ConnectionTest {
  ok: boolean;
  /** What happened, e.g. "Connected to https://… ; it can create users." */
  message: string;
}

export interface Emulator {
  /** The target or source kind it emulates: "lms", "auth0", "hris", … */
  kind: string;
  label: string;
  url: string;
  /** Users the emulator holds now. */
  users: number;
}

export interface SandboxStatus {
  running: boolean;
  emulators: Emulator[];
}

// ---- Jobs -----------------------------------------------------------------------------

export type Policy = "skip" | "update";

export interface CreatedJob {
  job: number;
  /** Valid records journaled to send. */
  toSend: number;
  /** Records held back by validation (never sent). */
  heldBack: number;
}

export type Expected = "create" | "update" | "skip" | "unchanged" | "decided";

export interface PlanSample {
  expected: Expected;
  sourceRow: number;
  identifier: string;
  targetId?: string;
}

export interface PlanResult {
  counts: Record<Expected, number>;
  samples: PlanSample[];
  /** false when cancelled before every record was looked up. */
  complete: boolean;
}

/** Streamed through the command's Channel while a plan or a push runs. */
export interface JobProgress {
  job: number;
  /** Records done (looked up, or settled) and the total to do. */
  done: number;
  total: number;
  /** Records per second over the push so far; 0 while planning. */
  rate: number;
  /** Seconds left, when it can be told. */
  secondsLeft?: number;
  counts: JobCounts;
}

export type Outcome =
  | "created"
  | "updated"
  | "skipped"
  | "unchanged"
  | "failed"
  | "held"
  | "pending";

export interface JobRecord {
  sourceRow: number;
  identifier: string;
  outcome: Outcome;
  targetId?: string;
  /** The target's (or validation's) code and message for a failure. */
  code?: string;
  message?: string;
  attempts: number;
  /** The JSON sent (or that would be sent), as field → value text. */
  fields: Record<string, string>;
}

export interface RecordWindow {
  start: number;
  records: JobRecord[];
  /** Records in the view (of `outcome`, when given). */
  total: number;
}

/** A failed or held record corrected in the app: its source cells, by column. */
export interface RecordFix {
  sourceRow: number;
  cells: Record<string, string>;
}

export interface FixResult {
  /** Records put back to send. */
  queued: number;
  /** Fixes that still do not pass validation, with why. */
  stillInvalid: { sourceRow: number; message: string }[];
}

/**
 * A Channel from @tauri-apps/api/core (`new Channel<JobProgress>()`); the shell sends
 * progress through it, the mock shell calls its onmessage.
 */
export interface ProgressChannel {
  onmessage: (progress: JobProgress) => void;
}

/** The commands; the key is the command name given to invoke(). */
export interface Commands {
  app_info: { args: Record<string, never>; answer: AppInfo };
  jobs_list: { args: Record<string, never>; answer: JobSummary[] };
  open_sheet: { args: { path: string; options?: ReadOptions }; answer: SheetInfo };
  /** The open sheet as read so far (rowCount, complete, problems); rejects with the file's
   * error when it could not be read to its end. */
  sheet_info: { args: { sheetId: number }; answer: SheetInfo };
  /** At most 2,000 rows, from those read so far. */
  sheet_rows: { args: { sheetId: number; start: number; count: number }; answer: RowWindow };
  close_sheet: { args: { sheetId: number }; answer: null };
  suggest_mapping: {
    args: { sheetId: number; target: TargetKind };
    answer: MappingSuggestion;
  };

  // Map: changing a match, transforms, the identifier; templates kept in the store.
  /** The mapping `profileToml` with `change` applied, samples recomputed. */
  change_mapping: {
    args: { sheetId: number; profileToml: string; change: FieldChange };
    answer: MappingSuggestion;
  };
  templates_list: { args: Record<string, never>; answer: MappingTemplate[] };
  save_template: { args: { name: string; profileToml: string }; answer: MappingTemplate };
  /** The template applied to the open sheet (its columns checked against the sheet's). */
  load_template: { args: { sheetId: number; name: string }; answer: MappingSuggestion };
  /** A profile file (TOML) applied to the open sheet: the first run's sample profile. */
  load_profile: { args: { sheetId: number; path: string }; answer: MappingSuggestion };

  // Review: validation of the open sheet through the mapping, with edits in place.
  review_sheet: { args: { sheetId: number; profileToml: string }; answer: ReviewSummary };
  review_rows: {
    args: { sheetId: number; start: number; count: number; onlyProblems: boolean; code?: string };
    answer: ReviewWindow;
  };
  /** Sets one cell (row by its index) and revalidates. */
  edit_cell: {
    args: { sheetId: number; index: number; column: string; value: string };
    answer: ReviewSummary;
  };
  replace_in_column: {
    args: { sheetId: number; column: string; find: string; replace: string; wholeCell: boolean };
    answer: ReplaceResult;
  };
  /** Every issue as CSV (row, column, field, severity, code, message, value). */
  export_issues: { args: { sheetId: number; path: string }; answer: Exported };
  /** The sheet with the edits, as CSV, so the fixes are not lost with the app. */
  save_corrected: { args: { sheetId: number; path: string }; answer: Exported };

  // Target: saved connections (secrets to the keychain) and the built-in emulators.
  connection_kinds: { args: Record<string, never>; answer: ConnectionKind[] };
  connections_list: { args: Record<string, never>; answer: ConnectionInfo[] };
  connection_save: { args: { connection: NewConnection }; answer: ConnectionInfo };
  connection_test: { args: { name: string }; answer: ConnectionTest };
  connection_remove: { args: { name: string }; answer: null };
  sandbox_status: { args: Record<string, never>; answer: SandboxStatus };
  sandbox_start: { args: Record<string, never>; answer: SandboxStatus };
  sandbox_stop: { args: Record<string, never>; answer: SandboxStatus };

  // Plan, Push, Results, History.
  /** Journals the open sheet (edits included) as a job; nothing sent. */
  create_job: {
    args: { sheetId: number; profileToml: string; connection: string; policy: Policy };
    answer: CreatedJob;
  };
  plan_job: { args: { jobId: number; onProgress: ProgressChannel }; answer: PlanResult };
  /** Sends (or resumes) the job; answers once it has ended, cancelled or not. */
  push_job: { args: { jobId: number; onProgress: ProgressChannel }; answer: JobSummary };
  /** Asks a running plan or push to stop after the batch in flight. */
  cancel_job: { args: { jobId: number }; answer: null };
  job_get: { args: { jobId: number }; answer: JobSummary };
  job_records: {
    args: { jobId: number; outcome?: Outcome; start: number; count: number };
    answer: RecordWindow;
  };
  /** results.csv and results.xlsx into `dir`. */
  export_results: { args: { jobId: number; dir: string }; answer: Exported };
  /** failed-rows.csv and failed-rows.xlsx (the source's own columns) into `dir`. */
  export_failed: { args: { jobId: number; dir: string }; answer: Exported };
  /** Source cells of the failed and held records, for fixing them in the app. */
  failed_sources: {
    args: { jobId: number };
    answer: { columns: string[]; rows: SheetRow[] };
  };
  /** Fixed records back to pending (then push_job sends them). */
  fix_records: { args: { jobId: number; fixes: RecordFix[] }; answer: FixResult };
  /** Failed records back to pending as they are (a target that was down). */
  retry_failed: { args: { jobId: number }; answer: { queued: number } };
  /** A fixed failed-rows file matched back to the job (as `muster jobs retry --file`). */
  fix_from_file: { args: { jobId: number; path: string }; answer: FixResult };
}

export type CommandName = keyof Commands;
