import { SegmentedControl, Stack, Text } from "@mantine/core";
import type { JobCounts, Outcome } from "../../ipc/contract";
import { OUTCOME_ORDER, OUTCOME_WORDS, countOf } from "./outcomes";

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** Which records the grid shows: all, or those of one outcome; each with its count. */
export function OutcomeFilter({
  counts,
  value,
  onChange,
}: {
  counts: JobCounts;
  value: Outcome | undefined;
  onChange: (outcome: Outcome | undefined) => void;
}) {
  // Outcomes no record has are left out, except "failed": its zero is good news.
  const shown = OUTCOME_ORDER.filter((o) => countOf(counts, o) > 0 || o === "failed");
  return (
    <Stack gap={4}>
      <Text size="sm" fw={500} id="outcome-filter-label">
        Show
      </Text>
      <SegmentedControl
        aria-labelledby="outcome-filter-label"
        value={value ?? "all"}
        onChange={(v) => onChange(v === "all" ? undefined : (v as Outcome))}
        data={[
          { value: "all", label: `All ${counts.total.toLocaleString("en-US")}` },
          ...shown.map((o) => ({
            value: o,
            label: `${capital(OUTCOME_WORDS[o])} ${countOf(counts, o).toLocaleString("en-US")}`,
          })),
        ]}
        w="fit-content"
      />
    </Stack>
  );
}
