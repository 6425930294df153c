import { useState } from "react";
import { Button, Group, Modal, Stack, Text } from "@mantine/core";
import type { UiError } from "../../ipc/contract";
import { call, toUiError } from "../../ipc/invoke";
import { ErrorNote } from "../../components/ErrorNote";

/** Asks before forgetting a connection and deleting its secret from the keychain. */
export function RemoveConnection({
  name,
  onClose,
  onRemoved,
}: {
  name: string | undefined;
  onClose: () => void;
  onRemoved: (name: string) => void;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<UiError>();

  const remove = async () => {
    if (!name) return;
    setBusy(true);
    setError(undefined);
    try {
      await call("connection_remove", { name });
      onRemoved(name);
    } catch (reason) {
      setError(toUiError(reason));
    } finally {
      setBusy(false);
    }
  };

  const close = () => {
    setError(undefined);
    onClose();
  };

  return (
    <Modal opened={name !== undefined} onClose={close} title={`Remove “${name ?? ""}”?`} centered>
      <Stack gap="sm">
        <Text size="sm">
          Muster forgets the connection and deletes its secret from this computer's keychain. Jobs sent through it stay
          in the history. To use it again you will need the secret once more.
        </Text>
        {error && <ErrorNote title="The connection was not removed" error={error} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={close} data-autofocus>
            Keep it
          </Button>
          <Button color="red" loading={busy} onClick={() => void remove()}>
            Remove
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
