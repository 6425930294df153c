// Installs mockIPC before the app's first invoke, then loads the app unchanged.
import { emit } from "@tauri-apps/api/event";
import { mockIPC } from "@tauri-apps/api/mocks";
import { handle, stats } from "./shell";
import { seedJobs } from "./jobs/store";

declare global {
  interface Window {
    __musterMock: typeof stats;
    /** What Tauri emits when files are dropped onto the window. */
    __musterDrop: (paths: string[]) => Promise<void>;
  }
}

window.__musterMock = stats;
// `?firstRun=1`: an empty store, as on the first start of the app; else three older jobs.
if (new URLSearchParams(window.location.search).get("firstRun") !== "1") seedJobs();
// shouldMockEvents: the drop listener (`tauri://drag-drop`) gets a working event bus.
mockIPC((cmd, payload) => handle(cmd, payload as Record<string, unknown> | undefined), {
  shouldMockEvents: true,
});
window.__musterDrop = (paths) => emit("tauri://drag-drop", { paths, position: { x: 400, y: 300 } });
await import("../../src/main");
