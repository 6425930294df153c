// A field's transforms on the Map screen: each as a pill that can be removed, and an
// "Add transform" popover offering the engine's transforms in words. The screen sends
// the new list with change_mapping; nothing changes here until the shell answers.
import { useState } from "react";
import { Badge, Button, CloseButton, Divider, Group, Popover, Select, Stack, Text, TextInput } from "@mantine/core";
import type { Transform } from "../../ipc/contract";
import { PHONE_COUNTRIES, SIMPLE_TRANSFORMS, transformLabel } from "./transformWords";

interface Props {
  field: string;
  transforms: Transform[];
  onChange: (transforms: Transform[]) => void;
}

function AddTransform({ field, onAdd }: { field: string; onAdd: (t: Transform) => void }) {
  const [opened, setOpened] = useState(false);
  const [country, setCountry] = useState<string | null>("DE");
  const [fallback, setFallback] = useState("");
  const add = (t: Transform) => {
    setOpened(false);
    setFallback("");
    onAdd(t);
  };
  return (
    <Popover opened={opened} onChange={setOpened} position="bottom-start" trapFocus returnFocus shadow="md" width={310}>
      <Popover.Target>
        <Button size="compact-xs" variant="default" aria-label={`Add transform to ${field}`} onClick={() => setOpened((o) => !o)}>
          + Add transform
        </Button>
      </Popover.Target>
      <Popover.Dropdown>
        <Stack gap={2}>
          <Text size="xs" c="dimmed">
            Applied to each value of {field}, after the ones it has
          </Text>
          {SIMPLE_TRANSFORMS.map((s) => (
            <Button key={s.label} size="compact-sm" variant="subtle" justify="flex-start" onClick={() => add(s.transform)}>
              {s.label}
            </Button>
          ))}
          <Divider my={4} />
          <Group gap={4} align="flex-end" wrap="nowrap">
            <Select
              size="xs"
              label="Phone to international format"
              data={PHONE_COUNTRIES}
              value={country}
              onChange={setCountry}
              allowDeselect={false}
              comboboxProps={{ withinPortal: false }}
              style={{ flex: 1 }}
            />
            <Button size="xs" variant="light" disabled={!country} aria-label="Add phone transform" onClick={() => country && add({ op: "phone", country })}>
              Add
            </Button>
          </Group>
          <Group gap={4} align="flex-end" wrap="nowrap">
            <TextInput
              size="xs"
              label="Default value for empty cells"
              value={fallback}
              onChange={(e) => setFallback(e.currentTarget.value)}
              onKeyDown={(e) => {
                if (e.key === "Enter" && fallback.trim() !== "") add({ op: "default", value: fallback });
              }}
              style={{ flex: 1 }}
            />
            <Button size="xs" variant="light" disabled={fallback.trim() === ""} aria-label="Add default value" onClick={() => add({ op: "default", value: fallback })}>
              Add
            </Button>
          </Group>
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}

export function TransformList({ field, transforms, onChange }: Props) {
  return (
    <Group gap={4} aria-label={`Transforms of ${field}`} role="group">
      {transforms.map((t, i) => {
        const label = transformLabel(t);
        return (
          <Badge
            key={`${i}-${label}`}
            variant="light"
            color="gray"
            tt="none"
            pr={2}
            data-transform={t.op}
            title={label}
            rightSection={
              <CloseButton size="xs" aria-label={`Remove “${label}” from ${field}`} onClick={() => onChange(transforms.filter((_, j) => j !== i))} />
            }
          >
            {label}
          </Badge>
        );
      })}
      <AddTransform field={field} onAdd={(t) => onChange([...transforms, t])} />
    </Group>
  );
}
