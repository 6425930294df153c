import { expect, test, type Page } from "@playwright/test";
import { openApp, shot } from "./helpers";
import { createJob, goTo, setKnobs } from "./jobFlow";

// A 100,000-row file: 100 rows are held back by validation (tests/mock/jobs/people.ts),
// so 99,900 records go to the sandbox's LMS.
const TO_SEND = "99,900";

/** Counts how often the "records done" line changes on screen, from now on. */
async function countDraws(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __draws: number };
    w.__draws = 0;
    new MutationObserver((changes) => {
      if (changes.some((c) => (c.target instanceof Element ? c.target : c.target.parentElement)?.closest('[data-testid="done"]'))) w.__draws += 1;
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
}

const draws = (page: Page) => page.evaluate(() => (window as unknown as { __draws: number }).__draws);
const messagesSent = (page: Page) => page.evaluate(() => (window as unknown as { __musterJobs: { messagesSent: number } }).__musterJobs.messagesSent);

test("a push of 100,000 records floods the window with progress, and Cancel and Resume still answer", async ({ page }) => {
  await openApp(page, "source");
  await page.getByRole("textbox", { name: /type its path/ }).fill("/data/staff-100000.csv");
  await page.getByRole("button", { name: "Open", exact: true }).click();
  await expect(page.getByTestId("sheet-size")).toHaveText("5 columns · 100,000 rows");
  await page.getByRole("button", { name: "Next: map the columns" }).click();
  await page.locator("label", { hasText: /^LMS$/ }).click();
  await expect(page.getByRole("table", { name: "Target fields and their columns" })).toBeVisible();
  await goTo(page, "4. Target");
  // Batches of 100 every few milliseconds, and a progress message for every record: far
  // more than the shell sends (it coalesces), so the window's own drawing is what is tested.
  await setKnobs(page, { batchMs: 4, batchSize: 100, progressEvery: 1 });
  await createJob(page, "sandbox", "Update them");

  const push = page.getByRole("button", { name: `Push ${TO_SEND} records` });
  await expect(push).toBeEnabled({ timeout: 20_000 });
  await countDraws(page);
  const started = Date.now();
  await push.click();
  await expect(page).toHaveURL(/#\/push$/);
  await expect(page.getByTestId("done")).toContainText(/[1-9][\d,]* of 99,900 records/);

  // Cancel while the messages flow: it is handled after the batch in flight, long before
  // the end.
  await page.getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Stopped after the batch in flight" })).toBeVisible();
  const stopped = await page.getByRole("status").filter({ hasText: "Stopped after the batch in flight" }).textContent();
  const notSent = Number(/([\d,]+) records? not sent yet/.exec(stopped ?? "")?.[1]?.replace(/,/g, "") ?? "0");
  expect(notSent).toBeGreaterThan(0);
  await page.screenshot({ path: shot("07-push-100000-cancelled"), animations: "disabled" });

  // Resume goes on to the end: every record has its outcome.
  await page.getByRole("button", { name: "Resume" }).click();
  await expect(page.getByText("The push is done")).toBeVisible({ timeout: 60_000 });
  const elapsed = Date.now() - started;
  await expect(page.getByRole("status").filter({ hasText: "The push is done" })).toContainText(`of ${TO_SEND} records went through`);
  const pending = page.locator('[data-count="pending"]');
  if ((await pending.count()) > 0) await expect(pending).toContainText(/^0 /);

  // About one message per record crossed into the window; it was drawn at most every
  // 50 ms (jobRuns.ts), a few dozen times a second at most, not once per message.
  const sent = await messagesSent(page);
  const drawn = await draws(page);
  expect(sent).toBeGreaterThanOrEqual(99_900);
  expect(drawn).toBeLessThanOrEqual(Math.ceil(elapsed / 50) + 10);
  expect(drawn).toBeLessThan(sent / 20);
  console.log(`push of ${TO_SEND} records: ${sent} progress messages, the counter drawn ${drawn} times in ${(elapsed / 1000).toFixed(1)} s`);
});
