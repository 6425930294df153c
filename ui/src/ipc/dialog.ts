// The file pickers, behind one function each so the screens do not depend on the
// plugin's option shapes, and the tests mock them like any command (`plugin:dialog|open`,
// `plugin:dialog|save`).
import { open, save } from "@tauri-apps/plugin-dialog";
import { CommandError, toUiError } from "./invoke";

/** The sheet formats the reader knows (see SheetInfo.format). */
const SHEET_EXTENSIONS = ["csv", "tsv", "txt", "xlsx", "xls", "xlsb", "ods", "json", "ndjson"];

/** Asks the person for one sheet file; null when they cancel. */
export async function pickSheetFile(): Promise<string | null> {
  try {
    const picked = await open({
      multiple: false,
      directory: false,
      title: "Choose the people file",
      filters: [{ name: "Sheets", extensions: SHEET_EXTENSIONS }],
    });
    return typeof picked === "string" ? picked : null;
  } catch (reason) {
    throw new CommandError("plugin:dialog|open", toUiError(reason));
  }
}

/** Asks where to save a CSV file, suggesting `defaultPath`; null when they cancel. */
export async function pickSavePath(title: string, defaultPath: string): Promise<string | null> {
  try {
    const picked = await save({ title, defaultPath, filters: [{ name: "CSV", extensions: ["csv"] }] });
    return typeof picked === "string" ? picked : null;
  } catch (reason) {
    throw new CommandError("plugin:dialog|save", toUiError(reason));
  }
}
