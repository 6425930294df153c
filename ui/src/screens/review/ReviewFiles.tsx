// The files Review writes: the issues as CSV (export_issues), and the sheet with the
// edits made here (save_corrected), so fixes outlive the app. The person picks where.
import { useState } from "react";
import { Button, Group, Stack, Text } from "@mantine/core";
import type { Exported, UiError } from "../../ipc/contract";
import { call, toUiError } from "../../ipc/invoke";
import { pickSavePath } from "../../ipc/dialog";
import { ErrorNote } from "../../components/ErrorNote";
import { besideSheet } from "./paths";

interface Props {
  sheetId: number;
  sheetPath: string;
}

type Kind = "issues" | "corrected";

const WORDS: Record<Kind, { button: string; title: string; suffix: string; failed: string; done: (e: Exported) => string }> = {
  issues: {
    button: "Export issues…",
    title: "Export the issues as CSV",
    suffix: "-issues",
    failed: "The issues were not exported",
    done: (e) => `Exported ${e.written.toLocaleString("en-US")} ${e.written === 1 ? "issue" : "issues"} to ${e.files.join(", ")}.`,
  },
  corrected: {
    button: "Save corrected copy…",
    title: "Save the sheet with your edits as CSV",
    suffix: "-corrected",
    failed: "The corrected copy was not saved",
    done: (e) => `Saved ${e.written.toLocaleString("en-US")} rows with your edits to ${e.files.join(", ")}.`,
  },
};

export function ReviewFiles({ sheetId, sheetPath }: Props) {
  const [busy, setBusy] = useState<Kind>();
  const [done, setDone] = useState<string>();
  const [error, setError] = useState<{ kind: Kind; error: UiError }>();

  const write = async (kind: Kind) => {
    const words = WORDS[kind];
    setError(undefined);
    setDone(undefined);
    try {
      const path = await pickSavePath(words.title, besideSheet(sheetPath, words.suffix));
      if (path === null) return;
      setBusy(kind);
      const written = kind === "issues" ? await call("export_issues", { sheetId, path }) : await call("save_corrected", { sheetId, path });
      setDone(words.done(written));
    } catch (reason) {
      setError({ kind, error: toUiError(reason) });
    } finally {
      setBusy(undefined);
    }
  };

  return (
    <Stack gap={4}>
      <Group gap="xs" justify="flex-end">
        {(["issues", "corrected"] as const).map((kind) => (
          <Button key={kind} variant="default" size="xs" loading={busy === kind} onClick={() => void write(kind)}>
            {WORDS[kind].button}
          </Button>
        ))}
      </Group>
      {done && (
        <Text size="xs" c="dimmed" role="status" ta="right">
          {done}
        </Text>
      )}
      {error && <ErrorNote title={WORDS[error.kind].failed} error={error.error} />}
    </Stack>
  );
}
