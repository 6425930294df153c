// Jobs the app (or the command line) left part-way: offered back on the Start screen,
// so closing the app in the middle of a push costs nothing.
import { Alert, Button, Group, Stack, Text } from "@mantine/core";
import type { JobStatus, JobSummary } from "../../ipc/contract";
import { baseName } from "../../util/paths";

export const RESUMABLE: JobStatus[] = ["interrupted", "cancelled", "running"];

const WHY: Partial<Record<JobStatus, string>> = {
  interrupted: "was interrupted",
  cancelled: "was cancelled",
  running: "was still running when the app closed",
};

export function ResumeBanner({ jobs, onResume }: { jobs: JobSummary[]; onResume: (jobId: number) => void }) {
  const open = jobs.filter((j) => RESUMABLE.includes(j.status));
  if (open.length === 0) return null;
  return (
    <Alert color="orange" variant="light" title="An import did not finish" role="region" data-testid="resume">
      <Stack gap="xs">
        {open.map((job) => (
          <Group key={job.id} justify="space-between" wrap="nowrap">
            <Text size="sm">
              Job #{job.id} ({baseName(job.source)} → {job.connection}) {WHY[job.status]} with{" "}
              {job.counts.pending.toLocaleString("en-US")} records still to send.
            </Text>
            <Button size="xs" onClick={() => onResume(job.id)}>
              Resume job {job.id}
            </Button>
          </Group>
        ))}
      </Stack>
    </Alert>
  );
}
