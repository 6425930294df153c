// Every job in the store shared with the command line: reopen any to see its results,
// resume those that stopped part-way.
import { Button, Group, Loader, Stack, Text } from "@mantine/core";
import { useCommand } from "../ipc/useCommand";
import { useImport } from "../state/importState";
import type { RouteId } from "../state/routes";
import { ErrorNote } from "../components/ErrorNote";
import { ScreenTitle } from "../components/ScreenTitle";
import { JobsTable } from "./start/JobsTable";
import { RESUMABLE } from "./start/ResumeBanner";
import { useRun } from "./push/jobRuns";
import { usePushJob } from "./push/usePushJob";
import type { JobSummary } from "../ipc/contract";

function Actions({ job, onOpen, onResume }: { job: JobSummary; onOpen: () => void; onResume: () => void }) {
  const push = useRun("push", job.id);
  const running = push?.state === "running";
  const canResume = !running && (RESUMABLE.includes(job.status) || (job.status === "planned" && job.counts.pending > 0));
  return (
    <Group gap={6} wrap="nowrap">
      <Button size="compact-sm" variant="default" onClick={onOpen} aria-label={`Open the results of job ${job.id}`}>
        Results
      </Button>
      {canResume && (
        <Button size="compact-sm" onClick={onResume} aria-label={`Resume job ${job.id}`}>
          {job.status === "planned" ? "Push" : "Resume"}
        </Button>
      )}
    </Group>
  );
}

export function HistoryScreen({ go }: { go: (to: RouteId) => void }) {
  const [jobs, reload] = useCommand("jobs_list", {});
  const { update } = useImport();

  const open = (jobId: number) => {
    update({ jobId });
    go("results");
  };
  const resume = usePushJob(go);

  return (
    <Stack gap="md" maw={1240}>
      <Group justify="space-between" align="flex-start">
        <ScreenTitle>History</ScreenTitle>
        <Button variant="default" onClick={reload}>
          Refresh
        </Button>
      </Group>
      <Text size="sm" c="dimmed">
        Every job in the store this app shares with the command line, newest first.
      </Text>
      {jobs.state === "loading" && <Loader size="sm" aria-label="Loading the jobs" />}
      {jobs.state === "failed" && (
        <ErrorNote title="Could not list the jobs" error={jobs.error} onRetry={reload} />
      )}
      {jobs.state === "ready" &&
        (jobs.value.length === 0 ? (
          <Text c="dimmed">No jobs yet. An import becomes a job on its Target step.</Text>
        ) : (
          <JobsTable
            jobs={[...jobs.value].sort((a, b) => b.createdAt - a.createdAt)}
            label="Jobs"
            actions={(job) => <Actions job={job} onOpen={() => open(job.id)} onResume={() => resume(job.id)} />}
          />
        ))}
    </Stack>
  );
}
