// plan_job and push_job: batches on a timer, progress through the command's Channel,
// cancel_job honoured after the batch in flight, and (on request) a push that stops
// with an error half-way, leaving the job to resume.
import type { Expected, JobProgress, JobSummary, PlanResult, PlanSample } from "../../../src/ipc/contract";
import { ProgressSender } from "./channel";
import { cellsOf, conflicts, existsAtTarget, rowOf, sameAtTarget, targetIdOf, timesOutOnce } from "./people";
import { addSandboxUsers, sandboxRunning, startSandbox } from "./sandbox";
import { findJob, note, outcomeOf, setOutcome, sourceCells, summary, type MockJob } from "./store";

/** What tests may change: the pace of a batch, and a push that breaks after N records. */
export const knobs = {
  batchMs: 60,
  batchSize: 5,
  /** A push's progress message after every this many records instead of once per batch:
   * 1 floods the window with one message per record, as no shell should. */
  progressEvery: null as number | null,
  /** Progress messages sent so far (read by tests). */
  messagesSent: 0,
  /** The next push stops with an error once it has settled this many records (then clears). */
  pushStopsAfter: null as number | null,
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function progress(job: MockJob, done: number, total: number, rate: number): JobProgress {
  const p: JobProgress = { job: job.id, done, total, rate, counts: { ...job.counts } };
  if (rate > 0) p.secondsLeft = Math.ceil((total - done) / rate);
  return p;
}

function begin(job: MockJob, what: "plan" | "push"): void {
  if (job.busy) throw { message: `Job ${job.id} is being ${job.busy === "plan" ? "planned" : "sent"} already; wait for it or cancel it.` };
  job.busy = what;
  job.cancelRequested = false;
}

/** What the target would do with record `index` under the job's policy. */
function expectedOf(job: MockJob, index: number): Expected {
  // An LMS has no lookup: it creates or updates by identifier, as it decides.
  if (job.targetKind === "lms") return "decided";
  if (!existsAtTarget(index)) return "create";
  if (job.policy === "skip") return "skip";
  return sameAtTarget(index) ? "unchanged" : "update";
}

export async function planJob(jobId: number, channel: unknown): Promise<PlanResult> {
  const job = findJob(jobId);
  const sender = new ProgressSender<JobProgress>(channel);
  begin(job, "plan");
  const counts: Record<Expected, number> = { create: 0, update: 0, skip: 0, unchanged: 0, decided: 0 };
  const samples: PlanSample[] = [];
  const todo: number[] = [];
  for (let i = 0; i < job.outcomes.length; i++) if (outcomeOf(job, i) === "pending") todo.push(i);
  let done = 0;
  try {
    sender.send(progress(job, 0, todo.length, 0));
    while (done < todo.length && !job.cancelRequested) {
      await sleep(knobs.batchMs);
      for (const index of todo.slice(done, done + knobs.batchSize * 4)) {
        const expected = expectedOf(job, index);
        counts[expected] += 1;
        if (samples.filter((s) => s.expected === expected).length < 3) {
          const sample: PlanSample = { expected, sourceRow: rowOf(index), identifier: sourceCells(job, index)[3] ?? "" };
          if (expected !== "create" && expected !== "decided") sample.targetId = targetIdOf(job.targetKind, index);
          samples.push(sample);
        }
        done += 1;
      }
      sender.send(progress(job, done, todo.length, 0));
    }
    return { counts, samples, complete: done === todo.length };
  } finally {
    job.busy = undefined;
    sender.end();
  }
}

/** Sends one record: what the target answers, by the person's fate (people.ts). */
function send(job: MockJob, index: number): void {
  const n = note(job, index);
  n.attempts += 1;
  delete n.code;
  delete n.message;
  const fixed = n.cells !== undefined && n.cells.join("|") !== cellsOf(index).join("|");
  if (timesOutOnce(index) && n.attempts === 1) {
    setOutcome(job, index, "failed");
    n.code = "503";
    n.message = "The target did not answer in time (503 Service Unavailable). Retry once it is back.";
    return;
  }
  if (conflicts(index) && !fixed) {
    setOutcome(job, index, "failed");
    n.code = "409";
    n.message = `A user with employee number ${10000 + index} already exists with another email. Correct the E-Mail or the Personalnummer, then retry.`;
    return;
  }
  n.targetId = targetIdOf(job.targetKind, index);
  const verdict = expectedOf(job, index);
  if (verdict === "skip") setOutcome(job, index, "skipped");
  else if (verdict === "unchanged") setOutcome(job, index, "unchanged");
  else if (verdict === "update") setOutcome(job, index, "updated");
  else {
    setOutcome(job, index, "created");
    if (job.connection === "sandbox") addSandboxUsers(job.targetKind, 1);
  }
}

export async function pushJob(jobId: number, channel: unknown): Promise<JobSummary> {
  const job = findJob(jobId);
  const sender = new ProgressSender<JobProgress>(channel);
  begin(job, "push");
  // The sandbox's emulators must listen before anything is sent to them.
  if (job.connection === "sandbox" && !sandboxRunning()) startSandbox();
  job.status = "running";
  const toSend = job.counts.total;
  const started = performance.now();
  let sentNow = 0;
  let cursor = 0;
  try {
    sender.send(progress(job, toSend - job.counts.pending, toSend, 0));
    while (job.counts.pending > 0 && !job.cancelRequested) {
      await sleep(knobs.batchMs);
      const batch: number[] = [];
      for (; cursor < job.outcomes.length && batch.length < knobs.batchSize; cursor++) {
        if (outcomeOf(job, cursor) === "pending") batch.push(cursor);
      }
      const report = () => {
        const seconds = (performance.now() - started) / 1000;
        sender.send(progress(job, toSend - job.counts.pending, toSend, seconds > 0 ? sentNow / seconds : 0));
      };
      for (const index of batch) {
        send(job, index);
        sentNow += 1;
        if (knobs.progressEvery !== null && sentNow % knobs.progressEvery === 0) report();
      }
      if (knobs.progressEvery === null || sentNow % knobs.progressEvery !== 0) report();
      if (knobs.pushStopsAfter !== null && sentNow >= knobs.pushStopsAfter && job.counts.pending > 0) {
        knobs.pushStopsAfter = null;
        job.status = "interrupted";
        throw {
          message: `The target stopped answering after ${sentNow} records (connection reset). Nothing is lost: the job is saved; resume it when the target is back.`,
        };
      }
    }
    job.status = job.counts.pending > 0 ? "cancelled" : "finished";
    return summary(job);
  } finally {
    job.busy = undefined;
    sender.end();
  }
}

export function cancelJob(jobId: number): null {
  const job = findJob(jobId);
  if (job.busy) job.cancelRequested = true;
  return null;
}
