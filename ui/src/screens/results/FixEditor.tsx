// "Fix and retry": the failed and held-back rows as an editable table of their source
// cells, next to why each failed. Only the rows the person changed are sent back
// (fix_records); those that still do not pass validation stay here with the new reason.
import { useMemo, useState } from "react";
import { Button, Group, Loader, Pagination, Stack, Table, Text, TextInput } from "@mantine/core";
import type { FixResult, JobCounts, RecordFix, UiError } from "../../ipc/contract";
import { call, toUiError } from "../../ipc/invoke";
import { ErrorNote } from "../../components/ErrorNote";
import { useFailedRows } from "./useFailedRows";

const PER_PAGE = 12;

type Edits = Record<number, Record<string, string>>;

interface Props {
  jobId: number;
  counts: JobCounts;
  onFixed: (result: FixResult) => void;
  onClose: () => void;
}

export function FixEditor({ jobId, counts, onFixed, onClose }: Props) {
  const [failed, loadError, reload] = useFailedRows(jobId, counts);
  const [edits, setEdits] = useState<Edits>({});
  const [page, setPage] = useState(1);
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<UiError>();
  const [stillInvalid, setStillInvalid] = useState<Map<number, string>>(new Map());

  // The rows with at least one cell that differs from what the job holds.
  const fixes: RecordFix[] = useMemo(() => {
    if (!failed) return [];
    return failed.rows
      .filter((row) => failed.columns.some((c, i) => edits[row.number]?.[c] !== undefined && edits[row.number]?.[c] !== row.cells[i]))
      .map((row) => ({
        sourceRow: row.number,
        cells: Object.fromEntries(failed.columns.map((c, i) => [c, edits[row.number]?.[c] ?? row.cells[i] ?? ""])),
      }));
  }, [failed, edits]);

  if (loadError) {
    return (
      <ErrorNote title="Could not read the failed rows" error={loadError} onRetry={reload} />
    );
  }
  if (!failed) return <Loader size="sm" aria-label="Loading the failed rows" />;
  if (failed.rows.length === 0) {
    return (
      <Stack gap="xs" align="flex-start">
        <Text size="sm">No failed or held-back rows are left to fix.</Text>
        <Button variant="default" onClick={onClose}>
          Back to the records
        </Button>
      </Stack>
    );
  }

  const pages = Math.ceil(failed.rows.length / PER_PAGE);
  // Each column's inputs as wide as its longest value (within reason), so an address shows whole.
  const widths = failed.columns.map((c, i) =>
    Math.min(34, Math.max(6, ...failed.rows.map((r) => (edits[r.number]?.[c] ?? r.cells[i] ?? "").length)) + 3),
  );
  const onPage = failed.rows.slice((page - 1) * PER_PAGE, page * PER_PAGE);

  const send = async () => {
    setSending(true);
    setError(undefined);
    try {
      const result = await call("fix_records", { jobId, fixes });
      const invalid = new Map(result.stillInvalid.map((i) => [i.sourceRow, i.message]));
      setStillInvalid(invalid);
      // Queued rows leave the table; the person's edits stay on those still invalid.
      setEdits((e) => Object.fromEntries(Object.entries(e).filter(([row]) => invalid.has(Number(row)))));
      setPage(1);
      onFixed(result);
      reload();
    } catch (reason) {
      setError(toUiError(reason));
    } finally {
      setSending(false);
    }
  };

  const setCell = (row: number, column: string, value: string) =>
    setEdits((e) => ({ ...e, [row]: { ...e[row], [column]: value } }));

  return (
    <Stack gap="sm" data-testid="fix-editor">
      <Text size="sm">
        Correct the cells in place; the reason each row failed is on its left. Only the rows you change are sent back.
      </Text>
      <Table.ScrollContainer minWidth={900}>
        <Table withTableBorder verticalSpacing={4} aria-label="Failed rows to fix">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={60}>Row</Table.Th>
              <Table.Th miw={220}>Why it failed</Table.Th>
              {failed.columns.map((c) => (
                <Table.Th key={c}>{c}</Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {onPage.map((row) => {
              const why = stillInvalid.get(row.number) ?? failed.why.get(row.number) ?? "";
              return (
                <Table.Tr key={row.number} data-row={row.number}>
                  <Table.Td>{row.number}</Table.Td>
                  <Table.Td>
                    <Text size="xs" c="red">
                      {why}
                    </Text>
                  </Table.Td>
                  {failed.columns.map((c, i) => {
                    const original = row.cells[i] ?? "";
                    const value = edits[row.number]?.[c] ?? original;
                    const edited = value !== original;
                    return (
                      <Table.Td key={c}>
                        <TextInput
                          size="xs"
                          aria-label={`Row ${row.number}, ${c}`}
                          value={value}
                          onChange={(e) => setCell(row.number, c, e.currentTarget.value)}
                          data-edited={edited || undefined}
                          miw={`${widths[i] ?? 12}ch`}
                          styles={edited ? { input: { borderColor: "var(--mantine-primary-color-filled)", fontWeight: 600 } } : undefined}
                        />
                      </Table.Td>
                    );
                  })}
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {pages > 1 && <Pagination total={pages} value={page} onChange={setPage} size="sm" aria-label="Pages of failed rows" />}
      {error && <ErrorNote title="The fixes were not taken" error={error} />}
      <Group>
        <Button disabled={fixes.length === 0} loading={sending} onClick={() => void send()}>
          Send {fixes.length} corrected {fixes.length === 1 ? "row" : "rows"}
        </Button>
        <Button variant="default" onClick={onClose}>
          Back to the records
        </Button>
        <Text size="sm" c="dimmed">
          {failed.rows.length.toLocaleString("en-US")} rows to fix
        </Text>
      </Group>
    </Stack>
  );
}
