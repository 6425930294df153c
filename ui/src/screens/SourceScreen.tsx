import { useCallback, useEffect, useRef, useState } from "react";
import { Badge, Button, Group, Stack, Text } from "@mantine/core";
import type { ReadOptions, UiError } from "../ipc/contract";
import { call, toUiError } from "../ipc/invoke";
import { useImport } from "../state/importState";
import type { RouteId } from "../state/routes";
import { ScreenTitle } from "../components/ScreenTitle";
import { SheetGrid } from "../grid/SheetGrid";
import { baseName } from "../util/paths";
import { FilePicker } from "./source/FilePicker";
import { ProblemsList } from "./source/ProblemsList";
import { ReadSettings } from "./source/ReadSettings";
import { ErrorNote } from "../components/ErrorNote";
import { followSheet } from "../state/sheetCounting";
import { rowsText } from "./source/rowsText";

export function SourceScreen({ go }: { go: (to: RouteId) => void }) {
  const { choice, update, sheetRead, sheetFailed } = useImport();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<UiError>();
  // The person's overrides so far; changing one setting keeps the others they chose.
  const [options, setOptions] = useState<ReadOptions>({});
  // Each successful open gets a new grid: the shell may keep the sheetId while the
  // columns change (another delimiter), so cached rows must not survive a re-open.
  const [generation, setGeneration] = useState(0);
  const sheetRef = useRef(choice.sheet);
  sheetRef.current = choice.sheet;

  const openSheet = useCallback(
    async (path: string, next: ReadOptions) => {
      setBusy(true);
      setError(undefined);
      update({ path });
      try {
        const hasOptions = Object.keys(next).length > 0;
        const info = await call("open_sheet", hasOptions ? { path, options: next } : { path });
        const previous = sheetRef.current;
        // The shell holds each open sheet; release the one this replaces.
        if (previous && previous.sheetId !== info.sheetId) {
          call("close_sheet", { sheetId: previous.sheetId }).catch(() => undefined);
        }
        setOptions(next);
        setGeneration((g) => g + 1);
        update({ sheet: info, sheetError: undefined, mapping: undefined });
        // A big file: its first rows are here, the rest is being read and counted.
        followSheet(info, sheetRead, (e) => sheetFailed(info.sheetId, e));
      } catch (reason) {
        setError(toUiError(reason));
      } finally {
        setBusy(false);
      }
    },
    [update, sheetRead, sheetFailed],
  );

  // Arriving with a path but no sheet (the first-run sample): open it straight away.
  // Only what was chosen before this screen counts: a path picked here opens itself.
  const arrival = useRef(choice);
  const autoOpened = useRef(false);
  useEffect(() => {
    const { path, sheet } = arrival.current;
    if (!autoOpened.current && path && !sheet) {
      autoOpened.current = true;
      void openSheet(path, {});
    }
  }, [openSheet]);

  const openNew = useCallback((path: string) => void openSheet(path, {}), [openSheet]);
  const sheet = choice.sheet;

  return (
    <Stack gap="sm" maw={1240}>
      <Group justify="space-between" align="flex-start">
        <Group gap="sm" align="baseline">
          <ScreenTitle>1. Source</ScreenTitle>
          {choice.connection === "sandbox" && (
            <Badge variant="light" color="teal">
              Target: sandbox (preselected)
            </Badge>
          )}
        </Group>
        <Button disabled={!sheet || busy} onClick={() => go("map")}>
          Next: map the columns
        </Button>
      </Group>

      <FilePicker path={choice.path} busy={busy} error={error} onOpen={openNew} />

      {sheet && (
        <>
          <Group gap="xs">
            <Text fw={600}>{baseName(sheet.path)}</Text>
            <Text size="sm" c="dimmed" data-testid="sheet-size">
              {sheet.columns.length} columns · {rowsText(sheet)}
            </Text>
          </Group>
          {choice.sheetError && <ErrorNote title="The file could not be read to its end" error={choice.sheetError} />}
          <ReadSettings
            info={sheet}
            busy={busy}
            onChange={(patch) => void openSheet(sheet.path, { ...options, ...patch })}
          />
          <ProblemsList problems={sheet.problems} />
          <SheetGrid
            key={`${sheet.sheetId}-${generation}`}
            sheetId={sheet.sheetId}
            columns={sheet.columns}
            total={sheet.rowCount}
            complete={sheet.complete}
            height="max(220px, calc(100vh - 470px))"
          />
        </>
      )}
    </Stack>
  );
}
