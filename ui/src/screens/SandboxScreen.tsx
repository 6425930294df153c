// The built-in emulators of every target kind: start and stop them, see where each
// listens and how many users it holds, to try an import without a real system.
import { useState } from "react";
import { Alert, Badge, Button, Group, Loader, Stack, Text } from "@mantine/core";
import type { SandboxStatus, UiError } from "../ipc/contract";
import { call, toUiError } from "../ipc/invoke";
import { useCommand } from "../ipc/useCommand";
import type { RouteId } from "../state/routes";
import { ErrorNote } from "../components/ErrorNote";
import { ScreenTitle } from "../components/ScreenTitle";
import { EmulatorsTable } from "./sandbox/EmulatorsTable";

export function SandboxScreen({ go }: { go: (to: RouteId) => void }) {
  const [loaded, reload] = useCommand("sandbox_status", {});
  // What start or stop answered, until the next refresh asks again.
  const [changed, setChanged] = useState<SandboxStatus>();
  const [busy, setBusy] = useState<"start" | "stop">();
  const [error, setError] = useState<{ what: "start" | "stop"; error: UiError }>();
  const status = changed ?? (loaded.state === "ready" ? loaded.value : undefined);

  const toggle = async (what: "start" | "stop") => {
    setBusy(what);
    setError(undefined);
    try {
      setChanged(await call(what === "start" ? "sandbox_start" : "sandbox_stop", {}));
    } catch (reason) {
      setError({ what, error: toUiError(reason) });
    } finally {
      setBusy(undefined);
    }
  };
  const refresh = () => {
    setChanged(undefined);
    reload();
  };

  return (
    <Stack gap="md" maw={900}>
      <Group justify="space-between" align="flex-start">
        <Group gap="sm" align="baseline">
          <ScreenTitle>Sandbox</ScreenTitle>
          {status && (
            <Badge variant="dot" color={status.running ? "green" : "gray"} size="lg" data-testid="sandbox-state">
              {status.running ? "running" : "stopped"}
            </Badge>
          )}
        </Group>
        <Group>
          {status &&
            (status.running ? (
              <Button color="red" variant="light" loading={busy === "stop"} onClick={() => void toggle("stop")}>
                Stop the sandbox
              </Button>
            ) : (
              <Button loading={busy === "start"} onClick={() => void toggle("start")}>
                Start the sandbox
              </Button>
            ))}
          <Button variant="default" onClick={refresh}>
            Refresh
          </Button>
        </Group>
      </Group>
      <Text size="sm" c="dimmed">
        Emulators of every target kind on this computer: choose the “sandbox” connection on the Target step to rehearse
        an import. Their users live in memory and are gone when the sandbox stops.
      </Text>
      {loaded.state === "loading" && !changed && <Loader size="sm" aria-label="Asking the sandbox" />}
      {loaded.state === "failed" && !changed && <ErrorNote title="Could not ask the sandbox" error={loaded.error} />}
      {error && <ErrorNote title={`The sandbox did not ${error.what}`} error={error.error} />}
      {status?.running && <EmulatorsTable emulators={status.emulators} />}
      {status && !status.running && (
        <Alert color="gray" variant="light" title="The sandbox is stopped" role="status">
          <Stack gap="xs" align="flex-start">
            <Text size="sm">Start it here, or just pick it on the Target step: it starts with the job.</Text>
            <Button variant="default" size="xs" onClick={() => go("target")}>
              Go to Target
            </Button>
          </Stack>
        </Alert>
      )}
    </Stack>
  );
}
