import { expect, test, type Locator, type Page } from "@playwright/test";
import { mockStats, openApp, shot } from "./helpers";

// The mock sheet's mistakes (tests/mock/review.ts): data rows 8 and 22 have the department
// "Vetrieb" (warnings), 15 and 41 an invalid email, 30 an empty first name (errors); the
// header is row 1, so data row i is row i + 2 as the person sees it.
const ROW_HEIGHT = 28;

/** Opens a mock sheet (semicolons), maps it onto SCIM and goes on to Review. */
async function openReview(page: Page, path = "/home/hr/Downloads/mitarbeiter.csv") {
  await openApp(page, "source");
  await page.getByRole("textbox", { name: /type its path/ }).fill(path);
  await page.getByRole("button", { name: "Open", exact: true }).click();
  if (!path.includes("million")) {
    await page.getByRole("combobox", { name: "Delimiter" }).click();
    await page.getByRole("option", { name: /Semicolon/ }).click();
  }
  await expect(page.getByRole("grid").getByRole("columnheader", { name: "E-Mail" })).toBeVisible();
  await page.getByRole("button", { name: "Next: map the columns" }).click();
  await page.locator("label", { hasText: /^SCIM$/ }).click();
  await expect(page.getByRole("table", { name: "Target fields and their columns" })).toBeVisible();
  await page.getByRole("button", { name: "Next: review the records" }).click();
  await expect(page.getByRole("heading", { name: "3. Review" })).toBeVisible();
}

const count = (page: Page, label: string) => page.getByRole("group", { name: "Counts" }).locator(`[data-count="${label}"]`);
const row = (grid: Locator, n: number) => grid.locator(`[data-row-number="${n}"]`);
/** A cell by row number and column position (0 = the first data column). */
const cell = (grid: Locator, n: number, column: number) => row(grid, n).locator(`[data-col="${column}"]`);
const EMAIL = 3;

async function calls(page: Page, cmd: string) {
  return (await mockStats(page)).calls.filter((c) => c.cmd === cmd);
}

test("Review shows the counts, the kinds of problem and the failing cells with their messages", async ({ page }) => {
  await openReview(page);
  await expect(count(page, "Valid")).toContainText("45");
  await expect(count(page, "Invalid")).toContainText("3");
  await expect(count(page, "Skipped")).toContainText("0");
  await expect(count(page, "Errors")).toContainText("3");
  await expect(count(page, "Warnings")).toContainText("2");
  const kinds = page.getByRole("group", { name: /Problems by kind/ });
  await expect(kinds.getByRole("button", { name: /^email_invalid: 2 errors/ })).toContainText('Row 17, column "E-Mail"');
  await expect(kinds.getByRole("button", { name: /^value_not_allowed: 2 warnings/ })).toBeVisible();
  await expect(kinds.getByRole("button", { name: /^required_missing: 1 errors/ })).toBeVisible();

  // The review validated the mapping as Map left it.
  const reviewed = (await calls(page, "review_sheet")).at(-1)?.args as { profileToml: string };
  expect(reviewed.profileToml).toContain('target = "scim"');

  const grid = page.getByRole("grid", { name: /Records under review/ });
  const bad = cell(grid, 17, EMAIL);
  await expect(bad).toHaveAttribute("data-issue", "error");
  await expect(bad).toHaveAttribute("aria-invalid", "true");
  await expect(bad.getByRole("img", { name: "Error" })).toBeVisible();
  await expect(bad).toContainText("lea.yilmaz@example");
  await expect(cell(grid, 10, 4).getByRole("img", { name: "Warning" })).toBeVisible();
  await expect(cell(grid, 16, EMAIL)).not.toHaveAttribute("data-issue");

  // By keyboard: into the grid, down to row 17, right to E-Mail; its message is read out.
  await grid.focus();
  for (let i = 0; i < 15; i++) await page.keyboard.press("ArrowDown");
  for (let i = 0; i < EMAIL; i++) await page.keyboard.press("ArrowRight");
  await expect(bad).toHaveAttribute("data-active", "true");
  await expect(grid).toHaveAttribute("aria-activedescendant", (await bad.getAttribute("id")) ?? "missing");
  const selected = page.getByRole("region", { name: "Selected row" });
  await expect(selected).toContainText("Row 17, E-Mail");
  await expect(selected).toContainText("“lea.yilmaz@example” is not an email address: it has no domain ending");
  await expect(selected).toContainText("(email_invalid)");
  await page.screenshot({ path: shot("04-review") });

  await page.getByRole("button", { name: "Dark mode" }).click();
  await expect(page.locator("html")).toHaveAttribute("data-mantine-color-scheme", "dark");
  await expect(bad.getByRole("img", { name: "Error" })).toBeVisible();
  await page.screenshot({ path: shot("04-review-dark") });
});

