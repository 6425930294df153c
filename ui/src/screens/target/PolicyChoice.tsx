import { SegmentedControl, Stack, Text } from "@mantine/core";
import type { Policy } from "../../ipc/contract";

/** What to do with people the target holds already: keep them as they are, or update them. */
export function PolicyChoice({ value, onChange }: { value: Policy; onChange: (policy: Policy) => void }) {
  return (
    <Stack gap={4}>
      <Text size="sm" fw={500} id="policy-label">
        People who exist at the target already
      </Text>
      {/* A radio group: arrow keys move between the two choices. */}
      <SegmentedControl
        aria-labelledby="policy-label"
        data={[
          { value: "skip", label: "Skip them" },
          { value: "update", label: "Update them" },
        ]}
        value={value}
        onChange={(v) => onChange(v as Policy)}
        w="fit-content"
      />
      <Text size="xs" c="dimmed">
        {value === "skip"
          ? "Only new people are created; whoever is there already stays as they are."
          : "New people are created; people who are there already get the values of your file."}
      </Text>
    </Stack>
  );
}
