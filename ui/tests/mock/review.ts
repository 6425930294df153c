// The mock shell's Map-template, profile-file and Review commands (contract.ts:
// change_mapping … save_corrected), answered like the Rust side would, on the mock sheets of shell.ts: the
// mapping travels as profile TOML, edits are kept per sheet and revalidate their row.
import { answerWith, type Handlers } from "./notMine";
import { mockSheet, suggest } from "./shell";
import { SAMPLE_PROFILE } from "./samples";
import { baseName } from "../../src/util/paths";
import { checkTransform, readProfile, transform, writeProfile, type MockProfile } from "./reviewProfile";
import { issuesOf, summarise } from "./reviewRules";
import type { CellIssue, Commands, FieldSuggestion, MappingSuggestion, MappingTemplate, ReviewRow, ReviewSummary, UiError } from "../../src/ipc/contract";

type Args<K extends keyof Commands> = Commands[K]["args"];

/** What the tests may steer: the next save dialog's answer (undefined = its default path). */
export const reviewMock = { nextSave: undefined as string | null | undefined };
(window as unknown as { __musterReviewMock: typeof reviewMock }).__musterReviewMock = reviewMock;

interface Review {
  profile: MockProfile;
  required: Set<string>;
  /** Rows with issues only, by data-row index. */
  issues: Map<number, CellIssue[]>;
  /** The problem rows in order, rebuilt when an edit changes which rows have issues. */
  order?: number[];
}

/** Edited cells by sheet, row index and column index; they outlive a changed mapping. */
const edits = new Map<number, Map<number, Map<number, string>>>();
const reviews = new Map<number, Review>();
const templates = new Map<string, string>([
  [
    "HR export 2023",
    writeProfile({
      target: "lms",
      identifier: "email",
      fields: [
        { target: "email", column: "Mail", transforms: [{ op: "trim" }] },
        { target: "employee_id", column: "Mitarbeiter-Nr", transforms: [] },
      ],
    }),
  ],
  [
    "Personal (SCIM)",
    writeProfile({
      target: "scim",
      identifier: "email",
      fields: [
        { target: "email", column: "E-Mail", transforms: [{ op: "trim" }, { op: "case", to: "lower" }] },
        { target: "given_name", column: "Vorname", transforms: [{ op: "trim" }] },
        { target: "family_name", column: "Nachname", transforms: [{ op: "trim" }, { op: "case", to: "upper" }] },
        { target: "employee_id", column: "Personalnummer", transforms: [] },
      ],
    }),
  ],
]);

/** The profile files on the mock's disk: the sample's mapping onto the LMS. */
const profileFiles = new Map<string, string>([
  [
    SAMPLE_PROFILE,
    writeProfile({
      target: "lms",
      identifier: "email",
      fields: [
        { target: "email", column: "E-Mail", transforms: [{ op: "trim" }, { op: "case", to: "lower" }] },
        { target: "given_name", column: "Vorname", transforms: [{ op: "trim" }] },
        { target: "family_name", column: "Nachname", transforms: [{ op: "trim" }] },
        { target: "department", column: "Abteilung", transforms: [] },
        { target: "employee_id", column: "Personalnummer", transforms: [] },
      ],
    }),
  ],
]);

function fail(error: UiError): never {
  throw error;
}

function sheetOf(sheetId: number) {
  return mockSheet(sheetId) ?? fail({ message: "This file was closed, so its records cannot be changed or checked. Open it again on the Source step." });
}

/** The few mistakes a real export has, at the same places in every mock sheet. */
function withMistakes(index: number, cells: string[]): string[] {
  const out = [...cells];
  const at = index % 1000;
  if (at === 15) out[3] = "lea.yilmaz@example";
  if (at === 41) out[3] = "jonas.weber@@example.com";
  if (at === 30) out[1] = "";
  if (at === 8 || at === 22) out[4] = "Vetrieb";
  return out;
}

function cellsAt(sheetId: number, index: number): string[] {
  const cells = withMistakes(index, sheetOf(sheetId).cells(index));
  for (const [c, v] of edits.get(sheetId)?.get(index) ?? []) cells[c] = v;
  return cells;
}

function numberOf(sheetId: number, index: number): number {
  return index + (sheetOf(sheetId).info.headerRow ?? 1) + 1;
}

function checkColumns(sheetId: number, profile: MockProfile, what: string) {
  const columns = sheetOf(sheetId).info.columns;
  const lacking = profile.fields.map((f) => f.column).filter((c): c is string => c !== undefined && !columns.includes(c));
  if (lacking.length > 0) {
    fail({
      message: `${what} uses ${lacking.length === 1 ? "a column" : "columns"} this file does not have: ${lacking.join(", ")}. Choose another template, or map the columns by hand.`,
      file: sheetOf(sheetId).info.path,
      column: lacking[0],
    });
  }
}

// ---- Map: changes and templates ---------------------------------------------------------

