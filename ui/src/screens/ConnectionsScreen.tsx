// The saved connections: add (the same form as the Target step), test, remove. Secrets
// stay in the keychain: the list says which are there, never what they are.
import { useState } from "react";
import { Badge, Button, Code, Group, Loader, Stack, Table, Text } from "@mantine/core";
import { useCommand } from "../ipc/useCommand";
import type { RouteId } from "../state/routes";
import { ErrorNote } from "../components/ErrorNote";
import { ScreenTitle } from "../components/ScreenTitle";
import { ConnectionForm } from "../components/connection/ConnectionForm";
import { TestNote } from "../components/connection/TestNote";
import { useConnectionTests } from "../components/connection/useConnectionTests";
import { kindLabel, secretWords } from "../components/connection/words";
import { RemoveConnection } from "./connections/RemoveConnection";

export function ConnectionsScreen({ go }: { go: (to: RouteId) => void }) {
  const [connections, reload] = useCommand("connections_list", {});
  const [kinds] = useCommand("connection_kinds", {});
  const [tests, test, forgetTest] = useConnectionTests();
  const [adding, setAdding] = useState(false);
  const [removing, setRemoving] = useState<string>();
  const [note, setNote] = useState<string>();
  const known = kinds.state === "ready" ? kinds.value : undefined;
  const list = connections.state === "ready" ? connections.value : [];
  const ordered = [...list.filter((c) => c.sandbox), ...list.filter((c) => !c.sandbox)];

  return (
    <Stack gap="md" maw={1100}>
      <Group justify="space-between" align="flex-start">
        <ScreenTitle>Connections</ScreenTitle>
        <Button onClick={() => setAdding(true)}>Add a connection</Button>
      </Group>
      <Text size="sm" c="dimmed">
        Shared with the command line (<Code>muster connect</Code>). Secrets live in this computer's keychain and are never shown.
      </Text>
      {note && (
        <Text size="sm" c="green" role="status">
          {note}
        </Text>
      )}
      {connections.state === "loading" && <Loader size="sm" aria-label="Loading the connections" />}
      {connections.state === "failed" && (
        <ErrorNote title="Could not list the connections" error={connections.error} onRetry={reload} />
      )}
      {connections.state === "ready" && (
        <Table withTableBorder verticalSpacing="sm" aria-label="Saved connections">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th>Kind</Table.Th>
              <Table.Th>Address</Table.Th>
              <Table.Th>Secret</Table.Th>
              <Table.Th>Actions</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {ordered.map((c) => {
              const t = tests[c.name];
              return [
                <Table.Tr key={c.name} data-connection={c.name}>
                  <Table.Td fw={600}>{c.name}</Table.Td>
                  <Table.Td>
                    <Badge variant="light" color={c.sandbox ? "teal" : "gray"}>
                      {kindLabel(known, c.kind)}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" ff="monospace">
                      {c.url}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" c={!c.sandbox && c.secrets.length === 0 ? "orange" : undefined}>
                      {secretWords(c)}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Group gap={6} wrap="nowrap">
                      <Button
                        size="compact-sm"
                        variant="default"
                        loading={t?.state === "testing"}
                        onClick={() => test(c.name)}
                        aria-label={`Test ${c.name}`}
                      >
                        Test
                      </Button>
                      {c.sandbox ? (
                        <Button size="compact-sm" variant="subtle" onClick={() => go("sandbox")}>
                          Sandbox
                        </Button>
                      ) : (
                        <Button
                          size="compact-sm"
                          color="red"
                          variant="subtle"
                          onClick={() => setRemoving(c.name)}
                          aria-label={`Remove ${c.name}`}
                        >
                          Remove
                        </Button>
                      )}
                    </Group>
                  </Table.Td>
                </Table.Tr>,
                t && t.state !== "testing" && (
                  <Table.Tr key={`${c.name}-test`}>
                    <Table.Td colSpan={5}>
                      {t.state === "done" ? (
                        <TestNote name={c.name} result={t.result} />
                      ) : (
                        <ErrorNote title="The test could not run" error={t.error} />
                      )}
                    </Table.Td>
                  </Table.Tr>
                ),
              ];
            })}
          </Table.Tbody>
        </Table>
      )}

      <ConnectionForm
        opened={adding}
        onClose={() => setAdding(false)}
        onSaved={(info) => {
          setAdding(false);
          setNote(`Saved “${info.name}”. Its secret is in the keychain; Muster will not show it again.`);
          reload();
        }}
      />
      <RemoveConnection
        name={removing}
        onClose={() => setRemoving(undefined)}
        onRemoved={(name) => {
          setRemoving(undefined);
          forgetTest(name);
          setNote(`Removed “${name}” and its secret.`);
          reload();
        }}
      />
    </Stack>
  );
}
