import { Table, Text } from "@mantine/core";
import type { Emulator } from "../../ipc/contract";

/** Each emulator of the running sandbox: what it stands for, where it listens, whom it holds. */
export function EmulatorsTable({ emulators }: { emulators: Emulator[] }) {
  return (
    <Table withTableBorder striped verticalSpacing="xs" aria-label="Emulators">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Emulates</Table.Th>
          <Table.Th>Kind</Table.Th>
          <Table.Th>Address</Table.Th>
          <Table.Th ta="right">Users</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {emulators.map((e) => (
          <Table.Tr key={e.kind} data-kind={e.kind}>
            <Table.Td>{e.label}</Table.Td>
            <Table.Td>
              <Text size="sm" ff="monospace">
                {e.kind}
              </Text>
            </Table.Td>
            <Table.Td>
              <Text size="sm" ff="monospace">
                {e.url}
              </Text>
            </Table.Td>
            <Table.Td ta="right">{e.users.toLocaleString("en-US")}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
