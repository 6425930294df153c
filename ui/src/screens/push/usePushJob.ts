// Sending a job, from whichever screen offers it (Start, History, Plan, Results): it becomes
// the import's job, its push starts (or carries on from where it stopped), and the Push
// step shows it.
import { useCallback } from "react";
import { useImport } from "../../state/importState";
import type { RouteId } from "../../state/routes";
import { startRun } from "./jobRuns";

export function usePushJob(go: (to: RouteId) => void): (jobId: number) => void {
  const { update } = useImport();
  return useCallback(
    (jobId: number) => {
      update({ jobId });
      startRun("push", jobId);
      go("push");
    },
    [update, go],
  );
}
