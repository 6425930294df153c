// A push under way: how far, how fast, how long still, and the counts so far.
import { Group, Progress, Stack, Text } from "@mantine/core";
import type { JobProgress } from "../../ipc/contract";
import { CountsLine } from "./CountsLine";
import { count, percent, rateText, timeLeftText } from "./format";

export function PushProgress({ progress }: { progress: JobProgress | undefined }) {
  if (!progress) {
    return (
      <Stack gap={6}>
        <Text size="sm">Connecting to the target…</Text>
        <Progress value={0} animated size="xl" aria-label="Sent so far" />
      </Stack>
    );
  }
  return (
    <Stack gap="xs" aria-live="polite">
      <Progress
        value={percent(progress.done, progress.total)}
        animated
        size="xl"
        aria-label="Sent so far"
        aria-valuetext={`${count(progress.done)} of ${count(progress.total)} records`}
      />
      <Group gap="xl">
        <Text size="sm" data-testid="done">
          <Text span fw={700}>
            {count(progress.done)}
          </Text>{" "}
          of {count(progress.total)} records
        </Text>
        <Text size="sm" data-testid="rate">
          {rateText(progress.rate)}
        </Text>
        <Text size="sm" data-testid="time-left">
          Time left: {timeLeftText(progress.secondsLeft)}
        </Text>
      </Group>
      <CountsLine counts={progress.counts} />
    </Stack>
  );
}
