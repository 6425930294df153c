import { Alert, Text } from "@mantine/core";
import type { ConnectionTest } from "../../ipc/contract";

/** What "Test connection" found, in the shell's words. */
export function TestNote({ name, result }: { name: string; result: ConnectionTest }) {
  return (
    <Alert
      color={result.ok ? "green" : "red"}
      variant="light"
      title={result.ok ? `“${name}” works` : `“${name}” does not work yet`}
      role="status"
      data-testid="connection-test"
    >
      <Text size="sm">{result.message}</Text>
    </Alert>
  );
}
