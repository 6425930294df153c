import type { ReactNode } from "react";
import { Badge, Group, Stack, Text } from "@mantine/core";

/** A reader setting with its "guessed" mark, so the person knows what to check. */
export function GuessedField({ label, guessed, children }: { label: string; guessed: boolean; children: ReactNode }) {
  return (
    <Stack gap={4}>
      <Group gap={6}>
        <Text size="sm" fw={500}>
          {label}
        </Text>
        {guessed ? (
          <Badge size="xs" variant="light" color="yellow" data-testid={`guessed-${label}`}>
            guessed
          </Badge>
        ) : (
          <Badge size="xs" variant="light" color="gray">
            chosen
          </Badge>
        )}
      </Group>
      {children}
    </Stack>
  );
}