test("the switch and a problem kind filter the grid to the rows with problems", async ({ page }) => {
  await openReview(page);
  const grid = page.getByRole("grid", { name: /Records under review/ });
  await expect(row(grid, 2)).toBeVisible();

  await page.getByRole("switch", { name: "Only rows with problems" }).check();
  await expect(grid.locator("[data-row-number]")).toHaveCount(5);
  for (const n of [10, 17, 24, 32, 43]) await expect(row(grid, n)).toBeVisible();
  await expect(row(grid, 2)).toHaveCount(0);
  await expect(page.getByText("5 rows with problems")).toBeVisible();
  await page.screenshot({ path: shot("04-review-problems-only") });

  await page.getByRole("button", { name: /^email_invalid: 2 errors/ }).click();
  await expect(page.getByRole("button", { name: /^email_invalid: 2 errors/ })).toHaveAttribute("aria-pressed", "true");
  await expect(grid.locator("[data-row-number]")).toHaveCount(2);
  await expect(row(grid, 17)).toBeVisible();
  await expect(row(grid, 43)).toBeVisible();
  expect((await calls(page, "review_rows")).at(-1)?.args).toMatchObject({ onlyProblems: true, code: "email_invalid", start: 0 });

  // Back to every row.
  await page.getByRole("button", { name: "Stop showing only email_invalid" }).click();
  await page.getByRole("switch", { name: "Only rows with problems" }).uncheck();
  await expect(row(grid, 2)).toBeVisible();
  expect((await calls(page, "review_rows")).at(-1)?.args).toMatchObject({ onlyProblems: false });
});

test("editing a cell in place fixes the record: its mark goes and the counts change", async ({ page }) => {
  await openReview(page);
  const grid = page.getByRole("grid", { name: /Records under review/ });
  const bad = cell(grid, 17, EMAIL);
  await bad.click();
  await page.keyboard.press("Enter");
  const editor = grid.getByRole("textbox", { name: /Row 17, E-Mail/ });
  await expect(editor).toBeFocused();
  await expect(editor).toHaveValue("lea.yilmaz@example");
  await editor.fill("lea.yilmaz@example.com");
  await page.screenshot({ path: shot("04-review-edit") });
  await page.keyboard.press("Enter");

  await expect(editor).toHaveCount(0);
  await expect(grid).toBeFocused();
  await expect(bad).toContainText("lea.yilmaz@example.com");
  await expect(bad).not.toHaveAttribute("data-issue");
  await expect(bad).toHaveAttribute("data-edited", "");
  await expect(count(page, "Valid")).toContainText("46");
  await expect(count(page, "Invalid")).toContainText("2");
  await expect(count(page, "Edits")).toContainText("1");
  await expect(page.getByRole("button", { name: /^email_invalid: 1 errors/ })).toBeVisible();
  await expect(page.getByRole("region", { name: "Selected row" })).toContainText("No problems in this row.");
  const edits = await calls(page, "edit_cell");
  expect(edits).toHaveLength(1);
  expect(edits[0]?.args).toMatchObject({ index: 15, column: "E-Mail", value: "lea.yilmaz@example.com" });

  // Escape cancels: nothing is sent, the value stays.
  await cell(grid, 32, 1).dblclick();
  const first = grid.getByRole("textbox", { name: /Row 32, Vorname/ });
  await first.fill("Marie");
  await page.keyboard.press("Escape");
  await expect(first).toHaveCount(0);
  await expect(cell(grid, 32, 1)).toHaveAttribute("data-issue", "error");
  expect(await calls(page, "edit_cell")).toHaveLength(1);

  // F2 on the focused cell edits too.
  await page.keyboard.press("F2");
  await grid.getByRole("textbox", { name: /Row 32, Vorname/ }).fill("Marie");
  await page.keyboard.press("Enter");
  await expect(cell(grid, 32, 1)).not.toHaveAttribute("data-issue");
  await expect(count(page, "Invalid")).toContainText("1");
  await expect(page.getByRole("button", { name: /^required_missing/ })).toHaveCount(0);
});

