import { defineConfig } from "@playwright/test";

// Debian's Chromium, not Playwright's download (PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1);
// the flags keep it from reaching for Google's hosts on a closed network.
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
// UI_TEST_PORT lets two checkouts run their tests side by side.
const PORT = Number(process.env.UI_TEST_PORT ?? 5179);

export default defineConfig({
  testDir: "tests",
  testMatch: "*.spec.ts",
  timeout: 30_000,
  expect: { timeout: 7_000 },
  fullyParallel: false,
  // Two cores shared with other builds: one browser at a time is steadier.
  workers: 1,
  retries: 0,
  reporter: [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    viewport: { width: 1280, height: 800 },
    colorScheme: "light",
    launchOptions: {
      executablePath: CHROMIUM,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  webServer: {
    command: `npx vite --host 127.0.0.1 --port ${PORT} --strictPort`,
    url: `http://127.0.0.1:${PORT}/tests/mock/index.html`,
    reuseExistingServer: !process.env.CI,
    timeout: 120_000,
  },
});
