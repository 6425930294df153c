// The mock shell's connection, sandbox and job commands (contract.ts: connection_kinds …
// fix_from_file), answered like the Rust side would; the state lives in ./jobs/.
import { answerWith, type Handlers } from "./notMine";
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

const handlers: Handlers = {
  connection_kinds: () => KINDS,
  connections_list: listConnections,
  connection_save: ({ connection }) => saveConnection(connection),
  connection_test: ({ name }) => testConnection(name),
  connection_remove: ({ name }) => removeConnection(name),
  sandbox_status: sandboxStatus,
  sandbox_start: startSandbox,
  sandbox_stop: stopSandbox,
  create_job: createJobFor,
  plan_job: ({ jobId, onProgress }) => planJob(jobId, onProgress),
  push_job: ({ jobId, onProgress }) => pushJob(jobId, onProgress),
  cancel_job: ({ jobId }) => cancelJob(jobId),
  job_get: ({ jobId }) => summary(findJob(jobId)),
  job_records: jobRecords,
  export_results: ({ jobId, dir }) => exportResults(jobId, dir),
  export_failed: ({ jobId, dir }) => exportFailed(jobId, dir),
  failed_sources: ({ jobId }) => failedSources(jobId),
  fix_records: ({ jobId, fixes }) => fixRecords(jobId, fixes),
  retry_failed: ({ jobId }) => retryFailed(jobId),
  fix_from_file: ({ jobId, path }) => fixFromFile(jobId, path),
};

export function handleJobs(cmd: string, payload: Record<string, unknown>): unknown {
  return answerWith(handlers, cmd, payload);
}
