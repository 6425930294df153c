// The mock's saved connections and keychain: secrets go in, only their names come out.
import type { ConnectionInfo, ConnectionKind, ConnectionTest, NewConnection, SettingSpec } from "../../../src/ipc/contract";
import { sandboxRunning } from "./sandbox";

const token: SettingSpec = { key: "token", label: "API token", required: true };

/** What each kind asks for besides its address (NewConnection.url). */
export const KINDS: ConnectionKind[] = [
  { kind: "lms", label: "LMS", role: "target", settings: [], secrets: [token] },
  {
    kind: "auth0",
    label: "Auth0",
    role: "target",
    settings: [
      { key: "client_id", label: "Client ID", required: true },
      { key: "connection_id", label: "Database connection ID", required: true, placeholder: "con_…" },
      { key: "audience", label: "Audience", required: false, placeholder: "https://example.eu.auth0.com/api/v2/" },
    ],
    secrets: [{ key: "client_secret", label: "Client secret", required: true }],
  },
  {
    kind: "authgear",
    label: "Authgear",
    role: "target",
    settings: [
      { key: "project_id", label: "Project ID", required: true },
      { key: "key_id", label: "Admin API key ID", required: true },
      { key: "identifier", label: "Login ID", required: true, choices: ["email", "phone", "username"] },
    ],
    secrets: [{ key: "private_key", label: "Private key (PEM)", required: true }],
  },
  { kind: "scim", label: "SCIM", role: "target", settings: [], secrets: [token] },
  {
    kind: "rest",
    label: "REST API",
    role: "target",
    settings: [
      { key: "create_path", label: "Create path", required: false, placeholder: "/users" },
      { key: "lookup_key", label: "Lookup field", required: false, placeholder: "email" },
    ],
    secrets: [token],
  },
  { kind: "hris", label: "HRIS", role: "source", settings: [], secrets: [token] },
];


const SANDBOX: ConnectionInfo = {
  name: "sandbox",
  kind: "sandbox",
  url: "http://127.0.0.1:47800",
  settings: {},
  secrets: [],
  sandbox: true,
};

const saved = new Map<string, Omit<ConnectionInfo, "secrets" | "sandbox">>([
  ["lms-prod", { name: "lms-prod", kind: "lms", url: "https://lms.acme-gmbh.de", settings: {} }],
  [
    "auth0-tenant",
    {
      name: "auth0-tenant",
      kind: "auth0",
      url: "https://acme.eu.auth0.com",
      settings: { client_id: "Xq7bLr2", connection_id: "con_8RkT2" },
    },
  ],
  ["scim-staging", { name: "scim-staging", kind: "scim", url: "https://scim.staging.acme-gmbh.de/scim/v2", settings: {} }],
  // Saved on another computer: the settings came along, the keychain entry did not.
  ["scim-old", { name: "scim-old", kind: "scim", url: "https://scim.acme-gmbh.de/scim/v2", settings: {} }],
]);

/** The OS keychain: connection → secret name → value. Never answered to the UI. */
const keychain = new Map<string, Map<string, string>>([
  ["lms-prod", new Map([["token", "expired-2023-token"]])],
  ["auth0-tenant", new Map([["client_secret", "s3cr3t-auth0"]])],
  ["scim-staging", new Map([["token", "stg-8f2c61d0a9"]])],
]);

function fail(message: string): never {
  throw { message };
}

function info(name: string): ConnectionInfo {
  if (name === SANDBOX.name) return SANDBOX;
  const c = saved.get(name) ?? fail(`There is no connection named “${name}”. Add it on the Connections screen.`);
  return { ...c, secrets: [...(keychain.get(name)?.keys() ?? [])], sandbox: false };
}

export const connectionInfo = info;

export function listConnections(): ConnectionInfo[] {
  return [SANDBOX, ...[...saved.keys()].sort().map(info)];
}

/** The secret names the connection's kind needs and the keychain lacks. */
export function missingSecrets(name: string): string[] {
  const c = info(name);
  if (c.sandbox) return [];
  const kind = KINDS.find((k) => k.kind === c.kind);
  return (kind?.secrets ?? []).filter((s) => !keychain.get(name)?.has(s.key)).map((s) => s.key);
}

function checkUrl(address: string): void {
  const local = /^http:\/\/(localhost|127\.0\.0\.1)(:\d+)?(\/|$)/.test(address);
  if (!local && !/^https:\/\/[^/\s]+/.test(address)) {
    fail(`“${address}” is not an https address. Write it as https://… (plain http only to this computer).`);
  }
}

export function saveConnection(c: NewConnection): ConnectionInfo {
  const name = c.name.trim();
  if (!name) fail("Give the connection a name, like “acme-lms”.");
  if (name === SANDBOX.name) fail("“sandbox” is the name of the built-in emulators; pick another name.");
  if (saved.has(name)) fail(`A connection named “${name}” exists already. Pick another name, or remove the old one first.`);
  const kind = KINDS.find((k) => k.kind === c.kind) ?? fail(`Muster does not know the kind “${c.kind}”.`);
  checkUrl(c.url.trim());
  for (const s of kind.settings) {
    if (s.required && !c.settings[s.key]?.trim()) fail(`${kind.label} connections need “${s.label}”. Fill it in and save again.`);
  }
  for (const s of kind.secrets) {
    if (s.required && !c.secrets[s.key]?.trim()) fail(`Paste the ${s.label.toLowerCase()}: it goes to the keychain, not to Muster's store.`);
  }
  const settings = Object.fromEntries(Object.entries(c.settings).filter(([, v]) => v.trim() !== ""));
  saved.set(name, { name, kind: c.kind, url: c.url.trim(), settings });
  keychain.set(name, new Map(Object.entries(c.secrets).filter(([, v]) => v !== "")));
  return info(name);
}

export function testConnection(name: string): ConnectionTest {
  const c = info(name);
  if (c.sandbox) {
    return sandboxRunning()
      ? { ok: true, message: "The sandbox answers on this computer; every target kind is there." }
      : { ok: false, message: "The sandbox is not running. Start it on the Sandbox screen, or just continue: it starts with the job." };
  }
  const missing = missingSecrets(name);
  if (missing.length > 0) {
    return {
      ok: false,
      message: `The keychain holds no ${missing.join(", ").replace(/_/g, " ")} for “${name}”. Remove the connection and add it again with its secret.`,
    };
  }
  const secrets = [...(keychain.get(name)?.values() ?? [])];
  if (secrets.some((v) => v.includes("expired"))) {
    return {
      ok: false,
      message: `The token was refused (401) by ${c.url}. Paste a new token: remove “${name}” and add it again with a fresh one.`,
    };
  }
  if (c.url.includes("unreachable")) {
    return { ok: false, message: `Could not reach ${c.url} (connection refused). Check the address and your network.` };
  }
  return { ok: true, message: `Connected to ${c.url}; it can create users.` };
}

export function removeConnection(name: string): null {
  if (name === SANDBOX.name) fail("The sandbox is built in and cannot be removed; stop it on the Sandbox screen.");
  if (!saved.delete(name)) fail(`There is no connection named “${name}”.`);
  keychain.delete(name);
  return null;
}
