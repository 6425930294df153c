import { useEffect, useState } from "react";
import { Button, Group, Paper, Stack, Text, TextInput } from "@mantine/core";
import type { UiError } from "../../ipc/contract";
import { pickSheetFile } from "../../ipc/dialog";
import { onFileDrop } from "../../ipc/dropEvents";
import { toUiError } from "../../ipc/invoke";
import { ErrorNote } from "../../components/ErrorNote";

interface Props {
  path: string | undefined;
  busy: boolean;
  /** Shown here, beside the picker, because this is where the person acts on it. */
  error: UiError | undefined;
  onOpen: (path: string) => void;
}

export function FilePicker({ path, busy, error, onOpen }: Props) {
  const [typed, setTyped] = useState(path ?? "");
  const [pickError, setPickError] = useState<UiError>();

  useEffect(() => setTyped(path ?? ""), [path]);
  useEffect(() => onFileDrop(onOpen), [onOpen]);

  const choose = async () => {
    setPickError(undefined);
    try {
      const picked = await pickSheetFile();
      if (picked) onOpen(picked);
    } catch (reason) {
      setPickError(toUiError(reason));
    }
  };

  const shown = error ?? pickError;
  return (
    <Paper withBorder p="sm" radius="md">
      <Stack gap="xs">
        <Group align="flex-end" gap="sm" wrap="nowrap">
          <Button onClick={choose} loading={busy}>
            Choose file…
          </Button>
          <form
            style={{ flex: 1, display: "flex", gap: 8, alignItems: "flex-end" }}
            onSubmit={(e) => {
              e.preventDefault();
              if (typed.trim()) onOpen(typed.trim());
            }}
          >
            <TextInput
              style={{ flex: 1 }}
              label="or drop a file on the window, or type its path"
              placeholder="/home/me/Downloads/staff.xlsx"
              value={typed}
              onChange={(e) => setTyped(e.currentTarget.value)}
            />
            <Button type="submit" variant="default" disabled={busy || !typed.trim()}>
              Open
            </Button>
          </form>
        </Group>
        {shown && <ErrorNote title="This file could not be opened" error={shown} />}
        {!shown && !path && (
          <Text size="sm" c="dimmed">
            CSV, Excel (xlsx, xls, xlsb), OpenDocument (ods), JSON and NDJSON files work.
          </Text>
        )}
      </Stack>
    </Paper>
  );
}
