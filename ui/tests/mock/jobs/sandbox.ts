// The mock's built-in emulators: they start and stop, and count the users they hold
// (a few people exist before any push, so a plan shows updates as well as creates).
import type { Emulator, SandboxStatus } from "../../../src/ipc/contract";

const EMULATORS: Omit<Emulator, "users">[] = [
  { kind: "lms", label: "LMS", url: "http://127.0.0.1:47801" },
  { kind: "auth0", label: "Auth0", url: "http://127.0.0.1:47802" },
  { kind: "authgear", label: "Authgear", url: "http://127.0.0.1:47803" },
  { kind: "scim", label: "SCIM", url: "http://127.0.0.1:47804/scim/v2" },
  { kind: "rest", label: "REST API", url: "http://127.0.0.1:47805/api" },
  { kind: "hris", label: "HRIS (source)", url: "http://127.0.0.1:47806" },
];
/** Users each emulator is seeded with when it starts. */
const SEEDED = 7;

let running = false;
const users = new Map<string, number>();

export function sandboxStatus(): SandboxStatus {
  return {
    running,
    emulators: running ? EMULATORS.map((e) => ({ ...e, users: users.get(e.kind) ?? 0 })) : [],
  };
}

export function startSandbox(): SandboxStatus {
  if (!running) {
    running = true;
    // The emulators keep their users in memory: a fresh start is a fresh seed.
    for (const e of EMULATORS) users.set(e.kind, SEEDED);
  }
  return sandboxStatus();
}

export function stopSandbox(): SandboxStatus {
  running = false;
  users.clear();
  return sandboxStatus();
}

export const sandboxRunning = () => running;

/** A push to the sandbox created users in the emulator of `kind`. */
export function addSandboxUsers(kind: string, count: number): void {
  if (running) users.set(kind, (users.get(kind) ?? 0) + count);
}
