import { expect, type Page } from "@playwright/test";

/**
 * Where a screenshot goes: the repo's docs/screenshots (tests run from ui/) when
 * UPDATE_SCREENSHOTS=1, else test-results/screenshots, so that an ordinary test run leaves
 * the committed pictures alone (fonts render a pixel differently from run to run).
 */
export const shot = (name: string) =>
  process.env.UPDATE_SCREENSHOTS === "1"
    ? `../docs/screenshots/${name}.png`
    : `test-results/screenshots/${name}.png`;

/** Opens the app with the mocked shell on a screen (#/start, #/source …). */
export async function openApp(page: Page, route = "start", query = ""): Promise<void> {
  await page.goto(`/tests/mock/index.html${query}#/${route}`);
  await expect(page.getByRole("heading", { level: 2 }).first()).toBeVisible();
}

export interface MockStats {
  calls: { cmd: string; args: unknown }[];
  rowsReturned: number;
  readingHeld: boolean;
  nextPick: string | null;
}

export function mockStats(page: Page): Promise<MockStats> {
  return page.evaluate(() => (window as unknown as { __musterMock: MockStats }).__musterMock);
}

/** Holds (or lets go on) the mock shell's background reading of a big file. */
export async function holdReading(page: Page, held: boolean): Promise<void> {
  await page.evaluate((h) => {
    (window as unknown as { __musterMock: MockStats }).__musterMock.readingHeld = h;
  }, held);
}

export async function setNextPick(page: Page, path: string | null): Promise<void> {
  await page.evaluate((p) => {
    (window as unknown as { __musterMock: MockStats }).__musterMock.nextPick = p;
  }, path);
}
