import { expect, test } from "@playwright/test";
import { openApp, shot } from "./helpers";
import { callsOf, createJob, mapFile, setKnobs } from "./jobFlow";

// The mock's 48 people (tests/mock/jobs/people.ts): row 17 is held back by validation;
// 7 exist at the target, 4 of them with the same values; 6 fail on the first push
// (4 time out once, 2 conflict until corrected).

test("Plan shows what a push would do; the push runs with progress to its summary", async ({ page }) => {
  await mapFile(page, "SCIM");
  await setKnobs(page, { batchMs: 250 });
  await createJob(page, "scim-staging", "Update them");

  // While looking up: a progress bar, and nothing sent.
  await expect(page.getByText(/Looking up \d+ of 47 records at the target/)).toBeVisible();
  await expect(page.getByRole("progressbar", { name: "Looked up so far" })).toBeVisible();
  await expect(page.getByText("Nothing has been sent yet")).toBeVisible();
  await expect(page.getByRole("button", { name: "Push 47 records" })).toBeDisabled();

  const create = page.locator('[data-expected="create"]');
  await expect(create).toContainText("40Will be created");
  await expect(page.locator('[data-expected="update"]')).toContainText("3Will be updated");
  await expect(page.locator('[data-expected="unchanged"]')).toContainText("4Unchanged");
  await expect(page.locator('[data-expected="skip"]')).toHaveCount(0);
  // Examples: the row as in the file, the identifier, and the target's id for a match.
  await expect(create.getByRole("row", { name: /^2 felix\.braun0@example\.com/ })).toBeVisible();
  await expect(page.locator('[data-expected="update"]')).toContainText("c0ffee00-0010");
  await expect(page.getByTestId("held-back")).toContainText("1 record held back by validation");
  await expect(page.getByRole("progressbar")).toHaveCount(0);
  await page.screenshot({ path: shot("06-plan"), animations: "disabled" });

  const plan = await callsOf(page, "plan_job");
  expect(plan).toHaveLength(1);
  expect(plan[0]?.jobId).toBe(13);
  // The Channel itself went to the shell (mockIPC passes the object; the real bridge its id).
  expect(typeof (plan[0]?.onProgress as { id?: unknown }).id).toBe("number");

  await page.getByRole("button", { name: "Push 47 records" }).click();
  await expect(page).toHaveURL(/#\/push$/);
  await expect(page.getByRole("button", { name: "Cancel" })).toBeVisible();
  await expect(page.getByTestId("done")).toContainText(/[1-9]\d* of 47 records/);
  await expect(page.getByTestId("rate")).toContainText("records/s");
  await expect(page.getByTestId("time-left")).toContainText("about");
  await page.screenshot({ path: shot("07-push"), animations: "disabled" });

  await expect(page.getByText("The push is done")).toBeVisible({ timeout: 15_000 });
  await expect(page.getByRole("status").filter({ hasText: "The push is done" })).toContainText(
    "41 of 47 records went through; 6 failed",
  );
  await expect(page.locator('[data-count="created"]')).toContainText("35 created");
  await expect(page.locator('[data-count="failed"]')).toContainText("6 failed");
  expect(await callsOf(page, "push_job")).toHaveLength(1);
  await page.getByRole("button", { name: "See results" }).click();
  await expect(page).toHaveURL(/#\/results$/);
});

test("Cancel stops after the batch in flight, and Resume carries on", async ({ page }) => {
  await mapFile(page, "SCIM");
  await createJob(page, "scim-staging", "Skip them");
  await expect(page.locator('[data-expected="skip"]')).toContainText("7Will be skipped");
  await setKnobs(page, { batchMs: 400 });
  await page.getByRole("button", { name: "Push 47 records" }).click();
  await expect(page.getByTestId("done")).toContainText(/[1-9]\d* of 47/);
  await page.getByRole("button", { name: "Cancel" }).click();

  await expect(page.getByText("Stopped after the batch in flight")).toBeVisible();
  await expect(page.getByText(/\d+ records not sent yet/)).toBeVisible();
  expect(await callsOf(page, "cancel_job")).toEqual([{ jobId: 13 }]);
  const stillToSend = Number(await page.locator('[data-count="pending"]').innerText().then((t) => t.split(" ")[0]));
  expect(stillToSend).toBeGreaterThan(0);
  expect(stillToSend).toBeLessThan(47);
  await page.screenshot({ path: shot("07-push-cancelled"), animations: "disabled" });

  await setKnobs(page, { batchMs: 40 });
  await page.getByRole("button", { name: "Resume" }).click();
  await expect(page.getByText("The push is done")).toBeVisible({ timeout: 15_000 });
  await expect(page.locator('[data-count="pending"]')).toContainText("0 still to send");
  await expect(page.locator('[data-count="skipped"]')).toContainText("6 skipped");
  expect(await callsOf(page, "push_job")).toHaveLength(2);
});

test("a plan can be cancelled and run again", async ({ page }) => {
  await mapFile(page, "SCIM");
  await setKnobs(page, { batchMs: 500 });
  await createJob(page, "scim-staging", "Skip them");
  await page.getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByText("Stopped before every record was looked up")).toBeVisible();
  expect(await callsOf(page, "cancel_job")).toEqual([{ jobId: 13 }]);
  await setKnobs(page, { batchMs: 20 });
  await page.getByRole("button", { name: "Plan again" }).click();
  await expect(page.locator('[data-expected="create"]')).toContainText("40Will be created");
  await expect(page.getByText("Stopped before every record was looked up")).toHaveCount(0);
});

test("a push that breaks says why and leaves the job to resume", async ({ page }) => {
  await mapFile(page, "SCIM");
  await createJob(page, "scim-staging", "Skip them");
  await setKnobs(page, { pushStopsAfter: 10 });
  await page.getByRole("button", { name: "Push 47 records" }).click();
  const alert = page.getByRole("alert");
  await expect(alert).toContainText("The push stopped");
  await expect(alert).toContainText("The target stopped answering after 10 records");
  await expect(alert).toContainText("resume it when the target is back");
  await expect(page.locator('[data-count="pending"]')).toContainText("37 still to send");
  await page.getByRole("button", { name: "Resume" }).click();
  await expect(page.getByText("The push is done")).toBeVisible({ timeout: 15_000 });
  await expect(page.getByRole("alert")).toHaveCount(0);
});

test("Start offers to resume an interrupted job, which the push finishes", async ({ page }) => {
  await openApp(page, "start");
  const banner = page.getByTestId("resume");
  await expect(banner).toContainText("Job #11 (neue-mitarbeiter.csv → auth0-tenant) was interrupted with 140 records still to send");
  await page.screenshot({ path: shot("01-start-resume"), animations: "disabled" });
  await banner.getByRole("button", { name: "Resume job 11" }).click();
  await expect(page).toHaveURL(/#\/push$/);
  await expect(page.getByText("Job #11 · neue-mitarbeiter.csv → auth0-tenant")).toBeVisible();
  await expect(page.getByText("The push is done")).toBeVisible({ timeout: 15_000 });
  expect((await callsOf(page, "push_job")).map((a) => a.jobId)).toEqual([11]);
  await expect(page.locator('[data-count="created"]')).toContainText(/^3\d\d created/);
});

test("Plan and Push without a job point to Target and History", async ({ page }) => {
  await openApp(page, "plan");
  await expect(page.getByText("No job chosen yet")).toBeVisible();
  await page.getByRole("button", { name: "Open History" }).click();
  await expect(page).toHaveURL(/#\/history$/);
  await openApp(page, "push");
  await page.getByRole("button", { name: "Go to Target" }).click();
  await expect(page).toHaveURL(/#\/target$/);
  expect(await callsOf(page, "push_job")).toHaveLength(0);
});
