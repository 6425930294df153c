// Step 5: every record looked up at the target, nothing sent. Shows what a push would
// do (counts and examples), then "Push N records".
import { useEffect } from "react";
import { Alert, Button, Group, Progress, Stack, Text } from "@mantine/core";
import { useImport } from "../state/importState";
import type { RouteId } from "../state/routes";
import { ErrorNote } from "../components/ErrorNote";
import { PlanCounts } from "./plan/PlanCounts";
import { NoJob } from "./push/NoJob";
import { count, percent, records } from "./push/format";
import { cancelRun, currentRun, startRun, useRun } from "./push/jobRuns";
import { JobTitle } from "./push/JobTitle";
import { useJob } from "./push/useJob";
import { usePushJob } from "./push/usePushJob";

export function PlanScreen({ go }: { go: (to: RouteId) => void }) {
  const { choice } = useImport();
  const jobId = choice.jobId;
  const run = useRun("plan", jobId);
  const push = useRun("push", jobId);
  const { job: summary, error: jobError, reload: reloadJob } = useJob(jobId);
  const pushJob = usePushJob(go);

  // Arriving with a job that has no plan yet: look it up (once, even if mounted twice).
  useEffect(() => {
    if (jobId !== undefined && !currentRun("plan", jobId)) startRun("plan", jobId);
  }, [jobId]);
  // The summary's counts move when a plan or push ends.
  const planState = run?.state;
  useEffect(() => {
    if (planState === "done" || planState === "failed") reloadJob();
  }, [planState, reloadJob]);

  if (jobId === undefined) return <NoJob title="5. Plan" go={go} />;

  const plan = run?.answer;
  const progress = run?.progress;
  const toSend = summary?.counts.pending ?? 0;
  const pushing = push?.state === "running";

  const pushNow = () => pushJob(jobId);

  return (
    <Stack gap="md" maw={1000}>
      <Group justify="space-between" align="flex-start">
        <JobTitle title="5. Plan" job={summary} />
        <Button disabled={run?.state !== "done" || toSend === 0 || pushing} onClick={pushNow}>
          Push {records(toSend)}
        </Button>
      </Group>

      <Alert color="teal" variant="light" title="Nothing has been sent yet" role="note">
        This plan only looked your records up at the target. Nothing changes there until you push.
      </Alert>
      {jobError && <ErrorNote title="Could not read the job" error={jobError} />}
      {summary && summary.counts.heldBack > 0 && (
        <Text size="sm" c="orange" data-testid="held-back">
          {records(summary.counts.heldBack)} held back by validation: not sent. Fix them on the Results step after the
          push, or in your file.
        </Text>
      )}

      {run?.state === "running" && (
        <Stack gap={6} aria-live="polite">
          <Text size="sm">
            Looking up {progress ? `${count(progress.done)} of ${count(progress.total)}` : "the"} records at the target…
          </Text>
          <Progress
            value={progress ? percent(progress.done, progress.total) : 0}
            animated
            aria-label="Looked up so far"
            size="lg"
          />
          <Group>
            <Button
              variant="default"
              loading={run.cancelling}
              onClick={() => cancelRun("plan", jobId)}
            >
              Cancel
            </Button>
          </Group>
          {run.cancelError && <ErrorNote title="Could not cancel" error={run.cancelError} />}
        </Stack>
      )}
      {run?.state === "failed" && run.error && (
        <Stack gap="xs" align="flex-start">
          <ErrorNote title="The plan did not finish" error={run.error} />
          <Button variant="default" onClick={() => startRun("plan", jobId)}>
            Plan again
          </Button>
        </Stack>
      )}
      {plan && (
        <>
          {!plan.complete && (
            <Group gap="sm">
              <Text size="sm" c="orange" role="status">
                Stopped before every record was looked up: the counts cover only part of the job.
              </Text>
              <Button size="xs" variant="default" onClick={() => startRun("plan", jobId)}>
                Plan again
              </Button>
            </Group>
          )}
          <PlanCounts plan={plan} />
        </>
      )}
    </Stack>
  );
}