test("find and replace within a column says how many cells it replaced", async ({ page }) => {
  await openReview(page);
  const grid = page.getByRole("grid", { name: /Records under review/ });
  await expect(cell(grid, 10, 4)).toHaveAttribute("data-issue", "warning");
  await page.getByRole("button", { name: "Find and replace…" }).click();
  const dialog = page.getByRole("dialog", { name: "Find and replace…" });
  await dialog.getByRole("combobox", { name: "In column" }).click();
  await dialog.getByRole("option", { name: "Abteilung" }).click();
  await dialog.getByRole("textbox", { name: "Find" }).fill("Vetrieb");
  await dialog.getByRole("textbox", { name: "Replace with" }).fill("Vertrieb");
  await dialog.getByRole("checkbox", { name: /Whole cell only/ }).check();
  await dialog.getByRole("button", { name: "Replace all" }).click();

  await expect(page.getByRole("status").filter({ hasText: "Replaced 2 cells in Abteilung." })).toBeVisible();
  expect((await calls(page, "replace_in_column"))[0]?.args).toMatchObject({ column: "Abteilung", find: "Vetrieb", replace: "Vertrieb", wholeCell: true });
  await expect(count(page, "Warnings")).toContainText("0");
  await expect(page.getByRole("button", { name: /^value_not_allowed/ })).toHaveCount(0);
  await expect(cell(grid, 10, 4)).toHaveText("Vertrieb");
  await expect(cell(grid, 10, 4)).not.toHaveAttribute("data-issue");

  // An empty search is refused in words, inside the dialog.
  await page.getByRole("button", { name: "Find and replace…" }).click();
  await dialog.getByRole("textbox", { name: "Find" }).fill("");
  await dialog.getByRole("button", { name: "Replace all" }).click();
  await expect(dialog.getByRole("alert")).toContainText("Type what to find");
});

