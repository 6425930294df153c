// The mock shell's connection, sandbox and job commands (contract.ts: connection_kinds …
// fix_from_file), answered like the Rust side would; the state lives in ./jobs/.
import type { Commands } from "../../src/ipc/contract";
import { NOT_MINE } from "./notMine";
import { KINDS, listConnections, removeConnection, saveConnection, testConnection } from "./jobs/connections";
import { createJobFor } from "./jobs/create";
import { exportFailed, exportResults, failedSources, fixFromFile, fixRecords, jobRecords, retryFailed } from "./jobs/results";
import { cancelJob, knobs, planJob, pushJob } from "./jobs/run";
import { sandboxStatus, startSandbox, stopSandbox } from "./jobs/sandbox";
import { findJob, summary } from "./jobs/store";

declare global {
  interface Window {
    /** Tests set the push's pace, or make the next push break (see jobs/run.ts). */
    __musterJobs: typeof knobs;
  }
}
window.__musterJobs = knobs;

type Args<K extends keyof Commands> = Commands[K]["args"];

export function handleJobs(cmd: string, payload: Record<string, unknown>): unknown {
  const p = payload as never;
  switch (cmd) {
    case "connection_kinds":
      return KINDS;
    case "connections_list":
      return listConnections();
    case "connection_save":
      return saveConnection((p as Args<"connection_save">).connection);
    case "connection_test":
      return testConnection((p as Args<"connection_test">).name);
    case "connection_remove":
      return removeConnection((p as Args<"connection_remove">).name);
    case "sandbox_status":
      return sandboxStatus();
    case "sandbox_start":
      return startSandbox();
    case "sandbox_stop":
      return stopSandbox();
    case "create_job":
      return createJobFor(p as Args<"create_job">);
    case "plan_job":
      return planJob((p as Args<"plan_job">).jobId, (p as Args<"plan_job">).onProgress);
    case "push_job":
      return pushJob((p as Args<"push_job">).jobId, (p as Args<"push_job">).onProgress);
    case "cancel_job":
      return cancelJob((p as Args<"cancel_job">).jobId);
    case "job_get":
      return summary(findJob((p as Args<"job_get">).jobId));
    case "job_records":
      return jobRecords(p as Args<"job_records">);
    case "export_results":
      return exportResults((p as Args<"export_results">).jobId, (p as Args<"export_results">).dir);
    case "export_failed":
      return exportFailed((p as Args<"export_failed">).jobId, (p as Args<"export_failed">).dir);
    case "failed_sources":
      return failedSources((p as Args<"failed_sources">).jobId);
    case "fix_records":
      return fixRecords((p as Args<"fix_records">).jobId, (p as Args<"fix_records">).fixes);
    case "retry_failed":
      return retryFailed((p as Args<"retry_failed">).jobId);
    case "fix_from_file":
      return fixFromFile((p as Args<"fix_from_file">).jobId, (p as Args<"fix_from_file">).path);
    default:
      return NOT_MINE;
  }
}
