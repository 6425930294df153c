import { expect, test } from "@playwright/test";
import { mockStats, openApp, shot } from "./helpers";
import { callsOf, card, createJob, goTo, mapFile } from "./jobFlow";

test("Target lists the connections, tests one and creates the job", async ({ page }) => {
  await mapFile(page, "SCIM");
  const radios = page.getByRole("radio");
  // The sandbox first, then the saved connections.
  await expect(radios.first()).toContainText("Sandbox");
  await expect(card(page, "scim-staging")).toContainText("token saved in the keychain");
  await expect(card(page, "scim-old")).toContainText("no secret in the keychain");
  // Another kind stays visible, disabled, with why.
  await expect(card(page, "lms-prod")).toBeDisabled();
  await expect(card(page, "lms-prod")).toContainText("For LMS targets; this mapping is for SCIM.");
  await expect(card(page, "auth0-tenant")).toBeDisabled();
  await expect(page.getByRole("button", { name: "Next: plan" })).toBeDisabled();

  await card(page, "scim-staging").click();
  await expect(card(page, "scim-staging")).toHaveAttribute("aria-checked", "true");
  await page.getByRole("button", { name: "Test connection" }).click();
  const result = page.getByTestId("connection-test");
  await expect(result).toContainText("“scim-staging” works");
  await expect(result).toContainText("Connected to https://scim.staging.acme-gmbh.de/scim/v2");
  expect(await callsOf(page, "connection_test")).toEqual([{ name: "scim-staging" }]);

  // Skip is the default; the person chooses to update.
  await expect(page.getByRole("radio", { name: "Skip them" })).toBeChecked();
  await page.locator("label", { hasText: "Update them" }).click();
  await expect(page.getByText("people who are there already get the values of your file")).toBeVisible();
  await page.screenshot({ path: shot("05-target"), animations: "disabled" });

  await page.getByRole("button", { name: "Next: plan" }).click();
  await expect(page).toHaveURL(/#\/plan$/);
  const created = await callsOf(page, "create_job");
  expect(created).toHaveLength(1);
  expect(created[0]).toEqual({
    sheetId: expect.any(Number),
    // The mapping as the Map step left it: the suggested profile for SCIM.
    profileToml: expect.stringMatching(/^target = "scim"$/m),
    connection: "scim-staging",
    policy: "update",
  });
  // The policy stays chosen when the person comes back.
  await goTo(page, "4. Target");
  await expect(page.getByRole("radio", { name: "Update them" })).toBeChecked();
  await expect(card(page, "scim-staging")).toHaveAttribute("aria-checked", "true");
});

test("adding a connection sends its secret once and never shows it again", async ({ page }) => {
  const secret = "scim-tok-5ecret-98765";
  await mapFile(page, "SCIM");
  await page.getByRole("button", { name: "Add a connection" }).click();
  const dialog = page.getByRole("dialog", { name: "Add a connection" });
  // The kind is the mapping's; the form asks what a SCIM connection needs.
  await expect(dialog.getByRole("combobox", { name: "Kind" })).toHaveValue("SCIM");
  await dialog.getByRole("textbox", { name: "Name" }).fill("scim-prod");
  await dialog.getByRole("textbox", { name: "Address" }).fill("https://scim.acme-gmbh.de/scim/v2/prod");
  const token = dialog.getByLabel("API token");
  await token.fill(secret);
  await expect(token).toHaveAttribute("type", "password");
  await page.screenshot({ path: shot("05-target-add-connection"), animations: "disabled" });
  await dialog.getByRole("button", { name: "Save connection" }).click();

  await expect(dialog).toHaveCount(0);
  await expect(page.getByText("Saved “scim-prod”. Its secret is in the keychain")).toBeVisible();
  await expect(card(page, "scim-prod")).toContainText("token saved in the keychain");
  // The new connection is chosen, and works.
  await expect(card(page, "scim-prod")).toHaveAttribute("aria-checked", "true");
  await page.getByRole("button", { name: "Test connection" }).click();
  await expect(page.getByTestId("connection-test")).toContainText("“scim-prod” works");

  // The secret crossed IPC once, inside connection_save, and is nowhere on the page.
  const stats = await mockStats(page);
  const saves = stats.calls.filter((c) => c.cmd === "connection_save");
  expect(saves).toHaveLength(1);
  expect(saves[0]?.args).toEqual({
    connection: {
      name: "scim-prod",
      kind: "scim",
      url: "https://scim.acme-gmbh.de/scim/v2/prod",
      settings: {},
      secrets: { token: secret },
    },
  });
  const others = stats.calls.filter((c) => c.cmd !== "connection_save");
  expect(JSON.stringify(others)).not.toContain(secret);
  expect(await page.content()).not.toContain(secret);
  // Adding again opens an empty form: nothing typed before is kept.
  await page.getByRole("button", { name: "Add a connection" }).click();
  await expect(dialog.getByLabel("API token")).toHaveValue("");
});

test("a refused token says what to do; an LMS cannot skip, in the shell's words", async ({ page }) => {
  await mapFile(page, "LMS");
  await card(page, "lms-prod").click();
  await page.getByRole("button", { name: "Test connection" }).click();
  const result = page.getByTestId("connection-test");
  await expect(result).toContainText("“lms-prod” does not work yet");
  await expect(result).toContainText("The token was refused (401)");
  await expect(result).toContainText("Paste a new token");
  // An LMS cannot skip: it updates by default, and the shell refuses skip with words.
  await expect(page.getByRole("radio", { name: "Update them" })).toBeChecked();
  await page.locator("label", { hasText: "Skip them" }).click();
  await page.getByRole("button", { name: "Next: plan" }).click();
  const refused = page.getByRole("alert");
  await expect(refused).toContainText("The job was not created");
  await expect(refused).toContainText("cannot skip people who exist already");
  await expect(page).toHaveURL(/#\/target$/);
  expect(await callsOf(page, "create_job")).toHaveLength(1);
});

test("create_job refused for a connection without its secret", async ({ page }) => {
  await mapFile(page, "SCIM");
  await card(page, "scim-old").click();
  await page.getByRole("button", { name: "Test connection" }).click();
  await expect(page.getByTestId("connection-test")).toContainText("The keychain holds no token for “scim-old”");
  await page.getByRole("button", { name: "Next: plan" }).click();
  await expect(page.getByRole("alert")).toContainText("Remove the connection and add it again with its secret");
  await expect(page).toHaveURL(/#\/target$/);
});

test("the sandbox, not running, is started with the job", async ({ page }) => {
  await openApp(page, "start", "?firstRun=1");
  await page.getByRole("button", { name: "Import the sample into the sandbox" }).click();
  await expect(page.getByRole("grid").getByRole("columnheader", { name: "E-Mail" })).toBeVisible();
  await page.getByRole("button", { name: "Next: map the columns" }).click();
  await page.locator("label", { hasText: /^Auth0$/ }).click();
  await expect(page.getByRole("table", { name: "Target fields and their columns" })).toBeVisible();
  await goTo(page, "4. Target");
  // Preselected on first run, and usable for any kind.
  await expect(card(page, "sandbox")).toHaveAttribute("aria-checked", "true");
  await expect(card(page, "sandbox")).toContainText("not running");
  await expect(page.getByText("The sandbox will be started")).toBeVisible();
  await expect(card(page, "auth0-tenant")).toBeEnabled();
  await createJob(page, "sandbox", "Skip them");
  expect((await callsOf(page, "create_job"))[0]).toMatchObject({ connection: "sandbox", policy: "skip" });
  await goTo(page, "Sandbox");
  await expect(page.getByTestId("sandbox-state")).toHaveText("running");
  // The store was empty (first run): History lists the new job alone.
  await goTo(page, "History");
  const jobs = page.getByRole("table", { name: "Jobs" });
  await expect(jobs.getByRole("row")).toHaveCount(2);
  await expect(jobs).toContainText("mitarbeiter-excel-de.csv");
  await expect(jobs).toContainText("sandbox");
});

test("Target without a mapping points back", async ({ page }) => {
  await openApp(page, "target");
  await expect(page.getByText("Map the columns first")).toBeVisible();
  await page.getByRole("button", { name: "Go to Source" }).click();
  await expect(page).toHaveURL(/#\/source$/);
});
