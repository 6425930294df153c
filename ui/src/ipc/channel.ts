// A progress Channel for plan_job and push_job: the shell sends JobProgress through it
// while the command runs; the handler sees each message once, in order.
import { Channel } from "@tauri-apps/api/core";
import type { JobProgress, ProgressChannel } from "./contract";

export function progressChannel(onProgress: (progress: JobProgress) => void): ProgressChannel {
  return new Channel<JobProgress>(onProgress);
}
