// The one door to the shell: typed by the contract, and every failure becomes a
// CommandError carrying the shell's UiError words, so screens never see a raw value
// (a serde string, a JS TypeError, a stack) and can show `error.message` as it is.
import { invoke } from "@tauri-apps/api/core";
import type { CommandName, Commands, UiError } from "./contract";

/** A rejected command, as a thrown Error that is also a UiError (message, file, row, column). */
export class CommandError extends Error implements UiError {
  readonly command: string;
  readonly file?: string;
  readonly row?: number;
  readonly column?: string;

  constructor(command: string, error: UiError) {
    super(error.message);
    this.name = "CommandError";
    this.command = command;
    if (error.file !== undefined) this.file = error.file;
    if (error.row !== undefined) this.row = error.row;
    if (error.column !== undefined) this.column = error.column;
  }
}

/** Whatever the shell (or the bridge) rejected with, in the UiError shape. */
export function toUiError(reason: unknown): UiError {
  if (typeof reason === "string" && reason.trim() !== "") return { message: reason };
  if (typeof reason === "object" && reason !== null) {
    const r = reason as Record<string, unknown>;
    if (typeof r.message === "string" && r.message.trim() !== "") {
      const e: UiError = { message: r.message };
      if (typeof r.file === "string") e.file = r.file;
      if (typeof r.row === "number") e.row = r.row;
      if (typeof r.column === "string") e.column = r.column;
      return e;
    }
  }
  // Nothing readable came back: say so in words rather than print "[object Object]".
  return { message: "The app did not answer as expected. Try again; if it happens again, restart Muster." };
}

/** Calls a shell command; answers its typed result or throws a CommandError. */
export async function call<K extends CommandName>(
  name: K,
  args: Commands[K]["args"],
): Promise<Commands[K]["answer"]> {
  try {
    return await invoke<Commands[K]["answer"]>(name, args);
  } catch (reason) {
    throw new CommandError(name, toUiError(reason));
  }
}

/** The words to show for any caught value (screens catch `unknown`). */
export function errorMessage(reason: unknown): string {
  return reason instanceof CommandError ? reason.message : toUiError(reason).message;
}
