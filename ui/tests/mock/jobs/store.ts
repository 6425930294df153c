// The mock's job journal: one outcome per record (a byte each, so a 1,000,000-row sheet
// fits), what the target said about the records it refused, and the job's running counts.
import type { JobCounts, JobStatus, JobSummary, Outcome, Policy } from "../../../src/ipc/contract";
import { cellsOf, conflicts, existsAtTarget, isHeld, rowOf, timesOutOnce } from "./people";

export const OUTCOMES: Outcome[] = ["pending", "created", "updated", "skipped", "unchanged", "failed", "held"];
const code = (o: Outcome) => OUTCOMES.indexOf(o);

/** What the journal keeps beyond the outcome, for the records that have something to say. */
export interface RecordNote {
  targetId?: string;
  code?: string;
  message?: string;
  attempts: number;
  /** Source cells corrected in the app or from a fixed file (HEADER order). */
  cells?: string[];
}

export interface MockJob {
  id: number;
  source: string;
  connection: string;
  targetKind: string;
  policy: Policy;
  status: JobStatus;
  createdAt: number;
  outcomes: Uint8Array;
  notes: Map<number, RecordNote>;
  counts: JobCounts;
  /** Set by cancel_job; the running plan or push stops after its batch. */
  cancelRequested: boolean;
  /** A plan or push is under way. */
  busy: "plan" | "push" | undefined;
}

const jobs = new Map<number, MockJob>();
let nextId = 13;

function emptyCounts(total: number): JobCounts {
  return { total, pending: 0, created: 0, updated: 0, skipped: 0, unchanged: 0, failed: 0, heldBack: 0 };
}

const COUNT_OF: Record<Outcome, keyof JobCounts> = {
  pending: "pending",
  created: "created",
  updated: "updated",
  skipped: "skipped",
  unchanged: "unchanged",
  failed: "failed",
  held: "heldBack",
};

export function outcomeOf(job: MockJob, index: number): Outcome {
  return OUTCOMES[job.outcomes[index] ?? 0] ?? "pending";
}

export function setOutcome(job: MockJob, index: number, outcome: Outcome): void {
  const was = outcomeOf(job, index);
  job.counts[COUNT_OF[was]] -= 1;
  job.outcomes[index] = code(outcome);
  job.counts[COUNT_OF[outcome]] += 1;
  // As the shell counts: `total` is the records to send; held-back rows are apart.
  job.counts.total += (was === "held" ? 1 : 0) - (outcome === "held" ? 1 : 0);
}

export function note(job: MockJob, index: number): RecordNote {
  let n = job.notes.get(index);
  if (!n) {
    n = { attempts: 0 };
    job.notes.set(index, n);
  }
  return n;
}

/** The record's source cells: corrected ones when the person fixed the row. */
export const sourceCells = (job: MockJob, index: number) => job.notes.get(index)?.cells ?? cellsOf(index);

function newJob(id: number, source: string, connection: string, targetKind: string, policy: Policy, total: number, createdAt: number): MockJob {
  const job: MockJob = {
    id,
    source,
    connection,
    targetKind,
    policy,
    status: "planned",
    createdAt,
    outcomes: new Uint8Array(total),
    notes: new Map(),
    counts: { ...emptyCounts(total), pending: total },
    cancelRequested: false,
    busy: undefined,
  };
  for (let i = 0; i < total; i++) {
    if (isHeld(i)) {
      setOutcome(job, i, "held");
      const email = cellsOf(i)[3] ?? "";
      job.notes.set(i, {
        attempts: 0,
        code: "email.no_domain_ending",
        message: `Row ${rowOf(i)}, column “E-Mail”: “${email}” has no domain ending; the target will refuse it.`,
      });
    }
  }
  return job;
}

export function createJob(source: string, connection: string, targetKind: string, policy: Policy, total: number): MockJob {
  const job = newJob(nextId++, source, connection, targetKind, policy, total, Math.floor(Date.now() / 1000));
  jobs.set(job.id, job);
  return job;
}

export function findJob(jobId: number): MockJob {
  const job = jobs.get(jobId);
  if (!job) throw { message: `There is no job ${jobId} in the store. It may have been deleted from the command line.` };
  return job;
}

export function summary(job: MockJob): JobSummary {
  return {
    id: job.id,
    source: job.source,
    connection: job.connection,
    targetKind: job.targetKind,
    status: job.status,
    counts: { ...job.counts },
    createdAt: job.createdAt,
  };
}

/** Every job in the store, newest first (jobs_list). */
export function listJobs(): JobSummary[] {
  return [...jobs.values()].sort((a, b) => b.createdAt - a.createdAt || b.id - a.id).map(summary);
}

/** The store as a returning person's app finds it: three jobs with records behind their
 * counts (entry.ts leaves it empty on first run). */
export function seedJobs(): void {
  const day = 86_400;
  // #12: finished, six failures the target explained.
  const done = newJob(12, "/home/hr/Exports/personal-2024-05.xlsx", "lms-prod", "lms", "update", 1250, 1_717_400_000 - 12 * day);
  let failed = 0;
  let updated = 0;
  let unchanged = 0;
  for (let i = 0; i < 1250; i++) {
    if (outcomeOf(done, i) === "held") setOutcome(done, i, "pending");
    done.notes.delete(i);
    const n = note(done, i);
    n.attempts = 1;
    n.targetId = `u-${50_000 + i}`;
    if ((timesOutOnce(i) || conflicts(i)) && failed < 6) {
      failed++;
      setOutcome(done, i, "failed");
      delete n.targetId;
      n.code = conflicts(i) ? "409" : "503";
      n.message = conflicts(i)
        ? `A user with employee number ${10000 + i} already exists with another email. Correct the E-Mail or the Personalnummer, then retry.`
        : "The LMS did not answer in time (503 Service Unavailable). Retry once it is back.";
    } else if (existsAtTarget(i) && updated < 52) {
      updated++;
      setOutcome(done, i, "updated");
    } else if (existsAtTarget(i) && unchanged < 12) {
      unchanged++;
      setOutcome(done, i, "unchanged");
    } else {
      setOutcome(done, i, "created");
    }
  }
  done.status = "finished";
  jobs.set(done.id, done);

  // #11: the app was closed after 200 of 340; the rest waits.
  const cut = newJob(11, "/home/hr/Exports/neue-mitarbeiter.csv", "auth0-tenant", "auth0", "skip", 340, 1_717_400_000 - 11 * day);
  for (let i = 0; i < 340; i++) {
    if (outcomeOf(cut, i) === "held") setOutcome(cut, i, "pending");
    cut.notes.delete(i);
    if (i < 200) {
      setOutcome(cut, i, "created");
      cut.notes.set(i, { attempts: 1, targetId: `auth0|6650${(0x1f00 + i).toString(16)}` });
    }
  }
  cut.status = "interrupted";
  jobs.set(cut.id, cut);

  // #10: journaled to the sandbox, never sent.
  const planned = newJob(10, "C:\\Users\\hr\\Desktop\\staff.csv", "sandbox", "scim", "skip", 48, 1_717_400_000 - 10 * day);
  if (outcomeOf(planned, 15) === "held") {
    setOutcome(planned, 15, "pending");
    planned.notes.delete(15);
  }
  jobs.set(planned.id, planned);
}
