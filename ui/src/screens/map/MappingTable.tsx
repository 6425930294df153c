import { Badge, Group, Select, Stack, Table, Text } from "@mantine/core";
import type { FieldSuggestion, SheetRow } from "../../ipc/contract";
import { ConfidenceBadge } from "./ConfidenceBadge";

interface Props {
  fields: FieldSuggestion[];
  columns: string[];
  choices: Record<string, string | null>;
  sampleRows: SheetRow[];
  onChoose: (field: string, column: string | null) => void;
}

function Samples({ values, label }: { values: string[]; label: string }) {
  if (values.length === 0)
    return (
      <Text size="xs" c="dimmed">
        —
      </Text>
    );
  return (
    <Stack gap={0} aria-label={label}>
      {values.slice(0, 3).map((v, i) => (
        <Text key={i} size="xs" ff="monospace" truncate="end" title={v}>
          {v}
        </Text>
      ))}
    </Stack>
  );
}

export function MappingTable({ fields, columns, choices, sampleRows, onChoose }: Props) {
  return (
    <Table withTableBorder verticalSpacing="xs" aria-label="Target fields and their columns" layout="fixed">
      <Table.Thead>
        <Table.Tr>
          <Table.Th w={180}>Target field</Table.Th>
          <Table.Th w={210}>Column in the file</Table.Th>
          <Table.Th w={140}>Confidence</Table.Th>
          <Table.Th>Why</Table.Th>
          <Table.Th w={170}>Values in the file</Table.Th>
          <Table.Th w={170}>After transforms</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {fields.map((f) => {
          const chosen = Object.hasOwn(choices, f.field);
          const column = chosen ? (choices[f.field] ?? null) : (f.column ?? null);
          const index = column === null ? -1 : columns.indexOf(column);
          const before = chosen ? sampleRows.map((r) => r.cells[index] ?? "").filter((v) => v !== "") : f.samplesBefore;
          const missing = f.required && column === null;
          return (
            <Table.Tr key={f.field} data-field={f.field}>
              <Table.Td>
                <Group gap={4}>
                  <Text size="sm" fw={600} ff="monospace">
                    {f.field}
                  </Text>
                  {f.required && (
                    <Badge size="xs" color="red" variant="outline">
                      required
                    </Badge>
                  )}
                  {f.identifier && (
                    <Badge size="xs" color="indigo" variant="filled" title="Identifies each person at the target">
                      identifier
                    </Badge>
                  )}
                </Group>
              </Table.Td>
              <Table.Td>
                <Select
                  aria-label={`Column for ${f.field}`}
                  data={columns}
                  value={column}
                  placeholder="No column"
                  clearable
                  searchable
                  error={missing ? "Needs a column" : undefined}
                  onChange={(v) => onChoose(f.field, v)}
                />
              </Table.Td>
              <Table.Td>
                <ConfidenceBadge confidence={f.confidence} chosen={chosen} />
              </Table.Td>
              <Table.Td>
                <Text size="xs">{chosen ? "Chosen by you." : f.reason}</Text>
              </Table.Td>
              <Table.Td>
                <Samples values={before} label={`Values of ${column ?? "no column"}`} />
              </Table.Td>
              <Table.Td>
                {chosen ? (
                  <Text size="xs" c="dimmed">
                    shown when the mapping is checked
                  </Text>
                ) : (
                  <Samples values={f.samplesAfter} label={`${f.field} after transforms`} />
                )}
              </Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}
