// The mapping as a table: per target field, whether it identifies the records, the
// column it takes, how sure the matcher was and why, its transforms, and sample values
// before and after them (as the shell computed them for the mapping as it stands).
import { Fragment } from "react";
import { Badge, Group, Loader, Radio, Select, Stack, Table, Text } from "@mantine/core";
import type { FieldChange, FieldSuggestion } from "../../ipc/contract";
import { ErrorNote } from "../../components/ErrorNote";
import { ConfidenceBadge } from "./ConfidenceBadge";
import { TransformList } from "./TransformList";
import type { RefusedChange } from "./useMapping";

interface Props {
  fields: FieldSuggestion[];
  columns: string[];
  /** Fields whose column the person chose over the suggestion. */
  chosen: Record<string, string | null>;
  /** The field whose change the shell is working on (later changes queue behind it). */
  pending?: string;
  /** A change the shell refused, shown under its field. */
  failed?: RefusedChange;
  onChange: (change: FieldChange) => void;
}

function Samples({ values, label }: { values: string[]; label: string }) {
  if (values.length === 0)
    return (
      <Text size="xs" c="dimmed" aria-label={label}>
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

export function MappingTable({ fields, columns, chosen, pending, failed, onChange }: Props) {
  return (
    <Table withTableBorder verticalSpacing="xs" aria-label="Target fields and their columns" layout="fixed">
      <Table.Thead>
        <Table.Tr>
          <Table.Th w={84} title="The field that identifies each person at the target; exactly one">
            Identifier
          </Table.Th>
          <Table.Th w={150}>Target field</Table.Th>
          <Table.Th w={190}>Column in the file</Table.Th>
          <Table.Th w={160}>Match</Table.Th>
          <Table.Th>Transforms</Table.Th>
          <Table.Th w={150}>Values in the file</Table.Th>
          <Table.Th w={150}>After transforms</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {fields.map((f) => {
          const byPerson = Object.hasOwn(chosen, f.field);
          const column = f.column ?? null;
          const missing = f.required && column === null && !f.transforms.some((t) => t.op === "default");
          return (
            <Fragment key={f.field}>
              <Table.Tr data-field={f.field}>
                <Table.Td>
                  <Radio
                    name="identifier"
                    value={f.field}
                    checked={f.identifier}
                    disabled={column === null}
                    aria-label={`${f.field} identifies each person`}
                    title={column === null ? "Choose a column first" : `Identify each person by ${f.field}`}
                    onChange={() => onChange({ field: f.field, identifier: true })}
                  />
                </Table.Td>
                <Table.Td>
                  <Group gap={4}>
                    <Text size="sm" fw={600} ff="monospace" title={f.notes || undefined}>
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
                    {pending === f.field && <Loader size={12} aria-label={`Updating ${f.field}`} />}
                  </Group>
                </Table.Td>
                <Table.Td>
                  <Select
                    // A refused change leaves the value as it was, but Mantine has already
                    // emptied its text: a new key shows the column again.
                    key={failed?.field === f.field ? `refused-${failed.attempt}` : "column"}
                    aria-label={`Column for ${f.field}`}
                    data={columns}
                    value={column}
                    placeholder="No column"
                    clearable
                    // Mantine hides the clear button from keyboards and screen readers; it is
                    // the way to say "no column", so it is named and reachable here.
                    clearButtonProps={{ "aria-hidden": false, tabIndex: 0, "aria-label": `No column for ${f.field}` }}
                    searchable
                    error={missing ? "Needs a column" : undefined}
                    onChange={(v) => onChange({ field: f.field, column: v })}
                  />
                </Table.Td>
                <Table.Td>
                  <Stack gap={4} align="flex-start">
                    <ConfidenceBadge confidence={f.confidence} chosen={byPerson} />
                    <Text size="xs">{byPerson ? "Chosen by you." : f.reason}</Text>
                  </Stack>
                </Table.Td>
                <Table.Td>
                  <TransformList field={f.field} transforms={f.transforms} onChange={(transforms) => onChange({ field: f.field, transforms })} />
                </Table.Td>
                <Table.Td>
                  <Samples values={f.samplesBefore} label={`Values of ${column ?? "no column"}`} />
                </Table.Td>
                <Table.Td>
                  <Samples values={f.samplesAfter} label={`${f.field} after transforms`} />
                </Table.Td>
              </Table.Tr>
              {failed?.field === f.field && (
                <Table.Tr>
                  <Table.Td colSpan={7}>
                    <ErrorNote title={`${f.field} was not changed`} error={failed.error} />
                  </Table.Td>
                </Table.Tr>
              )}
            </Fragment>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}
