import { expect, test } from "@playwright/test";
import { mockStats, openApp, shot } from "./helpers";
import { callsOf, failCommand, goTo } from "./jobFlow";

test("History lists every job; any reopens to its results, a stopped one resumes", async ({ page }) => {
  await openApp(page, "history");
  const table = page.getByRole("table", { name: "Jobs" });
  await expect(table.getByRole("row")).toHaveCount(4);
  const finished = table.locator('[data-job="12"]');
  await expect(finished).toContainText("personal-2024-05.xlsx");
  await expect(finished).toContainText("lms-prod");
  await expect(finished).toContainText("finished");
  await expect(finished).toContainText("1,180 created · 52 updated · 12 unchanged · 6 failed");
  await expect(finished).toContainText("2024");
  // Newest first; a finished job has nothing to resume, an interrupted one has.
  await expect(table.locator("[data-job]").first()).toHaveAttribute("data-job", "10");
  await expect(finished.getByRole("button", { name: "Resume job 12" })).toHaveCount(0);
  await expect(table.locator('[data-job="11"]').getByRole("button", { name: "Resume job 11" })).toBeVisible();
  await page.screenshot({ path: shot("09-history"), animations: "disabled" });

  await finished.getByRole("button", { name: "Open the results of job 12" }).click();
  await expect(page).toHaveURL(/#\/results$/);
  await expect(page.getByText("Job #12 · personal-2024-05.xlsx → lms-prod")).toBeVisible();
  await expect(page.getByRole("grid")).toHaveAttribute("aria-label", /^Records: 1,250\./);

  await goTo(page, "History");
  await page.getByRole("button", { name: "Resume job 11" }).click();
  await expect(page).toHaveURL(/#\/push$/);
  await expect(page.getByText("The push is done")).toBeVisible({ timeout: 15_000 });
  expect((await callsOf(page, "push_job")).map((a) => a.jobId)).toEqual([11]);
});

test("History that cannot be read says why and offers Try again", async ({ page }) => {
  await openApp(page, "start");
  await failCommand(page, "jobs_list", "The job store at /home/hr/.local/share/muster/muster.sqlite is locked by another program. Close it and try again.");
  await goTo(page, "History");
  await expect(page.getByRole("alert")).toContainText("Could not list the jobs");
  await expect(page.getByRole("alert")).toContainText("is locked by another program");
  await expect(page.getByRole("button", { name: "Try again" })).toBeVisible();
});

test("Connections: list, add, test and remove, secrets never shown", async ({ page }) => {
  const secret = "Auth0-client-5ecret-XYZ";
  await openApp(page, "connections");
  const table = page.getByRole("table", { name: "Saved connections" });
  await expect(table.locator("[data-connection]").first()).toHaveAttribute("data-connection", "sandbox");
  await expect(table.locator('[data-connection="lms-prod"]')).toContainText("token saved in the keychain");
  await expect(table.locator('[data-connection="auth0-tenant"]')).toContainText("client secret saved in the keychain");
  await expect(table.locator('[data-connection="scim-old"]')).toContainText("no secret in the keychain");
  // The sandbox cannot be removed.
  await expect(table.locator('[data-connection="sandbox"]').getByRole("button", { name: /Remove/ })).toHaveCount(0);

  await table.getByRole("button", { name: "Test lms-prod" }).click();
  await expect(page.getByTestId("connection-test")).toContainText("The token was refused (401)");
  await expect(page.getByTestId("connection-test")).toContainText("Paste a new token");

  // The same form as on the Target step; Auth0 asks for its settings and its secret.
  await page.getByRole("button", { name: "Add a connection" }).click();
  const dialog = page.getByRole("dialog", { name: "Add a connection" });
  await dialog.getByRole("combobox", { name: "Kind" }).click();
  await page.getByRole("option", { name: "Auth0" }).click();
  await dialog.getByRole("textbox", { name: "Name" }).fill("auth0-eu");
  await dialog.getByRole("textbox", { name: "Address" }).fill("https://acme-eu.eu.auth0.com");
  await dialog.getByRole("textbox", { name: "Client ID" }).fill("Qm4kZ1");
  await dialog.getByRole("textbox", { name: "Database connection ID" }).fill("con_77");
  await dialog.getByLabel("Client secret").fill(secret);
  await dialog.getByRole("button", { name: "Save connection" }).click();
  await expect(dialog).toHaveCount(0);
  const added = table.locator('[data-connection="auth0-eu"]');
  await expect(added).toContainText("client secret saved in the keychain");
  await added.getByRole("button", { name: "Test auth0-eu" }).click();
  await expect(page.getByText("Connected to https://acme-eu.eu.auth0.com")).toBeVisible();
  const saves = (await mockStats(page)).calls.filter((c) => c.cmd === "connection_save");
  expect(saves.map((c) => c.args)).toEqual([
    {
      connection: {
        name: "auth0-eu",
        kind: "auth0",
        url: "https://acme-eu.eu.auth0.com",
        settings: { client_id: "Qm4kZ1", connection_id: "con_77" },
        secrets: { client_secret: secret },
      },
    },
  ]);
  expect(await page.content()).not.toContain(secret);
  await page.screenshot({ path: shot("10-connections"), animations: "disabled" });

  // Remove asks first; "Keep it" keeps it.
  await table.getByRole("button", { name: "Remove scim-old" }).click();
  const confirm = page.getByRole("dialog", { name: "Remove “scim-old”?" });
  await expect(confirm).toContainText("deletes its secret from this computer's keychain");
  await confirm.getByRole("button", { name: "Keep it" }).click();
  await expect(table.locator('[data-connection="scim-old"]')).toBeVisible();
  expect(await callsOf(page, "connection_remove")).toHaveLength(0);
  await table.getByRole("button", { name: "Remove scim-old" }).click();
  await confirm.getByRole("button", { name: "Remove" }).click();
  await expect(table.locator('[data-connection="scim-old"]')).toHaveCount(0);
  await expect(page.getByText("Removed “scim-old” and its secret.")).toBeVisible();
  expect(await callsOf(page, "connection_remove")).toEqual([{ name: "scim-old" }]);
});

test("a connection the shell will not save says why, in the form", async ({ page }) => {
  await openApp(page, "connections");
  await page.getByRole("button", { name: "Add a connection" }).click();
  const dialog = page.getByRole("dialog", { name: "Add a connection" });
  await dialog.getByRole("combobox", { name: "Kind" }).click();
  await page.getByRole("option", { name: "LMS" }).click();
  await dialog.getByRole("textbox", { name: "Name" }).fill("lms-prod");
  await dialog.getByRole("textbox", { name: "Address" }).fill("http://lms.acme-gmbh.de");
  await dialog.getByLabel("API token").fill("tok-123456");
  await dialog.getByRole("button", { name: "Save connection" }).click();
  await expect(dialog.getByRole("alert")).toContainText("The connection was not saved");
  await expect(dialog.getByRole("alert")).toContainText("exists already");
  await dialog.getByRole("textbox", { name: "Name" }).fill("lms-test");
  await dialog.getByRole("button", { name: "Save connection" }).click();
  await expect(dialog.getByRole("alert")).toContainText("is not an https address");
  await expect(dialog).toBeVisible();
  // Removing a connection that is gone already: the shell's words in the dialog.
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await failCommand(page, "connection_remove", "The keychain refused to delete the token of “lms-prod”: it is locked. Unlock it and try again.");
  await page.getByRole("button", { name: "Remove lms-prod" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Remove" }).click();
  await expect(page.getByRole("dialog").getByRole("alert")).toContainText("The keychain refused to delete");
});

test("Sandbox starts, lists its emulators, counts users, and stops", async ({ page }) => {
  await openApp(page, "sandbox");
  await expect(page.getByTestId("sandbox-state")).toHaveText("stopped");
  await expect(page.getByText("The sandbox is stopped")).toBeVisible();
  await page.getByRole("button", { name: "Start the sandbox" }).click();
  await expect(page.getByTestId("sandbox-state")).toHaveText("running");
  const table = page.getByRole("table", { name: "Emulators" });
  await expect(table.getByRole("row")).toHaveCount(7);
  const scim = table.locator('[data-kind="scim"]');
  await expect(scim).toContainText("SCIM");
  await expect(scim).toContainText("http://127.0.0.1:47804/scim/v2");
  await expect(scim).toContainText("7");
  await page.screenshot({ path: shot("11-sandbox"), animations: "disabled" });

  const asked = (await callsOf(page, "sandbox_status")).length;
  await page.getByRole("button", { name: "Refresh" }).click();
  await expect(scim).toContainText("7");
  await expect.poll(async () => (await callsOf(page, "sandbox_status")).length).toBe(asked + 1);
  await page.getByRole("button", { name: "Stop the sandbox" }).click();
  await expect(page.getByTestId("sandbox-state")).toHaveText("stopped");
  await expect(table).toHaveCount(0);
  const changes = (await mockStats(page)).calls.filter((c) => c.cmd === "sandbox_start" || c.cmd === "sandbox_stop");
  expect(changes.map((c) => c.cmd)).toEqual(["sandbox_start", "sandbox_stop"]);
});

test("a push into the sandbox shows in its user counts", async ({ page }) => {
  await openApp(page, "history");
  // Job 10 was journaled for the sandbox's SCIM emulator and never sent.
  await page.getByRole("button", { name: "Resume job 10" }).click();
  await expect(page.getByText("The push is done")).toBeVisible({ timeout: 15_000 });
  const created = Number((await page.locator('[data-count="created"]').innerText()).split(" ")[0]);
  expect(created).toBeGreaterThan(30);
  // The sandbox was stopped: the push started it, and its SCIM emulator holds the new people.
  await goTo(page, "Sandbox");
  await expect(page.getByTestId("sandbox-state")).toHaveText("running");
  await expect(page.getByRole("table", { name: "Emulators" }).locator('[data-kind="scim"]')).toContainText(String(7 + created));
});

test("a sandbox that cannot start says why", async ({ page }) => {
  await openApp(page, "sandbox");
  await failCommand(page, "sandbox_start", "Port 47801 is taken by another program, so the LMS emulator cannot listen. Close that program and start again.");
  await page.getByRole("button", { name: "Start the sandbox" }).click();
  await expect(page.getByRole("alert")).toContainText("The sandbox did not start");
  await expect(page.getByRole("alert")).toContainText("Port 47801 is taken");
  await expect(page.getByTestId("sandbox-state")).toHaveText("stopped");
});
