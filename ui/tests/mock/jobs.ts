// The mock shell's connection, sandbox and job commands (contract.ts: connection_kinds …
// fix_from_file), answered like the Rust side would.
import { NOT_MINE } from "./notMine";

export function handleJobs(cmd: string, payload: Record<string, unknown>): unknown {
  void payload;
  switch (cmd) {
    default:
      return NOT_MINE;
  }
}
