import { Badge, Button, Group, Paper, Stack, Text } from "@mantine/core";
import { IMPORT_STEPS, type RouteId, type RouteInfo } from "../state/routes";
import { ScreenTitle } from "../components/ScreenTitle";

/** A step that is not built yet: what it will do, and the way back into the flow. */
export function PlaceholderScreen({ route, go }: { route: RouteInfo; go: (to: RouteId) => void }) {
  const at = IMPORT_STEPS.findIndex((s) => s.id === route.id);
  const previous = at > 0 ? IMPORT_STEPS[at - 1] : undefined;
  return (
    <Stack gap="sm" maw={760}>
      <ScreenTitle>{route.step ? `${route.step}. ${route.label}` : route.label}</ScreenTitle>
      <Paper withBorder p="lg" radius="md" data-testid="comes-next">
        <Stack gap="sm">
          <Group gap="xs">
            <Text fw={700}>This step comes next</Text>
            <Badge variant="light" color="gray">
              not built yet
            </Badge>
          </Group>
          <Text size="sm">{route.next}</Text>
          <Group>
            {previous && (
              <Button variant="default" onClick={() => go(previous.id)}>
                Back to {previous.label}
              </Button>
            )}
            <Button variant="subtle" onClick={() => go("start")}>
              Start
            </Button>
          </Group>
        </Stack>
      </Paper>
    </Stack>
  );
}
