// Step 3: the open sheet validated through the mapping. Counts and problem kinds on top,
// the records in a virtual grid with failing cells marked, edits in place, find and
// replace, and the files to write; the data stays in Rust and arrives in windows.
import { useCallback, useState } from "react";
import { Alert, Badge, Button, CloseButton, Group, Loader, Stack, Switch, Text } from "@mantine/core";
import type { ReviewRow, UiError } from "../ipc/contract";
import { call, toUiError } from "../ipc/invoke";
import { useImport } from "../state/importState";
import type { RouteId } from "../state/routes";
import type { ActiveCell } from "../grid/VirtualGrid";
import { ErrorNote } from "../components/ErrorNote";
import { ScreenTitle } from "../components/ScreenTitle";
import { baseName } from "../util/paths";
import { FindReplace } from "./review/FindReplace";
import { ProblemKinds } from "./review/ProblemKinds";
import { ReviewCounts } from "./review/ReviewCounts";
import { ReviewFiles } from "./review/ReviewFiles";
import { ReviewGrid, type ReviewView } from "./review/ReviewGrid";
import { RowIssues } from "./review/RowIssues";
import { useReview } from "./review/useReview";

function Missing({ title, text, to, label, go }: { title: string; text: string; to: RouteId; label: string; go: (to: RouteId) => void }) {
  return (
    <Stack gap="sm" maw={700}>
      <ScreenTitle>3. Review</ScreenTitle>
      <Alert color="blue" variant="light" title={title}>
        {text}
      </Alert>
      <Group>
        <Button onClick={() => go(to)}>{label}</Button>
      </Group>
    </Stack>
  );
}

export function ReviewScreen({ go }: { go: (to: RouteId) => void }) {
  const { choice } = useImport();
  const sheet = choice.sheet;
  const profileToml = choice.profileToml ?? choice.mapping?.profileToml;
  const review = useReview(sheet?.sheetId, profileToml);
  const [view, setView] = useState<ReviewView>({ onlyProblems: false });
  const [active, setActive] = useState<{ row: ReviewRow | undefined; column: string | undefined }>({ row: undefined, column: undefined });
  const [editing, setEditing] = useState(false);
  const [editError, setEditError] = useState<UiError>();
  const [replaced, setReplaced] = useState<string>();
  const { changed } = review;
  const sheetId = sheet?.sheetId;
  const columns = sheet?.columns;

  const onActiveChange = useCallback(
    (cell: ActiveCell<ReviewRow>) => setActive({ row: cell.row, column: columns?.[cell.column] }),
    [columns],
  );
  const onEdit = useCallback(
    async (row: ReviewRow, column: string, value: string) => {
      if (sheetId === undefined) return;
      setEditError(undefined);
      try {
        changed(await call("edit_cell", { sheetId, index: row.index, column, value }));
      } catch (reason) {
        setEditError(toUiError(reason));
        throw reason;
      }
    },
    [sheetId, changed],
  );
  const onEditing = useCallback((on: boolean) => {
    setEditing(on);
    if (!on) setEditError(undefined);
  }, []);

  if (!sheet) return <Missing title="Open a file first" text="The records of your file are checked against the target's rules here." to="source" label="Go to Source" go={go} />;
  if (!profileToml) return <Missing title="Map the columns first" text="Review checks each record through the mapping: choose the target and its columns on the Map step." to="map" label="Go to Map" go={go} />;

  const summary = review.summary;
  const viewTotal = !summary ? 0 : view.code ? 0 : view.onlyProblems ? summary.rowsWithProblems : summary.total;

  return (
    <Stack gap="sm" maw={1240}>
      <Group justify="space-between" align="flex-start">
        <Group gap="sm" align="baseline">
          <ScreenTitle>3. Review</ScreenTitle>
          <Text size="sm" c="dimmed">
            {baseName(sheet.path)} · {sheet.rowCount.toLocaleString("en-US")} rows
          </Text>
        </Group>
        <Button disabled={!summary} onClick={() => go("target")}>
          Next: choose the target
        </Button>
      </Group>

      {review.loading && !summary && <Loader size="sm" aria-label="Checking the records" />}
      {review.error && (
        <ErrorNote title="The records could not be checked" error={review.error} onRetry={review.retry} />
      )}

      {summary && (
        <>
          <Group align="flex-start" wrap="nowrap" gap="md">
            <ReviewCounts summary={summary} />
            <ProblemKinds problems={summary.problems} selected={view.code} onSelect={(code) => setView(code ? { onlyProblems: true, code } : { onlyProblems: view.onlyProblems })} />
          </Group>
          {summary.invalid > 0 && (
            <Text size="xs" c="dimmed">
              {summary.invalid.toLocaleString("en-US")} invalid {summary.invalid === 1 ? "record is" : "records are"} held back and never sent; fix them here, or go on without them.
            </Text>
          )}

          <Group justify="space-between" align="flex-start">
            <Group gap="sm">
              <Switch
                label="Only rows with problems"
                checked={view.onlyProblems}
                onChange={(e) => setView({ onlyProblems: e.currentTarget.checked })}
              />
              {view.code && (
                <Badge variant="light" size="lg" tt="none" pr={2} rightSection={<CloseButton size="xs" aria-label={`Stop showing only ${view.code}`} onClick={() => setView({ onlyProblems: true })} />}>
                  Only {view.code}
                </Badge>
              )}
              <FindReplace
                sheetId={sheet.sheetId}
                columns={sheet.columns}
                column={active.column}
                onReplaced={(result, column) => {
                  changed(result.summary);
                  setReplaced(`Replaced ${result.replaced.toLocaleString("en-US")} ${result.replaced === 1 ? "cell" : "cells"} in ${column}.`);
                }}
              />
              {replaced && (
                <Text size="sm" role="status">
                  {replaced}
                </Text>
              )}
            </Group>
            <ReviewFiles sheetId={sheet.sheetId} sheetPath={sheet.path} />
          </Group>

          <ReviewGrid
            key={`${sheet.sheetId}-${view.onlyProblems}-${view.code ?? ""}`}
            sheetId={sheet.sheetId}
            columns={sheet.columns}
            view={view}
            total={viewTotal}
            refresh={review.refresh}
            height="max(240px, calc(100vh - 470px))"
            onActiveChange={onActiveChange}
            onEdit={onEdit}
            onEditing={onEditing}
          />
          <RowIssues row={active.row} column={active.column} editing={editing} error={editError} />
        </>
      )}
    </Stack>
  );
}
