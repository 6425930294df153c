import type { ReactNode } from "react";
import { Badge, Table, Text } from "@mantine/core";
import type { JobStatus, JobSummary } from "../../ipc/contract";
import { baseName } from "../../util/paths";

const STATUS_COLOR: Record<JobStatus, string> = {
  planned: "blue",
  running: "yellow",
  cancelled: "gray",
  interrupted: "orange",
  finished: "green",
};

function when(seconds: number): string {
  return new Date(seconds * 1000).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
}

/** The counts that matter at a glance; zeros are left out to keep the line short. */
function countsLine(job: JobSummary): string {
  const c = job.counts;
  const parts: [number, string][] = [
    [c.created, "created"],
    [c.updated, "updated"],
    [c.unchanged, "unchanged"],
    [c.skipped, "skipped"],
    [c.failed, "failed"],
    [c.heldBack, "held back"],
    [c.pending, "pending"],
  ];
  const shown = parts.filter(([n]) => n > 0).map(([n, word]) => `${n.toLocaleString()} ${word}`);
  return shown.length > 0 ? shown.join(" · ") : "nothing yet";
}

interface Props {
  jobs: JobSummary[];
  /** The table's accessible name. */
  label?: string;
  /** Buttons for a job (History: open its results, resume it). */
  actions?: (job: JobSummary) => ReactNode;
}

export function JobsTable({ jobs, label = "Recent imports", actions }: Props) {
  return (
    <Table striped highlightOnHover withTableBorder verticalSpacing="xs" aria-label={label}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Job</Table.Th>
          <Table.Th>Source file</Table.Th>
          <Table.Th>Target</Table.Th>
          <Table.Th w={130}>Status</Table.Th>
          <Table.Th ta="right">Records</Table.Th>
          <Table.Th>Outcome</Table.Th>
          <Table.Th>Started</Table.Th>
          {actions && <Table.Th>Actions</Table.Th>}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {jobs.map((job) => (
          <Table.Tr key={job.id} data-job={job.id}>
            <Table.Td>#{job.id}</Table.Td>
            <Table.Td title={job.source}>{baseName(job.source)}</Table.Td>
            <Table.Td>
              {job.connection}{" "}
              <Text span size="xs" c="dimmed">
                ({job.targetKind})
              </Text>
            </Table.Td>
            <Table.Td>
              <Badge variant="light" color={STATUS_COLOR[job.status]}>
                {job.status}
              </Badge>
            </Table.Td>
            <Table.Td ta="right">{job.counts.total.toLocaleString()}</Table.Td>
            <Table.Td>
              <Text size="sm" c={job.counts.failed > 0 ? "red" : undefined}>
                {countsLine(job)}
              </Text>
            </Table.Td>
            <Table.Td>
              <Text size="sm" c="dimmed">
                {when(job.createdAt)}
              </Text>
            </Table.Td>
            {actions && <Table.Td>{actions(job)}</Table.Td>}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
