// How a connection is described to the person: its kind in words, and which secrets the
// keychain holds for it (names only: a secret is never shown again once saved).
import type { ConnectionInfo, ConnectionKind } from "../../ipc/contract";

export function secretWords(connection: ConnectionInfo): string {
  if (connection.sandbox) return "no secret needed";
  if (connection.secrets.length === 0) return "no secret in the keychain";
  const names = connection.secrets.map((s) => s.replace(/_/g, " "));
  return `${names.join(", ")} saved in the keychain`;
}

export function kindLabel(kinds: ConnectionKind[] | undefined, kind: string): string {
  if (kind === "sandbox") return "Every kind";
  return kinds?.find((k) => k.kind === kind)?.label ?? kind;
}
