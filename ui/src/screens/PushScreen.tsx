// Step 6: the push. Progress through the command's Channel while it runs; Cancel stops
// after the batch in flight and offers Resume; at the end, a summary and the results.
import { Alert, Button, Group, Stack, Text } from "@mantine/core";
import { useEffect } from "react";
import type { JobSummary } from "../ipc/contract";
import { useImport } from "../state/importState";
import type { RouteId } from "../state/routes";
import { ErrorNote } from "../components/ErrorNote";
import { CountsLine } from "./push/CountsLine";
import { NoJob } from "./push/NoJob";
import { PushProgress } from "./push/PushProgress";
import { count, records } from "./push/format";
import { cancelRun, startRun, useRun } from "./push/jobRuns";
import { JobTitle } from "./push/JobTitle";
import { useJob } from "./push/useJob";

function Ended({ summary }: { summary: JobSummary }) {
  const c = summary.counts;
  if (summary.status === "finished") {
    return (
      <Alert color={c.failed > 0 ? "orange" : "green"} variant="light" title="The push is done" role="status">
        {count(c.created + c.updated + c.unchanged + c.skipped)} of {count(c.total)} records went through
        {c.failed > 0 ? `; ${count(c.failed)} failed with the target's reasons. See them in the results.` : "."}
      </Alert>
    );
  }
  return (
    <Alert color="yellow" variant="light" title="Stopped after the batch in flight" role="status">
      {records(c.pending)} not sent yet. Nothing is lost: resume now or later, also after closing the app.
    </Alert>
  );
}

export function PushScreen({ go }: { go: (to: RouteId) => void }) {
  const { choice } = useImport();
  const jobId = choice.jobId;
  const run = useRun("push", jobId);
  const { job, error: jobError, reload } = useJob(jobId);
  const runState = run?.state;
  useEffect(() => {
    if (runState === "done" || runState === "failed") reload();
  }, [runState, reload]);

  if (jobId === undefined) return <NoJob title="6. Push" go={go} />;

  const running = run?.state === "running";
  const ended = run?.state === "done" ? run.answer : undefined;
  const pending = (ended ?? job)?.counts.pending ?? 0;
  const resumable = !running && pending > 0;
  const resumeLabel = (ended ?? job)?.status === "planned" ? `Push ${records(pending)}` : "Resume";

  return (
    <Stack gap="md" maw={1000}>
      <Group justify="space-between" align="flex-start">
        <JobTitle title="6. Push" job={job} />
        <Group>
          {running && (
            <Button color="red" variant="light" loading={run.cancelling} onClick={() => cancelRun("push", jobId)}>
              Cancel
            </Button>
          )}
          {resumable && <Button onClick={() => startRun("push", jobId)}>{resumeLabel}</Button>}
          {!running && (
            <Button variant={resumable ? "default" : "filled"} onClick={() => go("results")}>
              See results
            </Button>
          )}
        </Group>
      </Group>

      {jobError && <ErrorNote title="Could not read the job" error={jobError} />}
      {running && (
        <>
          <PushProgress progress={run.progress} />
          <Text size="sm" c="dimmed">
            You may leave this screen: the push goes on. If the app closes, the job waits to be resumed.
          </Text>
          {run.cancelling && (
            <Text size="sm" c="dimmed" role="status">
              Stopping after the batch in flight…
            </Text>
          )}
          {run.cancelError && <ErrorNote title="Could not cancel" error={run.cancelError} />}
        </>
      )}
      {run?.state === "failed" && run.error && (
        <Stack gap="xs">
          <ErrorNote title="The push stopped" error={run.error} />
          {job && <CountsLine counts={job.counts} />}
        </Stack>
      )}
      {ended && (
        <Stack gap="xs">
          <Ended summary={ended} />
          <CountsLine counts={ended.counts} />
        </Stack>
      )}
      {!run && job && (
        <Stack gap="xs">
          <Text size="sm">
            {job.counts.pending > 0
              ? `${records(job.counts.pending)} waiting to be sent.`
              : "Every record of this job has been sent."}
          </Text>
          <CountsLine counts={job.counts} />
        </Stack>
      )}
    </Stack>
  );
}
