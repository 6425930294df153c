import { expect, test, type Locator } from "@playwright/test";
import { mockStats, openApp, shot } from "./helpers";

const ROW_HEIGHT = 28;

async function scrollToRow(grid: Locator, index: number) {
  await grid.evaluate((el, top) => {
    el.scrollTop = top;
  }, index * ROW_HEIGHT);
}

test("a 1,000,000-row sheet scrolls to the middle and the end, fetching only windows", async ({ page }) => {
  await openApp(page, "source");
  await page.getByRole("textbox", { name: /type its path/ }).fill("/data/million.csv");
  await page.getByRole("button", { name: "Open", exact: true }).click();
  const grid = page.getByRole("grid");
  await expect(grid.locator('[data-row-number="2"]')).toBeVisible();

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

  // Only the DOM rows on screen exist, and few rows crossed IPC.
  expect(await grid.locator('[role="row"]').count()).toBeLessThan(60);
  const stats = await mockStats(page);
  const fetches = stats.calls.filter((c) => c.cmd === "sheet_rows").length;
  expect(stats.rowsReturned).toBeLessThan(2_000);
  console.log(`rows across IPC: ${stats.rowsReturned} in ${fetches} sheet_rows calls`);

  // Scrolling by keyboard works from the focused grid.
  await grid.focus();
  await page.keyboard.press("Control+Home");
  await expect(grid.locator('[data-row-number="2"]')).toBeVisible();
});
