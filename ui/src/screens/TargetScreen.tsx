// Step 4: where the records go. A saved connection (or the sandbox), tested on request,
// the policy for people who exist already; "Next: plan" journals the job (nothing sent).
import { useState } from "react";
import { Alert, Button, Group, Loader, Stack, Text } from "@mantine/core";
import type { Policy, UiError } from "../ipc/contract";
import { call, toUiError } from "../ipc/invoke";
import { useCommand } from "../ipc/useCommand";
import { useImport } from "../state/importState";
import type { RouteId } from "../state/routes";
import { ErrorNote } from "../components/ErrorNote";
import { ScreenTitle } from "../components/ScreenTitle";
import { ConnectionForm } from "../components/connection/ConnectionForm";
import { TestNote } from "../components/connection/TestNote";
import { useConnectionTests } from "../components/connection/useConnectionTests";
import { kindLabel } from "../components/connection/words";
import { baseName } from "../util/paths";
import { ConnectionChoice, fits } from "./target/ConnectionChoice";
import { PolicyChoice } from "./target/PolicyChoice";

export function TargetScreen({ go }: { go: (to: RouteId) => void }) {
  const { choice, update } = useImport();
  const [connections, reloadConnections] = useCommand("connections_list", {});
  const [kinds] = useCommand("connection_kinds", {});
  const [sandbox] = useCommand("sandbox_status", {});
  const [tests, test] = useConnectionTests();
  const [adding, setAdding] = useState(false);
  const [saved, setSaved] = useState<string>();
  const [creating, setCreating] = useState(false);
  const [error, setError] = useState<UiError>();

  const sheet = choice.sheet;
  const target = choice.mapping?.target ?? choice.target;
  const profileToml = choice.profileToml ?? choice.mapping?.profileToml;
  if (!sheet || !target || !profileToml) {
    return (
      <Stack gap="sm" maw={700}>
        <ScreenTitle>4. Target</ScreenTitle>
        <Alert color="blue" variant="light" title="Map the columns first" role="note">
          The target is chosen for a mapped file: open a file and match its columns, then come back here.
        </Alert>
        <Group>
          <Button onClick={() => go(sheet ? "map" : "source")}>{sheet ? "Go to Map" : "Go to Source"}</Button>
        </Group>
      </Stack>
    );
  }

  const list = connections.state === "ready" ? connections.value : [];
  const known = kinds.state === "ready" ? kinds.value : undefined;
  const chosen = list.find((c) => c.name === choice.connection && fits(c, target));
  // An LMS creates or updates by identifier; everything else skips by default.
  const policy: Policy = choice.policy ?? (target === "lms" ? "update" : "skip");
  const sandboxRunning = sandbox.state === "ready" ? sandbox.value.running : undefined;
  const testState = chosen ? tests[chosen.name] : undefined;

  const next = async () => {
    if (!chosen) return;
    setCreating(true);
    setError(undefined);
    try {
      const created = await call("create_job", {
        sheetId: sheet.sheetId,
        profileToml,
        connection: chosen.name,
        policy,
      });
      update({ jobId: created.job, policy });
      go("plan");
    } catch (reason) {
      setError(toUiError(reason));
    } finally {
      setCreating(false);
    }
  };

  return (
    <Stack gap="md" maw={900}>
      <Group justify="space-between" align="flex-start">
        <Group gap="sm" align="baseline">
          <ScreenTitle>4. Target</ScreenTitle>
          <Text size="sm" c="dimmed">
            {baseName(sheet.path)} · mapped for {kindLabel(known, target)}
          </Text>
        </Group>
        <Button disabled={!chosen} loading={creating} onClick={() => void next()}>
          Next: plan
        </Button>
      </Group>

      {connections.state === "loading" && <Loader size="sm" aria-label="Loading the connections" />}
      {connections.state === "failed" && (
        <ErrorNote title="Could not list the connections" error={connections.error} onRetry={reloadConnections} />
      )}
      {connections.state === "ready" && (
        <ConnectionChoice
          connections={list}
          kinds={known}
          target={target}
          sandboxRunning={sandboxRunning}
          value={chosen?.name}
          onChange={(name) => {
            setSaved(undefined);
            update({ connection: name });
          }}
        />
      )}
      {saved && (
        <Text size="sm" c="green" role="status">
          Saved “{saved}”. Its secret is in the keychain; Muster will not show it again.
        </Text>
      )}
      {chosen?.sandbox && sandboxRunning === false && (
        <Alert color="blue" variant="light" title="The sandbox will be started" role="status">
          It is not running now; Muster starts it when you continue. Nothing leaves this computer.
        </Alert>
      )}

      <Group>
        <Button variant="default" onClick={() => setAdding(true)}>
          Add a connection
        </Button>
        <Button
          variant="default"
          disabled={!chosen}
          loading={testState?.state === "testing"}
          onClick={() => chosen && test(chosen.name)}
        >
          Test connection
        </Button>
      </Group>
      {chosen && testState?.state === "done" && <TestNote name={chosen.name} result={testState.result} />}
      {chosen && testState?.state === "failed" && <ErrorNote title="The test could not run" error={testState.error} />}

      <PolicyChoice value={policy} onChange={(p) => update({ policy: p })} />

      {error && <ErrorNote title="The job was not created" error={error} />}
      <Text size="sm" c="dimmed">
        Nothing is sent yet: the next step looks every record up at the target and shows what would happen.
      </Text>

      <ConnectionForm
        opened={adding}
        defaultKind={target}
        onClose={() => setAdding(false)}
        onSaved={(info) => {
          setAdding(false);
          setSaved(info.name);
          reloadConnections();
          if (fits(info, target)) update({ connection: info.name });
        }}
      />
    </Stack>
  );
}
