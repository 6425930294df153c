// The ways back to pending: the failed records as they are (a target that was down),
// corrected in the app (the editor, opened by the screen), or corrected in a file.
import { useState } from "react";
import { Button, Group, Text } from "@mantine/core";
import type { FixResult, JobSummary, UiError } from "../../ipc/contract";
import { pickSheetFile } from "../../ipc/dialog";
import { call, toUiError } from "../../ipc/invoke";
import { ErrorNote } from "../../components/ErrorNote";

interface Props {
  job: JobSummary;
  disabled: boolean;
  fixing: boolean;
  onFix: () => void;
  /** Failed records were queued as they are: push them. */
  onRetried: () => void;
  onFixedFromFile: (result: FixResult) => void;
}

export function RetryActions({ job, disabled, fixing, onFix, onRetried, onFixedFromFile }: Props) {
  const [busy, setBusy] = useState<"retry" | "file">();
  const [note, setNote] = useState<string>();
  const [error, setError] = useState<UiError>();
  const { failed, heldBack } = job.counts;

  const retry = async () => {
    setBusy("retry");
    setError(undefined);
    setNote(undefined);
    try {
      const { queued } = await call("retry_failed", { jobId: job.id });
      if (queued > 0) onRetried();
      else setNote("No failed records were left to retry.");
    } catch (reason) {
      setError(toUiError(reason));
    } finally {
      setBusy(undefined);
    }
  };

  const fromFile = async () => {
    setError(undefined);
    setNote(undefined);
    try {
      const path = await pickSheetFile();
      if (path === null) return;
      setBusy("file");
      onFixedFromFile(await call("fix_from_file", { jobId: job.id, path }));
    } catch (reason) {
      setError(toUiError(reason));
    } finally {
      setBusy(undefined);
    }
  };

  return (
    <>
      <Group gap="xs">
        <Button
          color="red"
          variant="light"
          disabled={disabled || failed === 0}
          loading={busy === "retry"}
          onClick={() => void retry()}
        >
          Retry failed
        </Button>
        <Button variant={fixing ? "filled" : "default"} disabled={disabled || failed + heldBack === 0} onClick={onFix}>
          Fix and retry
        </Button>
        <Button
          variant="default"
          disabled={disabled || failed + heldBack === 0}
          loading={busy === "file"}
          onClick={() => void fromFile()}
        >
          Retry from a fixed file
        </Button>
      </Group>
      {note && (
        <Text size="sm" c="dimmed" role="status">
          {note}
        </Text>
      )}
      {error && <ErrorNote title="Nothing was retried" error={error} />}
    </>
  );
}
