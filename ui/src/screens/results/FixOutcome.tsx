import { Alert, Button, List, Stack, Text } from "@mantine/core";
import type { FixResult } from "../../ipc/contract";

/** What a fix (in the app or from a file) did: records queued, and those still invalid with why. */
export function FixOutcome({ result, onPush }: { result: FixResult; onPush: () => void }) {
  const invalid = result.stillInvalid;
  return (
    <Alert
      color={invalid.length > 0 ? "orange" : "green"}
      variant="light"
      role="status"
      data-testid="fix-outcome"
      title={`${result.queued.toLocaleString("en-US")} ${result.queued === 1 ? "record" : "records"} queued to send`}
    >
      <Stack gap="xs">
        {invalid.length > 0 && (
          <>
            <Text size="sm">
              {invalid.length.toLocaleString("en-US")} still do not pass validation; they stay failed until fixed:
            </Text>
            <List size="sm">
              {invalid.map((i) => (
                <List.Item key={i.sourceRow}>{i.message}</List.Item>
              ))}
            </List>
          </>
        )}
        {result.queued > 0 && (
          <div>
            <Button onClick={onPush}>Push {result.queued === 1 ? "the fixed record" : `${result.queued.toLocaleString("en-US")} fixed records`}</Button>
          </div>
        )}
      </Stack>
    </Alert>
  );
}
