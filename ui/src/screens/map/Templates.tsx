// Mapping templates kept in the store: save the mapping as it stands under a name, or
// load one onto the open sheet (the shell checks its columns against the sheet's).
import { useState } from "react";
import { Button, Group, Menu, Modal, Stack, Text, TextInput } from "@mantine/core";
import type { MappingSuggestion, MappingTemplate, UiError } from "../../ipc/contract";
import { call, toUiError } from "../../ipc/invoke";
import { ErrorNote } from "../../components/ErrorNote";

interface Props {
  sheetId: number;
  /** The mapping to save; absent until there is one. */
  profileToml: string | undefined;
  onLoaded: (mapping: MappingSuggestion, name: string) => void;
}

const TARGET_LABELS: Record<string, string> = { lms: "LMS", auth0: "Auth0", authgear: "Authgear", scim: "SCIM", rest: "REST API" };

function SaveTemplate({ profileToml, onSaved }: { profileToml: string; onSaved: (t: MappingTemplate) => void }) {
  const [opened, setOpened] = useState(false);
  const [name, setName] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<UiError>();
  const save = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const saved = await call("save_template", { name, profileToml });
      setOpened(false);
      onSaved(saved);
    } catch (reason) {
      setError(toUiError(reason));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button
        variant="default"
        size="xs"
        onClick={() => {
          setError(undefined);
          setOpened(true);
        }}
      >
        Save as template…
      </Button>
      <Modal opened={opened} onClose={() => setOpened(false)} title="Save the mapping as a template">
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <Stack gap="sm">
            <TextInput
              label="Template name"
              description="Load it later for files with the same columns."
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              data-autofocus
            />
            {error && <ErrorNote title="The template was not saved" error={error} />}
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setOpened(false)}>
                Cancel
              </Button>
              <Button type="submit" loading={busy}>
                Save template
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </>
  );
}

export function Templates({ sheetId, profileToml, onLoaded }: Props) {
  const [list, setList] = useState<MappingTemplate[]>();
  const [error, setError] = useState<{ title: string; error: UiError }>();
  const [done, setDone] = useState<string>();

  const fetchList = async () => {
    setError(undefined);
    try {
      setList(await call("templates_list", {}));
    } catch (reason) {
      setError({ title: "The templates could not be listed", error: toUiError(reason) });
    }
  };
  const load = async (name: string) => {
    setError(undefined);
    setDone(undefined);
    try {
      onLoaded(await call("load_template", { sheetId, name }), name);
      setDone(`Loaded the template “${name}”.`);
    } catch (reason) {
      setError({ title: `The template “${name}” does not fit this file`, error: toUiError(reason) });
    }
  };

  return (
    <Stack gap={4}>
      <Group gap="xs">
        <Menu position="bottom-start" onOpen={() => void fetchList()} shadow="md">
          <Menu.Target>
            <Button variant="default" size="xs">
              Load template
            </Button>
          </Menu.Target>
          <Menu.Dropdown aria-label="Saved templates">
            {list === undefined ? (
              <Menu.Item disabled>Loading…</Menu.Item>
            ) : list.length === 0 ? (
              <Menu.Item disabled>No templates saved yet</Menu.Item>
            ) : (
              list.map((t) => (
                <Menu.Item key={t.name} onClick={() => void load(t.name)} rightSection={<Text size="xs" c="dimmed">{TARGET_LABELS[t.target] ?? t.target}</Text>}>
                  {t.name}
                </Menu.Item>
              ))
            )}
          </Menu.Dropdown>
        </Menu>
        {profileToml !== undefined && (
          <SaveTemplate
            profileToml={profileToml}
            onSaved={(t) => {
              setError(undefined);
              setDone(`Saved as the template “${t.name}”.`);
            }}
          />
        )}
        {done && (
          <Text size="sm" c="dimmed" role="status">
            {done}
          </Text>
        )}
      </Group>
      {error && <ErrorNote title={error.title} error={error.error} />}
    </Stack>
  );
}
