import { Alert, Button, Group, Stack } from "@mantine/core";
import type { RouteId } from "../../state/routes";
import { ScreenTitle } from "../../components/ScreenTitle";

/** Plan, Push and Results without a job: where to get one. */
export function NoJob({ title, go }: { title: string; go: (to: RouteId) => void }) {
  return (
    <Stack gap="sm" maw={700}>
      <ScreenTitle>{title}</ScreenTitle>
      <Alert color="blue" variant="light" title="No job chosen yet" role="note">
        A job is made on the Target step from a mapped file; earlier jobs are on the History screen.
      </Alert>
      <Group>
        <Button onClick={() => go("target")}>Go to Target</Button>
        <Button variant="default" onClick={() => go("history")}>
          Open History
        </Button>
      </Group>
    </Stack>
  );
}