test("export issues and save a corrected copy, where the person chose", async ({ page }) => {
  await openReview(page);
  await page.getByRole("button", { name: "Export issues…" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Exported 5 issues to /home/hr/Downloads/mitarbeiter-issues.csv." })).toBeVisible();
  expect((await calls(page, "export_issues"))[0]?.args).toMatchObject({ path: "/home/hr/Downloads/mitarbeiter-issues.csv" });
  const dialog = (await calls(page, "plugin:dialog|save"))[0]?.args as { options: { defaultPath: string } };
  expect(dialog.options.defaultPath).toBe("/home/hr/Downloads/mitarbeiter-issues.csv");

  await page.getByRole("button", { name: "Save corrected copy…" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved 48 rows with your edits to /home/hr/Downloads/mitarbeiter-corrected.csv." })).toBeVisible();

  // A folder it cannot write to: said where it happened, nothing else lost.
  await page.evaluate(() => {
    (window as unknown as { __musterReviewMock: { nextSave: string } }).__musterReviewMock.nextSave = "/read-only/issues.csv";
  });
  await page.getByRole("button", { name: "Export issues…" }).click();
  const alert = page.getByRole("alert");
  await expect(alert).toContainText("The issues were not exported");
  await expect(alert).toContainText("permission denied");
  await expect(alert).toContainText("/read-only/issues.csv");
});

test("an edit of a sheet the shell has closed says so, and keeps the editor open", async ({ page }) => {
  await openReview(page);
  const grid = page.getByRole("grid", { name: /Records under review/ });
  await expect(cell(grid, 17, EMAIL)).toHaveAttribute("data-issue", "error");
  const sheetId = ((await calls(page, "review_sheet")).at(-1)?.args as { sheetId: number }).sheetId;
  // The shell drops the sheet behind the screen's back (as a crash of its reader would).
  await page.evaluate((id) => (window as unknown as { __TAURI_INTERNALS__: { invoke: (c: string, a: unknown) => Promise<unknown> } }).__TAURI_INTERNALS__.invoke("close_sheet", { sheetId: id }), sheetId);

  await cell(grid, 17, EMAIL).dblclick();
  const editor = grid.getByRole("textbox", { name: /Row 17, E-Mail/ });
  await editor.fill("lea.yilmaz@example.com");
  await page.keyboard.press("Enter");
  const alert = page.getByRole("region", { name: "Selected row" }).getByRole("alert");
  await expect(alert).toContainText("The cell was not saved");
  await expect(alert).toContainText("This file was closed");
  await expect(editor).toBeVisible();
  await expect(editor).toHaveValue("lea.yilmaz@example.com");
  await page.keyboard.press("Escape");
  await expect(alert).toHaveCount(0);
});

test("a 1,000,000-row review scrolls to the end, fetching only windows", async ({ page }) => {
  test.setTimeout(60_000);
  await openReview(page, "/data/million.csv");
  await expect(count(page, "Invalid")).toContainText("3,000");
  await expect(count(page, "Warnings")).toContainText("2,000");
  const grid = page.getByRole("grid", { name: /Records under review/ });
  await expect(row(grid, 2)).toBeVisible();

  await grid.evaluate((el, top) => {
    el.scrollTop = top;
  }, 1_000_000 * ROW_HEIGHT);
  await expect(grid.getByRole("rowheader", { name: "1,000,001" })).toBeInViewport();
  // Data row 999,015 has the invalid email of every thousand.
  await grid.evaluate((el, top) => {
    el.scrollTop = top;
  }, 999_010 * ROW_HEIGHT);
  await expect(cell(grid, 999_017, EMAIL)).toHaveAttribute("data-issue", "error");

  expect(await grid.locator('[role="row"]').count()).toBeLessThan(60);
  const windows = await calls(page, "review_rows");
  expect(windows.length).toBeLessThan(20);
  let rows = 0;
  for (const w of windows) {
    const asked = (w.args as { count: number }).count;
    expect(asked).toBeLessThanOrEqual(100);
    rows += asked;
  }
  console.log(`review rows across IPC: at most ${rows} in ${windows.length} review_rows calls`);

  // Ctrl+Home and Ctrl+End from the keyboard.
  await grid.focus();
  await page.keyboard.press("Control+Home");
  await expect(row(grid, 2)).toBeInViewport();
  await page.keyboard.press("Control+End");
  await expect(grid.getByRole("rowheader", { name: "1,000,001" })).toBeInViewport();
  await expect(page.getByRole("region", { name: "Selected row" })).toContainText("Row 1,000,001");
});

test("keyboard reaches Review; without a file it points back to Source", async ({ page }) => {
  await openApp(page, "start");
  const review = page.getByRole("button", { name: "3. Review" });
  await review.focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/#\/review$/);
  // Focus moved to the screen's heading; Tab goes on into the screen.
  await expect(page.getByRole("heading", { name: "3. Review" })).toBeFocused();
  await expect(page.getByText("Open a file first")).toBeVisible();
  await page.keyboard.press("Tab");
  await expect(page.getByRole("button", { name: "Go to Source" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/#\/source$/);
});
