// What the plan found, per expected outcome: how many, and a few records of each so
// the person can check the lookup matched the right people.
import { Badge, Card, SimpleGrid, Stack, Table, Text } from "@mantine/core";
import type { Expected, PlanResult } from "../../ipc/contract";
import { count } from "../push/format";

const EXPECTED: { key: Expected; title: string; color: string; explain: string }[] = [
  { key: "create", title: "Will be created", color: "green", explain: "Not at the target yet." },
  { key: "update", title: "Will be updated", color: "blue", explain: "At the target, with other values." },
  { key: "unchanged", title: "Unchanged", color: "gray", explain: "At the target with these values already." },
  { key: "skip", title: "Will be skipped", color: "yellow", explain: "At the target; your policy keeps them as they are." },
  {
    key: "decided",
    title: "The target decides",
    color: "grape",
    explain: "It has no lookup: it creates or updates each one itself.",
  },
];

export function PlanCounts({ plan }: { plan: PlanResult }) {
  const shown = EXPECTED.filter((e) => plan.counts[e.key] > 0 || e.key === "create");
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing="sm">
      {shown.map((e) => {
        const samples = plan.samples.filter((s) => s.expected === e.key);
        return (
          <Card key={e.key} withBorder padding="sm" radius="md" data-expected={e.key}>
            <Stack gap={6}>
              <Text fw={600} component="h3" m={0} size="md">
                <Badge color={e.color} variant="light" size="lg" mr="xs">
                  {count(plan.counts[e.key])}
                </Badge>
                {e.title}
              </Text>
              <Text size="xs" c="dimmed">
                {e.explain}
              </Text>
              {samples.length > 0 && (
                <Table withRowBorders={false} verticalSpacing={2} fz="sm" aria-label={`Examples: ${e.title}`}>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th w={70}>Row</Table.Th>
                      <Table.Th>Identifier</Table.Th>
                      {samples.some((s) => s.targetId) && <Table.Th>Target id</Table.Th>}
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {samples.map((s) => (
                      <Table.Tr key={s.sourceRow}>
                        <Table.Td>{s.sourceRow}</Table.Td>
                        <Table.Td>{s.identifier}</Table.Td>
                        {samples.some((x) => x.targetId) && (
                          <Table.Td>
                            <Text size="xs" ff="monospace">
                              {s.targetId ?? ""}
                            </Text>
                          </Table.Td>
                        )}
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              )}
            </Stack>
          </Card>
        );
      })}
    </SimpleGrid>
  );
}
