// "Export results" and "Export failed rows": a folder, then the files the shell wrote.
import { useState } from "react";
import { Alert, Button, Group, List, Stack, Text } from "@mantine/core";
import type { Exported, JobSummary, UiError } from "../../ipc/contract";
import { call, toUiError } from "../../ipc/invoke";
import { pickFolder } from "../../ipc/folderDialog";
import { ErrorNote } from "../../components/ErrorNote";

type What = "results" | "failed";

export function ExportActions({ job }: { job: JobSummary }) {
  const [busy, setBusy] = useState<What>();
  const [written, setWritten] = useState<{ what: What; exported: Exported }>();
  const [error, setError] = useState<UiError>();
  const failedRows = job.counts.failed + job.counts.heldBack;

  const run = async (what: What) => {
    setError(undefined);
    setWritten(undefined);
    try {
      const dir = await pickFolder(what === "results" ? "Where should the results go?" : "Where should the failed rows go?");
      if (dir === null) return;
      setBusy(what);
      const exported =
        what === "results"
          ? await call("export_results", { jobId: job.id, dir })
          : await call("export_failed", { jobId: job.id, dir });
      setWritten({ what, exported });
    } catch (reason) {
      setError(toUiError(reason));
    } finally {
      setBusy(undefined);
    }
  };

  return (
    <Stack gap="xs">
      <Group gap="xs">
        <Button variant="default" loading={busy === "results"} onClick={() => void run("results")}>
          Export results
        </Button>
        <Button
          variant="default"
          loading={busy === "failed"}
          disabled={failedRows === 0}
          onClick={() => void run("failed")}
        >
          Export failed rows
        </Button>
      </Group>
      {written && (
        <Alert color="green" variant="light" title="Exported" role="status" data-testid="exported">
          <Text size="sm">
            {written.exported.written.toLocaleString("en-US")}{" "}
            {written.what === "results" ? "records with their outcomes" : "failed and held-back rows, with your file's columns,"}{" "}
            written to:
          </Text>
          <List size="sm" mt={4}>
            {written.exported.files.map((f) => (
              <List.Item key={f}>
                <Text span ff="monospace" size="sm">
                  {f}
                </Text>
              </List.Item>
            ))}
          </List>
        </Alert>
      )}
      {error && <ErrorNote title="Nothing was exported" error={error} />}
    </Stack>
  );
}
