import { Divider, NavLink, Stack, Text } from "@mantine/core";
import { IMPORT_STEPS, TOOLS, type RouteId, type RouteInfo } from "../state/routes";

interface Props {
  current: RouteId;
  go: (to: RouteId) => void;
}

// NavLink renders a <button> here (no href), so Tab and Enter move through the flow.
function Item({ info, current, go }: { info: RouteInfo; current: RouteId; go: Props["go"] }) {
  return (
    <NavLink
      component="button"
      label={info.step ? `${info.step}. ${info.label}` : info.label}
      active={info.id === current}
      aria-current={info.id === current ? "page" : undefined}
      onClick={() => go(info.id)}
    />
  );
}

export function Navigation({ current, go }: Props) {
  return (
    <Stack gap={2} component="nav" aria-label="Import steps">
      {IMPORT_STEPS.map((info) => (
        <Item key={info.id} info={info} current={current} go={go} />
      ))}
      <Divider my="xs" />
      <Text size="xs" c="dimmed" px="sm">
        Tools
      </Text>
      {TOOLS.map((info) => (
        <Item key={info.id} info={info} current={current} go={go} />
      ))}
    </Stack>
  );
}
