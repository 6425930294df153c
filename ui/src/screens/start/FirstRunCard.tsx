import { Badge, Button, Card, Code, Group, Stack, Text } from "@mantine/core";
import type { AppInfo } from "../../ipc/contract";
import { baseName } from "../../util/paths";

/** First run: the sample file into the sandbox, so a newcomer sees a whole import. */
export function FirstRunCard({ info, onTrySample }: { info: AppInfo; onTrySample: () => void }) {
  return (
    <Card
      withBorder
      padding="lg"
      radius="md"
      data-testid="first-run"
      style={{ borderColor: "var(--mantine-primary-color-filled)", borderWidth: 2 }}
      bg="var(--mantine-primary-color-light)"
    >
      <Stack gap="sm">
        <Group gap="xs">
          <Text fw={700} size="lg" component="h3" m={0}>
            New here? Try the sample first
          </Text>
          <Badge variant="filled">First run</Badge>
        </Group>
        <Text size="sm">
          Import <Code>{baseName(info.samplePath)}</Code>, a small staff list exported from Excel, into the
          built-in sandbox. Nothing leaves this computer, and it takes about two minutes.
        </Text>
        <Group gap="xs">
          <Text size="sm" c="dimmed">
            Target:
          </Text>
          <Badge variant="light" color="teal">
            Sandbox (preselected)
          </Badge>
        </Group>
        <Group>
          <Button onClick={onTrySample}>Import the sample into the sandbox</Button>
        </Group>
      </Stack>
    </Card>
  );
}
