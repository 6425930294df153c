// Files dropped onto the window: Tauri takes the drop itself (the webview's HTML drop
// event has no paths) and emits `tauri://drag-drop` with the paths.
import { listen } from "@tauri-apps/api/event";

interface DragDropPayload {
  paths?: string[];
}

/** Calls onPath with the first dropped path; answers the function that stops listening. */
export function onFileDrop(onPath: (path: string) => void): () => void {
  let stop: (() => void) | undefined;
  let stopped = false;
  listen<DragDropPayload>("tauri://drag-drop", (event) => {
    const first = event.payload.paths?.[0];
    if (first) onPath(first);
  }).then(
    (unlisten) => (stopped ? unlisten() : (stop = unlisten)),
    // Outside the shell (e.g. a plain browser) there are no events: typing the path still works.
    () => undefined,
  );
  return () => {
    stopped = true;
    stop?.();
  };
}