/** The suggestion for `profile`; a column other than the matcher's says where it came from. */
function answer(sheetId: number, profile: MockProfile, origin: string): MappingSuggestion {
  const sheet = sheetOf(sheetId);
  const base = suggest({ sheetId, target: profile.target });
  const sampleRows = Array.from({ length: Math.min(5, sheet.info.rowCount) }, (_, i) => cellsAt(sheetId, i));
  const fields: FieldSuggestion[] = base.fields.map((b) => {
    const m = profile.fields.find((f) => f.target === b.field);
    const column = m?.column;
    const at = column === undefined ? -1 : sheet.info.columns.indexOf(column);
    const before = at < 0 ? [] : sampleRows.map((r) => r[at] ?? "").filter((v) => v !== "");
    const transforms = m?.transforms ?? [];
    const suggested = column === b.column;
    return {
      ...b,
      column,
      identifier: profile.identifier === b.field,
      transforms,
      samplesBefore: before,
      samplesAfter: before.map((v) => {
        const out = transform(v, transforms);
        return "error" in out ? v : out.value;
      }),
      confidence: suggested ? b.confidence : column === undefined ? 0 : 1,
      reason: suggested ? b.reason : column === undefined ? "No column." : origin,
    };
  });
  const missing = fields.filter((f) => f.required && f.column === undefined && !f.transforms.some((t) => t.op === "default")).map((f) => f.field);
  return { target: profile.target, fields, profileToml: writeProfile(profile), missing };
}

function changeMapping({ sheetId, profileToml, change }: Args<"change_mapping">): MappingSuggestion {
  const sheet = sheetOf(sheetId);
  const profile = readProfile(profileToml);
  const base = suggest({ sheetId, target: profile.target });
  if (!base.fields.some((f) => f.field === change.field)) fail({ message: `“${change.field}” is not a field of this target. Choose one of the fields listed.` });
  let field = profile.fields.find((f) => f.target === change.field);
  if (!field) {
    field = { target: change.field, transforms: [] };
    profile.fields.push(field);
  }
  if (change.column !== undefined) {
    if (change.column === null) {
      if (profile.identifier === change.field) {
        fail({ message: `${change.field} identifies each record, so it needs a column. Make another field the identifier first.`, column: field.column });
      }
      field.column = undefined;
    } else {
      if (!sheet.info.columns.includes(change.column)) fail({ message: `This file has no column “${change.column}”.`, file: sheet.info.path });
      field.column = change.column;
    }
  }
  if (change.transforms !== undefined) {
    for (const t of change.transforms) {
      const why = checkTransform(t);
      if (why) fail({ message: `${change.field}: ${why}` });
    }
    field.transforms = change.transforms;
  }
  if (change.identifier) {
    if (field.column === undefined) fail({ message: `${change.field} has no column, so it cannot identify the records. Choose its column first.` });
    profile.identifier = change.field;
  }
  profile.fields = profile.fields.filter((f) => f.column !== undefined || f.transforms.length > 0);
  return answer(sheetId, profile, "Chosen by you.");
}

function saveTemplate({ name, profileToml }: Args<"save_template">): MappingTemplate {
  const trimmed = name.trim();
  if (trimmed === "") fail({ message: "Give the template a name, so you can find it again." });
  const profile = readProfile(profileToml);
  templates.set(trimmed, writeProfile(profile));
  return { name: trimmed, target: profile.target };
}

function loadTemplate({ sheetId, name }: Args<"load_template">): MappingSuggestion {
  const toml = templates.get(name) ?? fail({ message: `There is no template named “${name}”. It may have been removed; choose another.` });
  const profile = readProfile(toml);
  checkColumns(sheetId, profile, `The template “${name}”`);
  return answer(sheetId, profile, `From the template “${name}”.`);
}

function loadProfile({ sheetId, path }: Args<"load_profile">): MappingSuggestion {
  const name = baseName(path);
  const toml = profileFiles.get(path) ?? fail({ message: `Muster cannot read the profile ${name}: there is no such file. Choose a target below to map the columns yourself.`, file: path });
  const profile = readProfile(toml);
  checkColumns(sheetId, profile, `The profile ${name}`);
  return answer(sheetId, profile, `From ${name}.`);
}

// ---- Review -------------------------------------------------------------------------------

function reviewOf(sheetId: number): Review {
  sheetOf(sheetId);
  return reviews.get(sheetId) ?? fail({ message: "This file has not been checked yet. Open the Review step again." });
}

function revalidate(sheetId: number, review: Review, index: number) {
  const issues = issuesOf(cellsAt(sheetId, index), sheetOf(sheetId).info.columns, review.profile, review.required);
  const had = review.issues.has(index);
  if (issues.length > 0) review.issues.set(index, issues);
  else review.issues.delete(index);
  if (had !== issues.length > 0) review.order = undefined;
}

function summary(sheetId: number): ReviewSummary {
  const review = reviewOf(sheetId);
  let count = 0;
  for (const row of edits.get(sheetId)?.values() ?? []) count += row.size;
  return summarise(sheetId, sheetOf(sheetId).info.rowCount, review.issues, (i) => numberOf(sheetId, i), count);
}

