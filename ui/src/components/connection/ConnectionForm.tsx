// "Add a connection", the same on the Target and Connections screens: the form is built
// from what the kind asks for (connection_kinds). Secrets are typed into password fields,
// go to the shell once with connection_save (the shell puts them in the keychain), and are
// dropped from memory here as soon as the form closes.
import { useState, type FormEvent } from "react";
import { Button, Group, Modal, PasswordInput, Select, Stack, Text, TextInput } from "@mantine/core";
import type { ConnectionInfo, ConnectionKind, SettingSpec, UiError } from "../../ipc/contract";
import { call, toUiError } from "../../ipc/invoke";
import { useCommand } from "../../ipc/useCommand";
import { ErrorNote } from "../ErrorNote";

interface Props {
  opened: boolean;
  onClose: () => void;
  onSaved: (connection: ConnectionInfo) => void;
  /** The kind chosen first, e.g. the mapping's target. */
  defaultKind?: string;
}

export function ConnectionForm({ opened, onClose, onSaved, defaultKind }: Props) {
  return (
    <Modal opened={opened} onClose={onClose} title="Add a connection" size="lg" centered>
      {/* Mounted only while open: closing the form forgets everything typed, secrets too. */}
      {opened && <FormBody onClose={onClose} onSaved={onSaved} defaultKind={defaultKind} />}
    </Modal>
  );
}

function FormBody({ onClose, onSaved, defaultKind }: Omit<Props, "opened">) {
  const [kinds] = useCommand("connection_kinds", {});
  const targets: ConnectionKind[] = kinds.state === "ready" ? kinds.value.filter((k) => k.role === "target") : [];
  const [kindName, setKindName] = useState<string | undefined>(defaultKind);
  const kind = targets.find((k) => k.kind === kindName);
  const [name, setName] = useState("");
  const [url, setUrl] = useState("");
  const [settings, setSettings] = useState<Record<string, string>>({});
  const [secrets, setSecrets] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<UiError>();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!kind) return;
    setSaving(true);
    setError(undefined);
    try {
      const keep = (specs: SettingSpec[], values: Record<string, string>) =>
        Object.fromEntries(specs.map((s) => [s.key, values[s.key] ?? ""]).filter(([, v]) => v !== ""));
      const saved = await call("connection_save", {
        connection: {
          name: name.trim(),
          kind: kind.kind,
          url: url.trim(),
          settings: keep(kind.settings, settings),
          secrets: keep(kind.secrets, secrets),
        },
      });
      setSecrets({});
      onSaved(saved);
    } catch (reason) {
      setError(toUiError(reason));
    } finally {
      setSaving(false);
    }
  };

  if (kinds.state === "failed") return <ErrorNote title="Could not list the kinds of connection" error={kinds.error} />;

  return (
    <form onSubmit={(e) => void submit(e)} aria-label="New connection">
      <Stack gap="sm">
        <Select
          label="Kind"
          placeholder="Choose the kind of target"
          data={targets.map((k) => ({ value: k.kind, label: k.label }))}
          value={kindName ?? null}
          onChange={(v) => setKindName(v ?? undefined)}
          required
          allowDeselect={false}
          data-autofocus
        />
        <TextInput
          label="Name"
          description="How you will find it again, e.g. “acme-lms”."
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          required
        />
        <TextInput
          label="Address"
          placeholder="https://…"
          value={url}
          onChange={(e) => setUrl(e.currentTarget.value)}
          required
        />
        {kind?.settings.map((s) =>
          s.choices ? (
            <Select
              key={s.key}
              label={s.label}
              data={s.choices}
              value={settings[s.key] ?? null}
              onChange={(v) => setSettings((o) => ({ ...o, [s.key]: v ?? "" }))}
              required={s.required}
            />
          ) : (
            <TextInput
              key={s.key}
              label={s.label}
              placeholder={s.placeholder}
              value={settings[s.key] ?? ""}
              onChange={(e) => {
                const value = e.currentTarget.value;
                setSettings((o) => ({ ...o, [s.key]: value }));
              }}
              required={s.required}
            />
          ),
        )}
        {kind?.secrets.map((s) => (
          <PasswordInput
            key={s.key}
            label={s.label}
            description="Goes to this computer's keychain. Muster will not show it again."
            value={secrets[s.key] ?? ""}
            onChange={(e) => {
              const value = e.currentTarget.value;
              setSecrets((o) => ({ ...o, [s.key]: value }));
            }}
            autoComplete="off"
            required={s.required}
          />
        ))}
        {!kind && (
          <Text size="sm" c="dimmed">
            Choose a kind to see what it asks for.
          </Text>
        )}
        {error && <ErrorNote title="The connection was not saved" error={error} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={saving} disabled={!kind}>
            Save connection
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
