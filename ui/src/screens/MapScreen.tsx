import { useState } from "react";
import { Alert, Button, Group, Loader, Stack, Text } from "@mantine/core";
import type { TargetKind, UiError } from "../ipc/contract";
import { call, toUiError } from "../ipc/invoke";
import { useImport } from "../state/importState";
import type { RouteId } from "../state/routes";
import { ErrorNote } from "../components/ErrorNote";
import { ScreenTitle } from "../components/ScreenTitle";
import { baseName } from "../util/paths";
import { MappingTable } from "./map/MappingTable";
import { TargetChoice } from "./map/TargetChoice";
import { Templates } from "./map/Templates";
import { useMapping } from "./map/useMapping";
import { useProfileMapping } from "./map/useProfileMapping";

export function MapScreen({ go }: { go: (to: RouteId) => void }) {
  const { choice, update } = useImport();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<UiError>();
  const sheet = choice.sheet;
  const mapping = useMapping(sheet?.sheetId);
  const profile = useProfileMapping(sheet?.sheetId, mapping.adopt);

  if (!sheet) {
    return (
      <Stack gap="sm" maw={700}>
        <ScreenTitle>2. Map</ScreenTitle>
        <Alert color="blue" variant="light" title="Open a file first">
          The columns of your file are matched to the target's fields here.
        </Alert>
        <Group>
          <Button onClick={() => go("source")}>Go to Source</Button>
        </Group>
      </Stack>
    );
  }

  const suggest = async (target: TargetKind) => {
    profile.setAside();
    update({ target });
    mapping.adopt(undefined);
    setBusy(true);
    setError(undefined);
    try {
      mapping.adopt(await call("suggest_mapping", { sheetId: sheet.sheetId, target }));
    } catch (reason) {
      setError(toUiError(reason));
    } finally {
      setBusy(false);
    }
  };

  const suggestion = choice.mapping;
  const missing = suggestion?.missing ?? [];

  return (
    <Stack gap="sm" maw={1240}>
      <Group justify="space-between" align="flex-start">
        <Group gap="sm" align="baseline">
          <ScreenTitle>2. Map</ScreenTitle>
          <Text size="sm" c="dimmed">
            {baseName(sheet.path)} · {sheet.columns.length} columns
          </Text>
        </Group>
        <Button disabled={!suggestion || missing.length > 0 || mapping.pending !== undefined} onClick={() => go("review")}>
          Next: review the records
        </Button>
      </Group>
      <Group justify="space-between" align="flex-end">
        <TargetChoice value={choice.target} disabled={busy} onChange={(k) => void suggest(k)} />
        <Templates
          sheetId={sheet.sheetId}
          profileToml={choice.profileToml ?? suggestion?.profileToml}
          onLoaded={(m) => {
            profile.setAside();
            mapping.adopt(m);
          }}
        />
      </Group>
      {busy && <Loader size="sm" aria-label="Matching columns" />}
      {profile.loading && <Loader size="sm" aria-label={`Reading ${profile.name ?? "the profile"}`} />}
      {profile.error && <ErrorNote title={`The mapping in ${profile.name ?? "the profile"} could not be used`} error={profile.error} />}
      {error && <ErrorNote title="No suggestion for this target" error={error} />}
      {profile.name && suggestion && (
        <Text size="sm" data-testid="profile-note">
          Using the mapping in {profile.name}. Change any field below, or choose another target to start from a suggestion.
        </Text>
      )}
      {suggestion && (
        <>
          <Text size="sm" c={missing.length > 0 ? "red" : "dimmed"} role="status">
            {missing.length > 0
              ? `Required without a column: ${missing.join(", ")}. Choose a column or a default value for each.`
              : "Every required field has a column. Check the suggestions, then continue."}
          </Text>
          <MappingTable
            fields={suggestion.fields}
            columns={sheet.columns}
            chosen={choice.personChoices ?? {}}
            pending={mapping.pending}
            failed={mapping.failed}
            onChange={mapping.change}
          />
        </>
      )}
    </Stack>
  );
}
