import { expect, test } from "@playwright/test";
import { mockStats, openApp, setNextPick, shot } from "./helpers";

test("Source shows every guess, and a changed delimiter re-opens the sheet", async ({ page }) => {
  await openApp(page, "source");
  await page.getByRole("button", { name: "Choose file…" }).click();
  const grid = page.getByRole("grid");
  await expect(grid).toBeVisible();

  // The reader's guesses are marked; the (wrong) comma gives one column.
  await expect(page.getByTestId("guessed-Encoding")).toBeVisible();
  await expect(page.getByTestId("guessed-Delimiter")).toBeVisible();
  await expect(page.getByTestId("guessed-Header row")).toBeVisible();
  await expect(page.getByText("the delimiter may be wrong")).toBeVisible();
  await expect(grid.getByRole("columnheader")).toHaveCount(2);

  await page.getByRole("combobox", { name: "Delimiter" }).click();
  await page.getByRole("option", { name: /Semicolon/ }).click();

  await expect(grid.getByRole("columnheader")).toHaveCount(6);
  await expect(grid.getByRole("columnheader", { name: "E-Mail" })).toBeVisible();
  await expect(page.getByTestId("guessed-Delimiter")).toHaveCount(0);
  await expect(page.getByTestId("guessed-Encoding")).toBeVisible();
  // Data starts below the header row: the first row the person sees is row 2.
  await expect(grid.locator('[data-row-number="2"]')).toContainText("felix.braun0@example.com");
  await expect(page.getByText("Row 17, column E-Mail:")).toBeVisible();

  const opens = (await mockStats(page)).calls.filter((c) => c.cmd === "open_sheet");
  expect(opens).toHaveLength(2);
  expect(opens[1]?.args).toMatchObject({ path: "/home/hr/Downloads/mitarbeiter.csv", options: { delimiter: ";" } });
  // The first sheet was released when the second replaced it.
  expect((await mockStats(page)).calls.some((c) => c.cmd === "close_sheet")).toBe(true);
  await page.screenshot({ path: shot("02-source") });
});

test("a file that cannot be opened says why, next to the picker", async ({ page }) => {
  await openApp(page, "source");
  await setNextPick(page, "/home/hr/Downloads/broken.pdf");
  await page.getByRole("button", { name: "Choose file…" }).click();
  const alert = page.getByRole("alert");
  await expect(alert).toContainText("This file could not be opened");
  await expect(alert).toContainText("it looks like a PDF");
  await expect(alert).toContainText("/home/hr/Downloads/broken.pdf");
  await expect(alert).not.toContainText("Error:");
  await expect(alert).not.toContainText(/at \S+ \(/);
  await expect(page.getByRole("grid")).toHaveCount(0);
  await page.screenshot({ path: shot("02-source-error") });
});

test("a typed path opens too", async ({ page }) => {
  await openApp(page, "source");
  await page.getByRole("textbox", { name: /type its path/ }).fill("/data/million.csv");
  await page.getByRole("button", { name: "Open", exact: true }).click();
  await expect(page.getByText("1,000,000 rows").first()).toBeVisible();
});

test("a file dropped onto the window is opened", async ({ page }) => {
  await openApp(page, "source");
  // The mock page's stand-in for Tauri's drop event (tests/mock/entry.ts).
  await page.evaluate(() =>
    (window as unknown as { __musterDrop: (paths: string[]) => Promise<void> }).__musterDrop(["/home/hr/Desktop/dropped.csv"]),
  );
  await expect(page.getByRole("grid")).toBeVisible();
  const opens = (await mockStats(page)).calls.filter((c) => c.cmd === "open_sheet");
  expect(opens).toHaveLength(1);
  expect(opens[0]?.args).toMatchObject({ path: "/home/hr/Desktop/dropped.csv" });
  await expect(page.getByText("dropped.csv").first()).toBeVisible();
});
