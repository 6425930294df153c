// A big file answers open_sheet with its first rows while the shell reads the rest in the
// background. This follows it (sheet_info, a few times a second) until it has been read to
// its end, outside any screen, so leaving the Source step does not stop the count. Only
// the sheet opened last is followed.
import type { SheetInfo, UiError } from "../ipc/contract";
import { call, toUiError } from "../ipc/invoke";

const EVERY_MS = 250;

/** The sheet followed now; a new follow (another file opened) ends the one before. */
let current: object | undefined;

export function followSheet(info: SheetInfo, onInfo: (info: SheetInfo) => void, onError: (error: UiError) => void): void {
  const token = {};
  current = token;
  if (info.complete) return;
  const poll = () => {
    if (current !== token) return;
    call("sheet_info", { sheetId: info.sheetId }).then(
      (now) => {
        if (current !== token) return;
        onInfo(now);
        if (!now.complete) window.setTimeout(poll, EVERY_MS);
      },
      (reason: unknown) => {
        if (current === token) onError(toUiError(reason));
      },
    );
  };
  window.setTimeout(poll, EVERY_MS);
}
