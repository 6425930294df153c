// The mock shell's Map-template and Review commands (contract.ts: change_mapping …
// save_corrected), answered like the Rust side would.
import { NOT_MINE } from "./notMine";

export function handleReview(cmd: string, payload: Record<string, unknown>): unknown {
  void payload;
  switch (cmd) {
    default:
      return NOT_MINE;
  }
}
