import { Alert, Text } from "@mantine/core";
import type { UiError } from "../ipc/contract";

/** A UiError where it happened: the shell's words, and the place when it names one. */
export function ErrorNote({ error, title }: { error: UiError; title: string }) {
  const where = [
    error.file,
    error.row !== undefined ? `row ${error.row}` : undefined,
    error.column !== undefined ? `column ${error.column}` : undefined,
  ].filter((part): part is string => part !== undefined);
  return (
    <Alert color="red" variant="light" title={title} role="alert">
      <Text size="sm">{error.message}</Text>
      {where.length > 0 && (
        <Text size="xs" c="dimmed" mt={4}>
          {where.join(", ")}
        </Text>
      )}
    </Alert>
  );
}
