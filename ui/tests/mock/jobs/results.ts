// Results: windows of records (by outcome), the exported files, the failed rows' source
// cells, and the three ways back to pending: as they are, corrected in the app, or
// corrected in a file.
import type { Commands, Exported, FixResult, JobRecord, Outcome, RecordFix, RecordWindow, SheetRow } from "../../../src/ipc/contract";
import { HEADER, indexOf, invalidBecause, rowOf } from "./people";
import { findJob, note, outcomeOf, setOutcome, sourceCells, type MockJob } from "./store";

function fail(message: string): never {
  throw { message };
}

function record(job: MockJob, index: number): JobRecord {
  const cells = sourceCells(job, index);
  const n = job.notes.get(index);
  const r: JobRecord = {
    sourceRow: rowOf(index),
    identifier: cells[3] ?? "",
    outcome: outcomeOf(job, index),
    attempts: n?.attempts ?? 0,
    fields: {
      email: cells[3] ?? "",
      given_name: cells[1] ?? "",
      family_name: cells[2] ?? "",
      employee_id: cells[0] ?? "",
      department: cells[4] ?? "",
    },
  };
  if (n?.targetId) r.targetId = n.targetId;
  if (n?.code) r.code = n.code;
  if (n?.message) r.message = n.message;
  return r;
}

export function jobRecords(args: Commands["job_records"]["args"]): RecordWindow {
  const job = findJob(args.jobId);
  const records: JobRecord[] = [];
  let seen = 0;
  for (let i = 0; i < job.outcomes.length; i++) {
    if (args.outcome !== undefined && outcomeOf(job, i) !== args.outcome) continue;
    if (seen >= args.start && records.length < args.count) records.push(record(job, i));
    seen += 1;
  }
  return { start: args.start, records, total: seen };
}

const join = (dir: string, file: string) => `${dir.replace(/[\\/]+$/, "")}${dir.includes("\\") ? "\\" : "/"}${file}`;

function checkDir(dir: string): void {
  if (dir.includes("readonly")) fail(`Muster may not write into ${dir}. Choose a folder of your own, like Documents.`);
}

export function exportResults(jobId: number, dir: string): Exported {
  const job = findJob(jobId);
  checkDir(dir);
  return { files: [join(dir, `job-${job.id}-results.csv`), join(dir, `job-${job.id}-results.xlsx`)], written: job.counts.total };
}

const needsFixing = (o: Outcome) => o === "failed" || o === "held";

export function exportFailed(jobId: number, dir: string): Exported {
  const job = findJob(jobId);
  checkDir(dir);
  const written = job.counts.failed + job.counts.heldBack;
  if (written === 0) fail(`Job ${job.id} has no failed or held-back rows; there is nothing to export.`);
  return { files: [join(dir, `job-${job.id}-failed-rows.csv`), join(dir, `job-${job.id}-failed-rows.xlsx`)], written };
}

export function failedSources(jobId: number): { columns: string[]; rows: SheetRow[] } {
  const job = findJob(jobId);
  const rows: SheetRow[] = [];
  for (let i = 0; i < job.outcomes.length; i++) {
    if (needsFixing(outcomeOf(job, i))) rows.push({ number: rowOf(i), cells: sourceCells(job, i) });
  }
  return { columns: HEADER, rows };
}

function applyFixes(job: MockJob, fixes: RecordFix[]): FixResult {
  if (job.busy) fail(`Job ${job.id} is being sent; wait for it to end before fixing records.`);
  const result: FixResult = { queued: 0, stillInvalid: [] };
  for (const fix of fixes) {
    const index = indexOf(fix.sourceRow);
    if (index < 0 || index >= job.outcomes.length || !needsFixing(outcomeOf(job, index))) {
      result.stillInvalid.push({ sourceRow: fix.sourceRow, message: `Row ${fix.sourceRow} did not fail in job ${job.id}; there is nothing to retry.` });
      continue;
    }
    const before = sourceCells(job, index);
    const cells = HEADER.map((column, c) => fix.cells[column] ?? before[c] ?? "");
    const n = note(job, index);
    n.cells = cells;
    const why = invalidBecause(fix.sourceRow, cells);
    if (why) {
      result.stillInvalid.push({ sourceRow: fix.sourceRow, message: why });
      continue;
    }
    delete n.code;
    delete n.message;
    setOutcome(job, index, "pending");
    result.queued += 1;
  }
  if (result.queued > 0 && job.status === "finished") job.status = "planned";
  return result;
}

export function fixRecords(jobId: number, fixes: RecordFix[]): FixResult {
  return applyFixes(findJob(jobId), fixes);
}

export function retryFailed(jobId: number): { queued: number } {
  const job = findJob(jobId);
  if (job.busy) fail(`Job ${job.id} is being sent; wait for it to end before retrying.`);
  let queued = 0;
  for (let i = 0; i < job.outcomes.length; i++) {
    if (outcomeOf(job, i) === "failed") {
      setOutcome(job, i, "pending");
      queued += 1;
    }
  }
  if (queued > 0 && job.status === "finished") job.status = "planned";
  return { queued };
}

/**
 * The person corrected the exported failed-rows file elsewhere: the mock reads it as
 * every failed or held row with a new E-Mail, except the addresses still without a
 * domain ending (that is what people forget).
 */
export function fixFromFile(jobId: number, path: string): FixResult {
  const job = findJob(jobId);
  if (path.includes("broken")) fail(`${path} is not a failed-rows file of job ${job.id}: it has no “Personalnummer” column. Use the file “Export failed rows” wrote.`);
  const fixes: RecordFix[] = [];
  for (let i = 0; i < job.outcomes.length; i++) {
    if (!needsFixing(outcomeOf(job, i))) continue;
    const cells = sourceCells(job, i);
    const email = cells[3] ?? "";
    const corrected = outcomeOf(job, i) === "held" ? email : email.replace("@", ".new@");
    fixes.push({ sourceRow: rowOf(i), cells: { ...Object.fromEntries(HEADER.map((h, c) => [h, cells[c] ?? ""])), "E-Mail": corrected } });
  }
  return applyFixes(job, fixes);
}
