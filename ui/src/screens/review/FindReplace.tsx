// Find and replace within one column of the sheet (replace_in_column): every match in
// the column, not just the rows on screen; the answer says how many cells changed.
import { useState } from "react";
import { Button, Checkbox, Group, Popover, Select, Stack, TextInput } from "@mantine/core";
import type { ReplaceResult, UiError } from "../../ipc/contract";
import { call, toUiError } from "../../ipc/invoke";
import { ErrorNote } from "../../components/ErrorNote";

interface Props {
  sheetId: number;
  columns: string[];
  /** The column of the selected cell, offered first. */
  column: string | undefined;
  onReplaced: (result: ReplaceResult, column: string) => void;
}

export function FindReplace({ sheetId, columns, column, onReplaced }: Props) {
  const [opened, setOpened] = useState(false);
  const [target, setTarget] = useState<string | null>(null);
  const [find, setFind] = useState("");
  const [replace, setReplace] = useState("");
  const [wholeCell, setWholeCell] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<UiError>();
  const chosen = target ?? column ?? columns[0] ?? null;

  const run = async () => {
    if (!chosen) return;
    setBusy(true);
    setError(undefined);
    try {
      const result = await call("replace_in_column", { sheetId, column: chosen, find, replace, wholeCell });
      setOpened(false);
      onReplaced(result, chosen);
    } catch (reason) {
      setError(toUiError(reason));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Popover opened={opened} onChange={setOpened} position="bottom-start" trapFocus returnFocus shadow="md" width={320}>
      <Popover.Target>
        <Button
          variant="default"
          size="xs"
          onClick={() => {
            setError(undefined);
            setTarget(null);
            setOpened((o) => !o);
          }}
        >
          Find and replace…
        </Button>
      </Popover.Target>
      <Popover.Dropdown>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void run();
          }}
        >
          <Stack gap="xs">
            <Select label="In column" data={columns} value={chosen} onChange={setTarget} allowDeselect={false} comboboxProps={{ withinPortal: false }} />
            <TextInput label="Find" value={find} onChange={(e) => setFind(e.currentTarget.value)} data-autofocus />
            <TextInput label="Replace with" value={replace} onChange={(e) => setReplace(e.currentTarget.value)} />
            <Checkbox label="Whole cell only (the cell is exactly this)" checked={wholeCell} onChange={(e) => setWholeCell(e.currentTarget.checked)} />
            {error && <ErrorNote title="Nothing was replaced" error={error} />}
            <Group justify="flex-end">
              <Button type="submit" size="xs" loading={busy} disabled={!chosen}>
                Replace all
              </Button>
            </Group>
          </Stack>
        </form>
      </Popover.Dropdown>
    </Popover>
  );
}
