import { expect, test } from "@playwright/test";
import { mockStats, openApp, shot } from "./helpers";
import { SAMPLE } from "./mock/samples";

test("Start lists the recent jobs", async ({ page }) => {
  await openApp(page, "start");
  const table = page.getByRole("table", { name: "Recent imports" });
  await expect(table.getByRole("row")).toHaveCount(4);
  await expect(table).toContainText("personal-2024-05.xlsx");
  await expect(table).toContainText("lms-prod");
  await expect(table).toContainText("finished");
  await expect(table).toContainText("1,180 created");
  // A Windows path shows its file name too.
  await expect(table).toContainText("staff.csv");
  await expect(page.getByTestId("first-run")).toHaveCount(0);
  await page.screenshot({ path: shot("01-start") });
});

test("first run offers the sample with the sandbox preselected", async ({ page }) => {
  await openApp(page, "start", "?firstRun=1");
  const card = page.getByTestId("first-run");
  await expect(card).toContainText("mitarbeiter-excel-de.csv");
  await expect(card).toContainText("Sandbox (preselected)");
  await expect(page.getByText("No imports yet")).toBeVisible();
  await page.screenshot({ path: shot("01-start-first-run") });

  await card.getByRole("button", { name: "Import the sample into the sandbox" }).click();
  await expect(page).toHaveURL(/#\/source$/);
  await expect(page.getByText("Target: sandbox (preselected)")).toBeVisible();
  await expect(page.getByRole("grid")).toBeVisible();
});

test("keyboard reaches every step and tool, each opening its own screen", async ({ page }) => {
  await openApp(page, "start");
  // Every step and tool is built: Enter on each opens its own screen, whose heading takes
  // the focus (Review's keyboard path is in review.spec.ts).
  for (const name of ["4. Target", "5. Plan", "6. Push", "7. Results", "History", "Connections", "Sandbox"]) {
    await page.getByRole("navigation").getByRole("button", { name: new RegExp(`^${name}`) }).focus();
    await page.keyboard.press("Enter");
    await expect(page.getByRole("heading", { level: 2, name, exact: true })).toBeFocused();
  }
});

test("dark mode", async ({ page }) => {
  await openApp(page, "start");
  await page.getByRole("button", { name: "Dark mode" }).click();
  await expect(page.locator("html")).toHaveAttribute("data-mantine-color-scheme", "dark");
  await page.screenshot({ path: shot("01-start-dark") });
});

test("a file named on the command line opens on Source, the sample with its sandbox", async ({ page }) => {
  await openApp(page, "start", `?firstRun=1&open=${encodeURIComponent(SAMPLE)}`);
  await expect(page).toHaveURL(/#\/source$/);
  await expect(page.getByText("Target: sandbox (preselected)")).toBeVisible();
  const opened = (await mockStats(page)).calls.filter((c) => c.cmd === "open_sheet");
  expect(opened).toHaveLength(1);
  expect(opened[0]?.args).toMatchObject({ path: SAMPLE });
  // Back on Start, the file is not opened again.
  await page.getByRole("navigation").getByRole("button", { name: "Start" }).click();
  await expect(page.getByRole("heading", { level: 2, name: "Start" })).toBeVisible();
  await expect(page).toHaveURL(/#\/start$/);
});
