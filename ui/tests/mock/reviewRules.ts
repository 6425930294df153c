// The mock shell's validation of one record through a mapping, with the engine's codes
// (required_missing, email_invalid, value_not_allowed, the transforms' own codes), and the
// summary of a sheet's issues as review_sheet answers it.
import type { CellIssue, ProblemCount, ReviewSummary } from "../../src/ipc/contract";
import { transform, type MockProfile } from "./reviewProfile";

/** The departments the mock targets know; another is a warning (it would be created). */
const DEPARTMENTS = ["Vertrieb", "Einkauf", "Personal", "IT", "Lager"];
const EMAIL = /^[^@\s]+@[^@\s.]+(\.[^@\s.]+)+$/;

/** Every issue of one record: `cells` are the sheet's cells (edits included). */
export function issuesOf(cells: string[], columns: string[], profile: MockProfile, required: ReadonlySet<string>): CellIssue[] {
  const issues: CellIssue[] = [];
  const mapped = new Set<string>();
  for (const f of profile.fields) {
    mapped.add(f.target);
    const column = f.column ?? "";
    const at = f.column === undefined ? -1 : columns.indexOf(f.column);
    const out = transform(at < 0 ? "" : (cells[at] ?? ""), f.transforms);
    const issue = (severity: CellIssue["severity"], code: string, message: string) => issues.push({ column, field: f.target, severity, code, message });
    if ("error" in out) {
      issue("error", out.error.code, out.error.message);
      continue;
    }
    const v = out.value.trim();
    if (v === "") {
      if (required.has(f.target)) issue("error", "required_missing", `${f.target} is required, and this cell is empty. Fill it in, or give the field a default value on the Map step.`);
      continue;
    }
    if (f.target.includes("email") && !EMAIL.test(v)) {
      const why = v.includes("@@") ? "it has two @ signs" : v.split("@")[1]?.includes(".") ? "it is not written like one" : "it has no domain ending";
      issue("error", "email_invalid", `“${v}” is not an email address: ${why}. The target will refuse it.`);
    }
    if (f.target === "department" && !DEPARTMENTS.includes(v)) {
      issue("warning", "value_not_allowed", `“${v}” is not a department the target knows (${DEPARTMENTS.join(", ")}); it would be created as a new one.`);
    }
  }
  for (const field of required) {
    if (!mapped.has(field)) {
      issues.push({ column: "", field, severity: "error", code: "required_missing", message: `${field} is required, and the mapping gives it no column or default value.` });
    }
  }
  return issues;
}

/** The counts of a reviewed sheet: `issues` holds only the rows that have any. */
export function summarise(sheetId: number, total: number, issues: Map<number, CellIssue[]>, numberOf: (index: number) => number, edits: number): ReviewSummary {
  let invalid = 0;
  let errors = 0;
  let warnings = 0;
  const kinds = new Map<string, ProblemCount & { first: number }>();
  for (const [index, list] of issues) {
    if (list.some((i) => i.severity === "error")) invalid++;
    for (const i of list) {
      if (i.severity === "error") errors++;
      else warnings++;
      const kind = kinds.get(i.code);
      const example = `Row ${numberOf(index)}${i.column ? `, column "${i.column}"` : ""}: ${i.message}`;
      if (!kind) kinds.set(i.code, { code: i.code, severity: i.severity, count: 1, example, first: index });
      else {
        kind.count++;
        // The first in the sheet's order, whatever order the rows were revalidated in.
        if (index < kind.first) Object.assign(kind, { example, first: index });
      }
    }
  }
  const problems = [...kinds.values()]
    .sort((a, b) => b.count - a.count || a.code.localeCompare(b.code))
    .map(({ code, severity, count, example }) => ({ code, severity, count, example }));
  return { sheetId, total, valid: total - invalid, invalid, skipped: 0, errors, warnings, rowsWithProblems: issues.size, problems, edits };
}
