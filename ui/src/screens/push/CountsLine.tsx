import { Group, Paper, Text } from "@mantine/core";
import type { JobCounts } from "../../ipc/contract";
import { count } from "./format";

const SHOWN: { key: keyof JobCounts; label: string; color?: string }[] = [
  { key: "created", label: "created", color: "green" },
  { key: "updated", label: "updated", color: "blue" },
  { key: "unchanged", label: "unchanged" },
  { key: "skipped", label: "skipped" },
  { key: "failed", label: "failed", color: "red" },
  { key: "pending", label: "still to send" },
  { key: "heldBack", label: "held back" },
];

/** A job's counts as small tiles, updated live during a push. */
export function CountsLine({ counts }: { counts: JobCounts }) {
  return (
    <Group gap="xs" aria-label="Counts" role="list">
      {SHOWN.map(({ key, label, color }) => (
        <Paper key={key} withBorder px="sm" py={6} radius="sm" role="listitem" data-count={key}>
          <Text span fw={700} c={counts[key] > 0 ? color : "dimmed"}>
            {count(counts[key])}
          </Text>{" "}
          <Text span size="sm" c="dimmed">
            {label}
          </Text>
        </Paper>
      ))}
    </Group>
  );
}
