// The job's summary (job_get) for the Plan, Push and Results screens; nothing is asked
// while no job is chosen. `reload` after anything that moves its counts.
import { useCallback, useEffect, useState } from "react";
import type { JobSummary, UiError } from "../../ipc/contract";
import { call, toUiError } from "../../ipc/invoke";

export interface JobState {
  job?: JobSummary;
  error?: UiError;
  reload: () => void;
}

export function useJob(jobId: number | undefined): JobState {
  const [job, setJob] = useState<JobSummary>();
  const [error, setError] = useState<UiError>();
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    if (jobId === undefined) return;
    let live = true;
    call("job_get", { jobId }).then(
      (value) => {
        if (!live) return;
        setJob(value);
        setError(undefined);
      },
      (reason: unknown) => live && setError(toUiError(reason)),
    );
    return () => {
      live = false;
    };
  }, [jobId, attempt]);
  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  // A summary of another job (the person reopened one from History) is not this one's.
  return { job: job?.id === jobId ? job : undefined, error, reload };
}
