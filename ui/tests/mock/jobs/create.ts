// create_job: checks what the shell checks before it journals anything (the connection,
// its secret, the policy the target allows), starts the sandbox when it is the target.
import type { Commands, CreatedJob } from "../../../src/ipc/contract";
import { rowsOfFile, stats } from "../shell";
import { connectionInfo, KINDS, missingSecrets } from "./connections";
import { sandboxRunning, startSandbox } from "./sandbox";
import { createJob } from "./store";

function fail(message: string): never {
  throw { message };
}

const label = (kind: string) => KINDS.find((k) => k.kind === kind)?.label ?? kind;

/** The file behind the open sheet: the last one the person opened (the shell keeps the path). */
function sourceOf(): { path: string; rows: number } {
  const opened = stats.calls.filter((c) => c.cmd === "open_sheet").at(-1);
  const path = (opened?.args as { path?: string } | undefined)?.path ?? fail("This file was closed. Open it again on the Source step.");
  return { path, rows: rowsOfFile(path) };
}

export function createJobFor(args: Commands["create_job"]["args"]): CreatedJob {
  const kind = /^\s*target\s*=\s*"([a-z0-9]+)"/m.exec(args.profileToml)?.[1] ?? fail("The mapping names no target. Choose one on the Map step.");
  const connection = connectionInfo(args.connection);
  if (!connection.sandbox && connection.kind !== kind) {
    fail(`“${connection.name}” is an ${label(connection.kind)} connection, but the mapping is for ${label(kind)}. Choose a ${label(kind)} connection, or map the columns for ${label(connection.kind)}.`);
  }
  const missing = missingSecrets(connection.name);
  if (missing.length > 0) {
    fail(`The keychain holds no ${missing.join(", ").replace(/_/g, " ")} for “${connection.name}”. Remove the connection and add it again with its secret.`);
  }
  if (kind === "lms" && args.policy === "skip") {
    fail("The LMS cannot skip people who exist already: it creates or updates by identifier. Choose “Update them” and continue.");
  }
  if (connection.sandbox && !sandboxRunning()) startSandbox();
  const source = sourceOf();
  const job = createJob(source.path, connection.name, kind, args.policy, source.rows);
  return { job: job.id, toSend: job.counts.pending, heldBack: job.counts.heldBack };
}