function reviewSheet({ sheetId, profileToml }: Args<"review_sheet">): ReviewSummary {
  const sheet = sheetOf(sheetId);
  const profile = readProfile(profileToml);
  checkColumns(sheetId, profile, "The mapping");
  const required = new Set(suggest({ sheetId, target: profile.target }).fields.filter((f) => f.required).map((f) => f.field));
  const review: Review = { profile, required, issues: new Map() };
  reviews.set(sheetId, review);
  for (let i = 0; i < sheet.info.rowCount; i++) revalidate(sheetId, review, i);
  return summary(sheetId);
}

function reviewRows({ sheetId, start, count, onlyProblems, code }: Args<"review_rows">) {
  const review = reviewOf(sheetId);
  const total = sheetOf(sheetId).info.rowCount;
  review.order ??= [...review.issues.keys()].sort((a, b) => a - b);
  const view = !onlyProblems ? undefined : code ? review.order.filter((i) => review.issues.get(i)?.some((x) => x.code === code)) : review.order;
  const size = view ? view.length : total;
  const rows: ReviewRow[] = [];
  const columns = sheetOf(sheetId).info.columns;
  for (let at = start; at < Math.min(size, start + count); at++) {
    const index = view ? (view[at] ?? 0) : at;
    const edited = [...(edits.get(sheetId)?.get(index)?.keys() ?? [])].map((c) => columns[c] ?? "");
    rows.push({ index, number: numberOf(sheetId, index), cells: cellsAt(sheetId, index), issues: review.issues.get(index) ?? [], edited });
  }
  return { start, rows, total: size };
}

function setCell(sheetId: number, index: number, column: number, value: string) {
  let sheetEdits = edits.get(sheetId);
  if (!sheetEdits) edits.set(sheetId, (sheetEdits = new Map()));
  let row = sheetEdits.get(index);
  if (!row) sheetEdits.set(index, (row = new Map()));
  row.set(column, value);
}

function columnIndex(sheetId: number, column: string): number {
  const at = sheetOf(sheetId).info.columns.indexOf(column);
  return at >= 0 ? at : fail({ message: `This file has no column “${column}”.`, column });
}

function editCell({ sheetId, index, column, value }: Args<"edit_cell">): ReviewSummary {
  const review = reviewOf(sheetId);
  const total = sheetOf(sheetId).info.rowCount;
  if (index < 0 || index >= total) fail({ message: `The file has no data row ${index + 1}; it has ${total}.` });
  setCell(sheetId, index, columnIndex(sheetId, column), value);
  revalidate(sheetId, review, index);
  return summary(sheetId);
}

function replaceInColumn({ sheetId, column, find, replace, wholeCell }: Args<"replace_in_column">) {
  const review = reviewOf(sheetId);
  const at = columnIndex(sheetId, column);
  if (find === "") fail({ message: "Type what to find. To fill empty cells, give the field a default value on the Map step." });
  let replaced = 0;
  for (let i = 0; i < sheetOf(sheetId).info.rowCount; i++) {
    const current = cellsAt(sheetId, i)[at] ?? "";
    const next = wholeCell ? (current === find ? replace : current) : current.split(find).join(replace);
    if (next === current) continue;
    setCell(sheetId, i, at, next);
    revalidate(sheetId, review, i);
    replaced++;
  }
  return { replaced, summary: summary(sheetId) };
}

function write(sheetId: number, path: string, written: number) {
  reviewOf(sheetId);
  if (!path.toLowerCase().endsWith(".csv")) fail({ message: "Save it as a .csv file.", file: path });
  if (path.startsWith("/read-only/")) fail({ message: `Muster cannot write here: permission denied. Choose a folder you can write to.`, file: path });
  return { files: [path], written };
}

const handlers: Handlers = {
  change_mapping: changeMapping,
  templates_list: () => [...templates].map(([name, toml]) => ({ name, target: readProfile(toml).target })).sort((a, b) => a.name.localeCompare(b.name)),
  save_template: saveTemplate,
  load_template: loadTemplate,
  load_profile: loadProfile,
  review_sheet: reviewSheet,
  review_rows: reviewRows,
  edit_cell: editCell,
  replace_in_column: replaceInColumn,
  export_issues: ({ sheetId, path }) => {
    let issues = 0;
    for (const list of reviewOf(sheetId).issues.values()) issues += list.length;
    return write(sheetId, path, issues);
  },
  save_corrected: ({ sheetId, path }) => write(sheetId, path, sheetOf(sheetId).info.rowCount),
  "plugin:dialog|save": (payload) => {
    const next = reviewMock.nextSave;
    reviewMock.nextSave = undefined;
    const options = (payload as { options?: { defaultPath?: string } }).options;
    return next !== undefined ? next : (options?.defaultPath ?? null);
  },
};

export function handleReview(cmd: string, payload: Record<string, unknown>): unknown {
  return answerWith(handlers, cmd, payload);
}
