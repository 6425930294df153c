import { SegmentedControl, Stack, Text } from "@mantine/core";
import type { TargetKind } from "../../ipc/contract";

const KINDS: { value: TargetKind; label: string }[] = [
  { value: "lms", label: "LMS" },
  { value: "auth0", label: "Auth0" },
  { value: "authgear", label: "Authgear" },
  { value: "scim", label: "SCIM" },
  { value: "rest", label: "REST API" },
];

export function TargetChoice({
  value,
  disabled,
  onChange,
}: {
  value: TargetKind | undefined;
  disabled: boolean;
  onChange: (kind: TargetKind) => void;
}) {
  return (
    <Stack gap={4}>
      <Text size="sm" fw={500} id="target-kind-label">
        Where are these people going?
      </Text>
      {/* SegmentedControl is a radio group: arrow keys move between kinds. */}
      <SegmentedControl
        aria-labelledby="target-kind-label"
        data={KINDS}
        // No value yet shows nothing selected, so the person chooses deliberately.
        value={value ?? ""}
        disabled={disabled}
        onChange={(v) => onChange(v as TargetKind)}
        w="fit-content"
      />
    </Stack>
  );
}
