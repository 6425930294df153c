import { Alert, Button, Text } from "@mantine/core";
import type { UiError } from "../ipc/contract";

/** A UiError where it happened: the shell's words, the place when it names one, and "Try
 * again" when asking once more may help (`onRetry`). */
export function ErrorNote({ error, title, onRetry }: { error: UiError; title: string; onRetry?: () => void }) {
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
      {onRetry && (
        <Button variant="default" size="xs" mt="xs" onClick={onRetry}>
          Try again
        </Button>
      )}
    </Alert>
  );
}
