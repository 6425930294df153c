// The heading of a step about one job (Plan, Push, Results): the step, then which job it
// is, from which file to which connection.
import type { ReactNode } from "react";
import { Group, Text } from "@mantine/core";
import type { JobSummary } from "../../ipc/contract";
import { ScreenTitle } from "../../components/ScreenTitle";
import { baseName } from "../../util/paths";

export function JobTitle({ title, job, children }: { title: string; job: JobSummary | undefined; children?: ReactNode }) {
  return (
    <Group gap="sm" align="baseline">
      <ScreenTitle>{title}</ScreenTitle>
      {job && (
        <Text size="sm" c="dimmed">
          Job #{job.id} · {baseName(job.source)} → {job.connection}
          {children}
        </Text>
      )}
    </Group>
  );
}
