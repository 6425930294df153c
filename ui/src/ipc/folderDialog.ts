// The folder picker (for exports), behind one function like the file picker in dialog.ts;
// the tests mock it as the same `plugin:dialog|open` command.
import { open } from "@tauri-apps/plugin-dialog";
import { CommandError, toUiError } from "./invoke";

/** Asks the person for one folder; null when they cancel. */
export async function pickFolder(title: string): Promise<string | null> {
  try {
    const picked = await open({ multiple: false, directory: true, title });
    return typeof picked === "string" ? picked : null;
  } catch (reason) {
    throw new CommandError("plugin:dialog|open", toUiError(reason));
  }
}
