// The plan or push under way, per job, kept outside the screens: leaving the Push screen
// does not stop a push in the shell, so coming back shows it still running, and a
// screen mounting twice (React's StrictMode) never starts a second one. Progress is drawn
// at most every DRAW_EVERY_MS, however fast messages come, so a flood of them (the shell
// coalesces too, but a window must not depend on it) never keeps a click from its turn.
import { useSyncExternalStore } from "react";
import type { JobProgress, JobSummary, PlanResult, UiError } from "../../ipc/contract";
import { progressChannel } from "../../ipc/channel";
import { call, toUiError } from "../../ipc/invoke";

interface Answers {
  plan: PlanResult;
  push: JobSummary;
}
export type RunKind = keyof Answers;

export interface Run<K extends RunKind> {
  kind: K;
  jobId: number;
  state: "running" | "done" | "failed";
  /** The last progress the shell sent. */
  progress?: JobProgress;
  answer?: Answers[K];
  error?: UiError;
  /** Cancel was pressed; the shell stops after the batch in flight. */
  cancelling: boolean;
  /** Why cancel_job itself failed, if it did. */
  cancelError?: UiError;
}

/** The screen redraws a run's progress at most this often. */
const DRAW_EVERY_MS = 50;

const runs = new Map<string, Run<RunKind>>();
/** The last progress message of each run not drawn yet, and the timer that will draw it. */
const undrawn = new Map<string, { progress: JobProgress; timer: number }>();
const listeners = new Set<() => void>();
const keyOf = (kind: RunKind, jobId: number) => `${kind}:${jobId}`;

function put<K extends RunKind>(run: Run<K>): void {
  // A new object each time: useSyncExternalStore re-renders on identity.
  runs.set(keyOf(run.kind, run.jobId), run as Run<RunKind>);
  for (const listener of listeners) listener();
}

function patch<K extends RunKind>(kind: K, jobId: number, change: Partial<Run<K>>): void {
  const run = runs.get(keyOf(kind, jobId)) as Run<K> | undefined;
  if (run) put({ ...run, ...change });
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function currentRun<K extends RunKind>(kind: K, jobId: number | undefined): Run<K> | undefined {
  return jobId === undefined ? undefined : (runs.get(keyOf(kind, jobId)) as Run<K> | undefined);
}

/** The job's plan or push, re-rendering on each progress message. */
export function useRun<K extends RunKind>(kind: K, jobId: number | undefined): Run<K> | undefined {
  return useSyncExternalStore(subscribe, () => currentRun(kind, jobId));
}

/** Starts a plan or push of the job unless one is running already. */
export function startRun(kind: RunKind, jobId: number): void {
  if (currentRun(kind, jobId)?.state === "running") return;
  put({ kind, jobId, state: "running", cancelling: false });
  const onProgress = progressChannel((progress) => heard(kind, jobId, progress));
  const answer = kind === "plan" ? call("plan_job", { jobId, onProgress }) : call("push_job", { jobId, onProgress });
  answer.then(
    (value: Answers[RunKind]) => {
      draw(kind, jobId);
      patch(kind, jobId, { state: "done", answer: value });
    },
    (reason: unknown) => {
      draw(kind, jobId);
      patch(kind, jobId, { state: "failed", error: toUiError(reason) });
    },
  );
}

/** Keeps the newest progress, to be drawn with the next frame of the run. */
function heard(kind: RunKind, jobId: number, progress: JobProgress): void {
  const key = keyOf(kind, jobId);
  const waiting = undrawn.get(key);
  if (waiting) waiting.progress = progress;
  else undrawn.set(key, { progress, timer: window.setTimeout(() => draw(kind, jobId), DRAW_EVERY_MS) });
}

/** Shows the run's newest progress now, if any is waiting. */
function draw(kind: RunKind, jobId: number): void {
  const key = keyOf(kind, jobId);
  const waiting = undrawn.get(key);
  if (!waiting) return;
  window.clearTimeout(waiting.timer);
  undrawn.delete(key);
  patch(kind, jobId, { progress: waiting.progress });
}

/** Asks the shell to stop the run after the batch in flight. */
export function cancelRun(kind: RunKind, jobId: number): void {
  patch(kind, jobId, { cancelling: true, cancelError: undefined });
  call("cancel_job", { jobId }).catch((reason: unknown) =>
    patch(kind, jobId, { cancelling: false, cancelError: toUiError(reason) }),
  );
}
