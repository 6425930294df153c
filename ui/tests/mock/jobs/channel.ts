// Sends a command's progress through the Channel it was given, as the Rust side does:
// numbered messages to the channel's callback, then an end marker. The mock IPC hands
// the Channel object itself (the real bridge serializes it to "__CHANNEL__:<id>").
import { knobs } from "./run";

interface TauriInternals {
  runCallback?: (id: number, data: unknown) => void;
}

function internals(): TauriInternals {
  return (window as unknown as { __TAURI_INTERNALS__?: TauriInternals }).__TAURI_INTERNALS__ ?? {};
}

function callbackId(channel: unknown): number | undefined {
  if (typeof channel === "string" && channel.startsWith("__CHANNEL__:")) return Number(channel.slice(12));
  if (typeof channel === "object" && channel !== null && typeof (channel as { id?: unknown }).id === "number") {
    return (channel as { id: number }).id;
  }
  return undefined;
}

/** One sender per command run: it numbers the messages so the Channel keeps them in order. */
export class ProgressSender<T> {
  private index = 0;
  private readonly id: number | undefined;
  private readonly direct: ((message: T) => void) | undefined;

  constructor(channel: unknown) {
    this.id = callbackId(channel);
    const handler = (channel as { onmessage?: unknown } | null)?.onmessage;
    this.direct = typeof handler === "function" ? (handler as (message: T) => void) : undefined;
    if (this.id === undefined && !this.direct) {
      throw { message: "The command was given no progress channel." };
    }
  }

  send(message: T): void {
    knobs.messagesSent += 1;
    const run = internals().runCallback;
    if (this.id !== undefined && run) run(this.id, { index: this.index++, message });
    else this.direct?.(message);
  }

  end(): void {
    const run = internals().runCallback;
    if (this.id !== undefined && run) run(this.id, { index: this.index++, end: true });
  }
}
