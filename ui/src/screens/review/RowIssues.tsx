// The selected row's problems in words, under the grid: what a cell's mark means, read
// by keyboard and announced as the active cell moves (a tooltip would need a mouse).
import { Group, Paper, Stack, Text } from "@mantine/core";
import type { ReviewRow, UiError } from "../../ipc/contract";
import { ErrorNote } from "../../components/ErrorNote";
import { IssueIcon } from "./IssueIcon";

interface Props {
  row: ReviewRow | undefined;
  column: string | undefined;
  editing: boolean;
  /** An edit the shell refused. */
  error: UiError | undefined;
}

export function RowIssues({ row, column, editing, error }: Props) {
  return (
    <Paper withBorder p="xs" radius="sm" aria-label="Selected row" role="region" mih={64}>
      <Stack gap={4} aria-live="polite">
        {!row ? (
          <Text size="sm" c="dimmed">
            Select a cell (click it, or Tab into the grid and use the arrow keys) to see its row's problems here.
          </Text>
        ) : (
          <>
            <Group gap="xs">
              <Text size="sm" fw={700}>
                Row {row.number.toLocaleString("en-US")}
                {column ? `, ${column}` : ""}
              </Text>
              <Text size="xs" c="dimmed">
                {editing ? "Enter saves the cell, Escape cancels." : "Enter or F2 edits the cell."}
                {row.edited.length > 0 ? ` Edited here: ${row.edited.join(", ")}.` : ""}
              </Text>
            </Group>
            {row.issues.length === 0 ? (
              <Text size="sm" c="green">
                No problems in this row.
              </Text>
            ) : (
              row.issues.map((i, n) => (
                <Group key={n} gap={6} wrap="nowrap" align="flex-start" data-issue-code={i.code}>
                  <IssueIcon severity={i.severity} />
                  <Text size="sm">
                    <Text span fw={600}>
                      {i.column || i.field}:
                    </Text>{" "}
                    {i.message}{" "}
                    <Text span size="xs" c="dimmed" ff="monospace">
                      ({i.code})
                    </Text>
                  </Text>
                </Group>
              ))
            )}
          </>
        )}
        {error && <ErrorNote title="The cell was not saved" error={error} />}
      </Stack>
    </Paper>
  );
}
