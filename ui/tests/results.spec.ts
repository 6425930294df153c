import { expect, test, type Page } from "@playwright/test";
import { openApp, setNextPick, shot } from "./helpers";
import { callsOf, createJob, mapFile, setKnobs } from "./jobFlow";

/** History → the results of job `id` (the shell's seeded jobs: #12 finished with 6 failures). */
async function openResults(page: Page, id: number) {
  await openApp(page, "history");
  await page.getByRole("button", { name: `Open the results of job ${id}` }).click();
  await expect(page.getByRole("heading", { level: 2, name: "7. Results" })).toBeVisible();
}

const filter = (page: Page, label: RegExp) => page.locator("label", { hasText: label }).click();

test("a long job's records come in windows; the failures carry the target's words", async ({ page }) => {
  await openResults(page, 12);
  const grid = page.getByRole("grid");
  await expect(grid).toHaveAttribute("aria-label", /^Records: 1,250\./);
  await expect(grid.locator('[data-row-number="2"]')).toContainText("felix.braun0@example.com");
  await expect(grid.locator('[data-row-number="2"]')).toContainText("created");
  // Only the pages around the view were asked for, never the whole job.
  let windows = await callsOf(page, "job_records");
  expect(windows.every((w) => w.count === 100 && w.jobId === 12)).toBe(true);
  expect(windows.length).toBeLessThanOrEqual(2);

  // Scrolling to the end fetches the last page, not what lies between.
  await grid.evaluate((el) => (el.scrollTop = el.scrollHeight));
  await expect(grid.locator('[data-row-number="1251"]')).toBeVisible();
  windows = await callsOf(page, "job_records");
  expect(windows.some((w) => w.start === 1200)).toBe(true);
  expect(windows.some((w) => w.start === 600)).toBe(false);

  await filter(page, /^Failed 6$/);
  await expect(grid).toHaveAttribute("aria-label", /^Records: 6 failed\./);
  await expect(grid.getByRole("row")).toHaveCount(7);
  const timeout = grid.locator('[data-row-number="9"]');
  await expect(timeout).toContainText("503");
  await expect(timeout).toContainText("did not answer in time");
  const conflict = grid.locator('[data-row-number="11"]');
  await expect(conflict).toContainText("409");
  await expect(conflict).toContainText("A user with employee number 10009 already exists with another email");
  expect((await callsOf(page, "job_records")).at(-1)).toMatchObject({ jobId: 12, outcome: "failed", start: 0 });
  // The counts are on the filter.
  await expect(page.locator("label", { hasText: /^Created 1,180$/ })).toBeVisible();
  await expect(page.locator("label", { hasText: /^All 1,250$/ })).toBeVisible();
  await page.screenshot({ path: shot("08-results"), animations: "disabled" });

  // Keyboard: the grid takes focus, and the arrows and End move the active cell.
  await grid.focus();
  await expect(grid).toBeFocused();
  const active = grid.locator("[data-active]");
  await expect(active).toContainText("marie.braun7@example.com");
  await page.keyboard.press("ArrowDown");
  await expect(active).toContainText("anna.schmidt9@example.com");
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("ArrowRight");
  await expect(active).toHaveText("409");
  await page.keyboard.press("End");
  await expect(active).toHaveAttribute("aria-colindex", "7");
  await expect(grid.locator('[data-active-row] [role="rowheader"]')).toHaveText("11");
});

test("exports write the files the shell names, into the folder picked", async ({ page }) => {
  await openResults(page, 12);
  await setNextPick(page, "/home/hr/Exports");
  await page.getByRole("button", { name: "Export results" }).click();
  const written = page.getByTestId("exported");
  await expect(written).toContainText("1,250 records with their outcomes written to");
  await expect(written).toContainText("/home/hr/Exports/job-12-results.csv");
  await expect(written).toContainText("/home/hr/Exports/job-12-results.xlsx");
  expect(await callsOf(page, "export_results")).toEqual([{ jobId: 12, dir: "/home/hr/Exports" }]);
  const picks = await callsOf(page, "plugin:dialog|open");
  expect((picks.at(-1)?.options as { directory?: boolean }).directory).toBe(true);

  await page.getByRole("button", { name: "Export failed rows" }).click();
  await expect(written).toContainText("6 failed and held-back rows");
  await expect(written).toContainText("/home/hr/Exports/job-12-failed-rows.csv");
  expect(await callsOf(page, "export_failed")).toEqual([{ jobId: 12, dir: "/home/hr/Exports" }]);

  // Cancelling the folder dialog exports nothing.
  await setNextPick(page, null);
  await page.getByRole("button", { name: "Export results" }).click();
  await expect(written).toHaveCount(0);
  expect(await callsOf(page, "export_results")).toHaveLength(1);

  // A folder the shell may not write into: its words, no file.
  await setNextPick(page, "/readonly/share");
  await page.getByRole("button", { name: "Export failed rows" }).click();
  const alert = page.getByRole("alert");
  await expect(alert).toContainText("Nothing was exported");
  await expect(alert).toContainText("Muster may not write into /readonly/share");
});

