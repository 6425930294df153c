import { expect, test, type Locator } from "@playwright/test";
import { holdReading, mockStats, openApp, shot } from "./helpers";

const ROW_HEIGHT = 28;

async function scrollToRow(grid: Locator, index: number) {
  await grid.evaluate((el, top) => {
    el.scrollTop = top;
  }, index * ROW_HEIGHT);
}

test("a 1,000,000-row sheet shows its first rows while it is counted, then scrolls to the end and back fetching only windows", async ({ page }) => {
  await openApp(page, "source");
  // The shell answers after the first 1,000 rows and reads the rest in the background:
  // held here, so the screen can be seen before the count is known.
  await holdReading(page, true);
  await page.getByRole("textbox", { name: /type its path/ }).fill("/data/million.csv");
  await page.getByRole("button", { name: "Open", exact: true }).click();
  const grid = page.getByRole("grid");
  await expect(grid.locator('[data-row-number="2"]')).toBeVisible();
  await expect(grid.locator('[data-row-number="2"]')).toContainText("felix.braun0@example.com");
  await expect(page.getByTestId("sheet-size")).toHaveText("5 columns · 1,000 rows so far (counting…)");
  await expect(page.getByText("1,000 rows so far (counting…) · numbers as in the file")).toBeVisible();
  // The rows read so far scroll already: the last of them is row 1,001.
  await scrollToRow(grid, 1_000);
  await expect(grid.getByRole("rowheader", { name: "1,001" })).toBeInViewport();
  await page.screenshot({ path: shot("02-source-million-rows-counting") });

  // The rest is read: the count is known and the grid grows to it.
  await holdReading(page, false);
  await expect(page.getByTestId("sheet-size")).toHaveText("5 columns · 1,000,000 rows");
  await expect(page.getByText("1,000,000 rows · numbers as in the file")).toBeVisible();

  // The middle: data row 500,000 is row 500,002 in the file (header in row 1).
  await scrollToRow(grid, 500_000);
  await expect(grid.locator('[data-row-number="500002"]')).toBeVisible();
  await expect(grid.locator('[data-row-number="500002"]')).toContainText("510000");
  await expect(grid.getByRole("rowheader", { name: "500,002" })).toBeVisible();

  // The end: the last row, 1,000,001, is on screen.
  await scrollToRow(grid, 1_000_000);
  await expect(grid.locator('[data-row-number="1000001"]')).toBeVisible();
  await expect(grid.getByRole("rowheader", { name: "1,000,001" })).toBeInViewport();
  await page.screenshot({ path: shot("02-source-million-rows-end") });

  // And back to the top, by keyboard from the focused grid.
  await grid.focus();
  await page.keyboard.press("Control+Home");
  await expect(grid.locator('[data-row-number="2"]')).toBeInViewport();

  // Only the DOM rows on screen exist, and a few windows' worth of rows crossed IPC: at
  // most 2,000 of the 1,000,000 (the mock counts every row it answers with).
  expect(await grid.locator('[role="row"]').count()).toBeLessThan(60);
  const stats = await mockStats(page);
  const fetches = stats.calls.filter((c) => c.cmd === "sheet_rows").length;
  const looks = stats.calls.filter((c) => c.cmd === "sheet_info").length;
  expect(stats.rowsReturned).toBeLessThanOrEqual(2_000);
  expect(stats.rowsReturned).toBeGreaterThan(0);
  console.log(`rows across IPC: ${stats.rowsReturned} of 1,000,000 in ${fetches} sheet_rows calls; ${looks} sheet_info calls while counting`);
});
