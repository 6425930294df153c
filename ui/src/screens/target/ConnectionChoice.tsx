// The saved connections as a radio group: the sandbox first, then the person's own.
// A connection of another kind than the mapping's target stays visible, disabled, with why.
import { Badge, Group, Radio, SimpleGrid, Stack, Text } from "@mantine/core";
import type { ConnectionInfo, ConnectionKind, TargetKind } from "../../ipc/contract";
import { kindLabel, secretWords } from "../../components/connection/words";

interface Props {
  connections: ConnectionInfo[];
  kinds: ConnectionKind[] | undefined;
  target: TargetKind;
  sandboxRunning: boolean | undefined;
  value: string | undefined;
  onChange: (name: string) => void;
}

export const fits = (c: ConnectionInfo, target: TargetKind) => c.sandbox || c.kind === target;

export function ConnectionChoice({ connections, kinds, target, sandboxRunning, value, onChange }: Props) {
  // The sandbox first, then those that fit the mapping, then the others (disabled).
  const rank = (c: ConnectionInfo) => (c.sandbox ? 0 : fits(c, target) ? 1 : 2);
  const ordered = [...connections].sort((a, b) => rank(a) - rank(b));
  return (
    <Radio.Group value={value ?? null} onChange={onChange} label="Send the records to">
      <SimpleGrid cols={2} spacing="xs" mt="xs">
        {ordered.map((c) => {
          const usable = fits(c, target);
          const whyId = `why-${c.name}`;
          return (
            <Radio.Card
              key={c.name}
              value={c.name}
              disabled={!usable}
              aria-describedby={whyId}
              p="sm"
              data-connection={c.name}
              style={usable ? undefined : { opacity: 0.6, cursor: "not-allowed" }}
            >
              <Group wrap="nowrap" align="flex-start">
                <Radio.Indicator disabled={!usable} mt={4} />
                <Stack gap={2}>
                  <Group gap="xs">
                    <Text fw={600}>{c.sandbox ? "Sandbox" : c.name}</Text>
                    <Badge variant="light" color={c.sandbox ? "teal" : "gray"} size="sm">
                      {kindLabel(kinds, c.kind)}
                    </Badge>
                    {c.sandbox && sandboxRunning !== undefined && (
                      <Badge variant="dot" color={sandboxRunning ? "green" : "gray"} size="sm">
                        {sandboxRunning ? "running" : "not running"}
                      </Badge>
                    )}
                  </Group>
                  <Text size="sm" c="dimmed" style={{ wordBreak: "break-all" }}>
                    {c.url}
                  </Text>
                  <Text size="sm" id={whyId} c={usable ? "dimmed" : "orange"}>
                    {usable
                      ? c.sandbox
                        ? "Every target kind, on this computer only."
                        : secretWords(c)
                      : `For ${kindLabel(kinds, c.kind)} targets; this mapping is for ${kindLabel(kinds, target)}.`}
                  </Text>
                </Stack>
              </Group>
            </Radio.Card>
          );
        })}
      </SimpleGrid>
    </Radio.Group>
  );
}