test("Fix and retry: edited cells go back, rows still invalid say why, the fixed one is sent", async ({ page }) => {
  await mapFile(page, "SCIM");
  await setKnobs(page, { batchMs: 20 });
  await createJob(page, "scim-staging", "Update them");
  await page.getByRole("button", { name: "Push 47 records" }).click();
  await expect(page.getByText("The push is done")).toBeVisible({ timeout: 15_000 });
  await page.getByRole("button", { name: "See results" }).click();
  await expect(page.locator("label", { hasText: /^Held back 1$/ })).toBeVisible();

  await page.getByRole("button", { name: "Fix and retry" }).click();
  const editor = page.getByRole("table", { name: "Failed rows to fix" });
  await expect(editor.getByRole("row")).toHaveCount(8);
  const held = editor.locator('[data-row="17"]');
  await expect(held).toContainText("has no domain ending");
  await expect(editor.locator('[data-row="11"]')).toContainText("A user with employee number 10009");
  await expect(page.getByRole("button", { name: "Send 0 corrected rows" })).toBeDisabled();

  await held.getByRole("textbox", { name: "Row 17, E-Mail" }).fill("marie.schmidt@example.com");
  await editor.getByRole("textbox", { name: "Row 11, E-Mail" }).fill("anna.neu@example");
  await expect(held.getByRole("textbox", { name: "Row 17, E-Mail" })).toHaveAttribute("data-edited", "true");
  await page.screenshot({ path: shot("08-results-fix"), animations: "disabled" });
  await page.getByRole("button", { name: "Send 2 corrected rows" }).click();

  const fixes = await callsOf(page, "fix_records");
  expect(fixes).toEqual([
    {
      jobId: 13,
      fixes: [
        {
          sourceRow: 11,
          cells: { Personalnummer: "10009", Vorname: "Anna", Nachname: "Schmidt", "E-Mail": "anna.neu@example", Abteilung: "Lager" },
        },
        {
          sourceRow: 17,
          cells: { Personalnummer: "10015", Vorname: "Marie", Nachname: "Schmidt", "E-Mail": "marie.schmidt@example.com", Abteilung: "Vertrieb" },
        },
      ],
    },
  ]);
  const outcome = page.getByTestId("fix-outcome");
  await expect(outcome).toContainText("1 record queued to send");
  await expect(outcome).toContainText("Row 11, column “E-Mail”: “anna.neu@example” has no domain ending");
  // The queued row left the table; the one still invalid stays, with the new reason and the edit.
  await expect(editor.locator('[data-row="17"]')).toHaveCount(0);
  await expect(editor.locator('[data-row="11"]')).toContainText("“anna.neu@example” has no domain ending");
  await expect(editor.getByRole("textbox", { name: "Row 11, E-Mail" })).toHaveValue("anna.neu@example");

  await outcome.getByRole("button", { name: "Push the fixed record" }).click();
  await expect(page).toHaveURL(/#\/push$/);
  await expect(page.getByText("The push is done")).toBeVisible({ timeout: 15_000 });
  await expect(page.locator('[data-count="heldBack"]')).toContainText("0 held back");
  await expect(page.locator('[data-count="created"]')).toContainText("36 created");
});

test("Retry failed sends the failed records again as they are", async ({ page }) => {
  await openResults(page, 12);
  await page.getByRole("button", { name: "Retry failed" }).click();
  await expect(page).toHaveURL(/#\/push$/);
  await expect(page.getByText("The push is done")).toBeVisible({ timeout: 15_000 });
  expect(await callsOf(page, "retry_failed")).toEqual([{ jobId: 12 }]);
  expect((await callsOf(page, "push_job")).map((a) => a.jobId)).toEqual([12]);
  // The timeouts went through; the two conflicts need a correction.
  await expect(page.locator('[data-count="failed"]')).toContainText("2 failed");
  await page.getByRole("button", { name: "See results" }).click();
  await filter(page, /^Failed 2$/);
  await expect(page.getByRole("grid").locator('[data-row-number="11"]')).toContainText("2");
});

test("Retry from a fixed file queues the corrected rows; a wrong file says why", async ({ page }) => {
  await openResults(page, 12);
  await setNextPick(page, "/home/hr/Exports/broken-export.csv");
  await page.getByRole("button", { name: "Retry from a fixed file" }).click();
  await expect(page.getByRole("alert")).toContainText("Nothing was retried");
  await expect(page.getByRole("alert")).toContainText("Use the file “Export failed rows” wrote");

  await setNextPick(page, "/home/hr/Exports/job-12-failed-rows.csv");
  await page.getByRole("button", { name: "Retry from a fixed file" }).click();
  const outcome = page.getByTestId("fix-outcome");
  await expect(outcome).toContainText("6 records queued to send");
  expect((await callsOf(page, "fix_from_file")).at(-1)).toEqual({ jobId: 12, path: "/home/hr/Exports/job-12-failed-rows.csv" });
  await outcome.getByRole("button", { name: "Push 6 fixed records" }).click();
  await expect(page.getByText("The push is done")).toBeVisible({ timeout: 15_000 });
  await expect(page.locator('[data-count="failed"]')).toContainText("0 failed");
});

test("Results without a job point to History", async ({ page }) => {
  await openApp(page, "results");
  await expect(page.getByText("No job chosen yet")).toBeVisible();
  expect(await callsOf(page, "job_records")).toHaveLength(0);
});
