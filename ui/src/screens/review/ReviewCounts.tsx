// The review's counts at a glance: records valid, invalid and skipped, issues by
// severity, and the cells changed in the app so far.
import { Paper, SimpleGrid, Text } from "@mantine/core";
import type { ReviewSummary } from "../../ipc/contract";

function Count({ label, value, color, hint }: { label: string; value: number; color?: string; hint: string }) {
  return (
    <Paper withBorder px="sm" py={6} radius="sm" title={hint} data-count={label}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={700} size="lg" c={value > 0 ? color : undefined} style={{ fontVariantNumeric: "tabular-nums" }}>
        {value.toLocaleString("en-US")}
      </Text>
    </Paper>
  );
}

export function ReviewCounts({ summary }: { summary: ReviewSummary }) {
  return (
    <SimpleGrid cols={3} spacing={6} verticalSpacing={6} w={330} aria-label="Counts" role="group">
      <Count label="Valid" value={summary.valid} color="green" hint="Records with no error; they will be sent" />
      <Count label="Invalid" value={summary.invalid} color="red" hint="Records with an error; they are held back, never sent" />
      <Count label="Skipped" value={summary.skipped} hint="Rows the mapping skips" />
      <Count label="Errors" value={summary.errors} color="red" hint="Problems that hold a record back" />
      <Count label="Warnings" value={summary.warnings} color="orange" hint="Problems worth a look; the record is still sent" />
      <Count label="Edits" value={summary.edits} color="indigo" hint="Cells changed in the app" />
    </SimpleGrid>
  );
}
