import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

// Tauri loads the built files from dist/ and, in development, the dev server on a
// fixed port (the shell's tauri.conf.json points at it), so the port must not drift.
export default defineConfig({
  plugins: [react()],
  clearScreen: false,
  server: { port: 5173, strictPort: true },
  build: { target: "es2022", outDir: "dist", chunkSizeWarningLimit: 1200 },
});
