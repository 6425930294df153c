import { expect, test, type Page } from "@playwright/test";
import type { FieldChange } from "../src/ipc/contract";
import { mockStats, openApp, shot } from "./helpers";
import { SAMPLE_PROFILE } from "./mock/samples";

test("Map shows the suggestions and lets the person change a column", async ({ page }) => {
  await openApp(page, "start", "?firstRun=1");
  await page.getByRole("button", { name: "Import the sample into the sandbox" }).click();
  await expect(page.getByRole("grid").getByRole("columnheader", { name: "E-Mail" })).toBeVisible();
  await page.getByRole("button", { name: "Next: map the columns" }).click();
  await expect(page.getByTestId("profile-note")).toBeVisible();

  // The radio input is visually hidden behind its label, as in any segmented control.
  await page.locator("label", { hasText: /^SCIM$/ }).click();
  await expect(page.getByRole("radio", { name: "SCIM" })).toBeChecked();
  const table = page.getByRole("table", { name: "Target fields and their columns" });
  const email = table.locator('[data-field="email"]');
  await expect(email).toContainText("required");
  await expect(email).toContainText("identifier");
  await expect(email.getByRole("combobox", { name: "Column for email" })).toHaveValue("E-Mail");
  await expect(email).toContainText("high 98%");
  await expect(email).toContainText("98% of sampled values are emails");
  await expect(email).toContainText("felix.braun0@example.com");
  await expect(table.locator('[data-field="department"]')).toContainText("medium 55%");
  await expect(table.locator('[data-field="manager"]')).toContainText("none 0%");
  await expect(table.getByText("identifier", { exact: true })).toHaveCount(1);
  await page.screenshot({ path: shot("03-map") });

  // The weak match for employee_id is wrong: choose Personalnummer instead.
  const employee = table.locator('[data-field="employee_id"]');
  await employee.getByRole("combobox", { name: "Column for employee_id" }).click();
  await page.getByRole("option", { name: "Personalnummer" }).click();
  await expect(employee.getByRole("combobox", { name: "Column for employee_id" })).toHaveValue("Personalnummer");
  await expect(employee).toContainText("your choice");
  await expect(employee.getByLabel("Values of Personalnummer")).toContainText("10000");
  await expect(employee.getByLabel("employee_id after transforms")).toContainText("10000");

  await page.screenshot({ path: shot("03-map-changed") });
});

async function callsOf(page: Page, cmd: string) {
  return (await mockStats(page)).calls.filter((c) => c.cmd === cmd).map((c) => c.args);
}

/** First run: the sample, straight from Source (read as it is) to Map. */
async function sampleOnMap(page: Page, query = "") {
  await openApp(page, "start", `?firstRun=1${query}`);
  await page.getByRole("button", { name: "Import the sample into the sandbox" }).click();
  await expect(page.getByRole("grid").getByRole("columnheader", { name: "E-Mail" })).toBeVisible();
  await page.getByRole("button", { name: "Next: map the columns" }).click();
  await expect(page.getByRole("heading", { level: 2, name: "2. Map" })).toBeVisible();
}

test("first run maps the sample with its own profile; another target can still be chosen", async ({ page }) => {
  await sampleOnMap(page);
  await expect(page.getByTestId("profile-note")).toContainText("Using the mapping in lms-profile.toml");
  await expect(page.getByRole("radio", { name: "LMS" })).toBeChecked();
  const table = page.getByRole("table", { name: "Target fields and their columns" });
  const email = table.locator('[data-field="email"]');
  await expect(email.getByRole("combobox", { name: "Column for email" })).toHaveValue("E-Mail");
  await expect(table.locator('[data-field="employee_id"]').getByRole("combobox", { name: "Column for employee_id" })).toHaveValue("Personalnummer");
  await expect(table.locator('[data-field="employee_id"]')).toContainText("From lms-profile.toml.");
  await expect(page.getByRole("button", { name: "Next: review the records" })).toBeEnabled();
  // The one sheet opened, with the profile's path; no target was chosen, so nothing suggested.
  expect(await callsOf(page, "open_sheet")).toHaveLength(1);
  expect(await callsOf(page, "load_profile")).toEqual([{ sheetId: 1, path: SAMPLE_PROFILE }]);
  expect(await callsOf(page, "suggest_mapping")).toHaveLength(0);
  await page.screenshot({ path: shot("03-map-sample") });

  // A field changes from the profile's mapping, which stays named.
  const family = table.locator('[data-field="family_name"]');
  await family.getByRole("button", { name: "Add transform to family_name" }).click();
  await page.getByRole("dialog", { name: "Add transform to family_name" }).getByRole("button", { name: "UPPER CASE" }).click();
  await expect(family.getByLabel("family_name after transforms")).toContainText("BRAUN");
  const changed = (await callsOf(page, "change_mapping")) as { profileToml: string }[];
  expect(changed.at(-1)?.profileToml).toContain('target = "lms"');
  await expect(page.getByTestId("profile-note")).toBeVisible();

  // Another target: its suggestion replaces the profile's mapping, for good.
  await page.locator("label", { hasText: /^SCIM$/ }).click();
  await expect(page.getByRole("radio", { name: "SCIM" })).toBeChecked();
  await expect(page.getByTestId("profile-note")).toHaveCount(0);
  await expect(email).toContainText("98% of sampled values are emails");
  expect(await callsOf(page, "suggest_mapping")).toEqual([{ sheetId: 1, target: "scim" }]);
  await page.getByRole("navigation").getByRole("button", { name: /^1\. Source/ }).click();
  await page.getByRole("button", { name: "Next: map the columns" }).click();
  await expect(page.getByRole("radio", { name: "SCIM" })).toBeChecked();
  expect(await callsOf(page, "load_profile")).toHaveLength(1);
});

test("a sample profile that cannot be read says why on Map, and a target can still be chosen", async ({ page }) => {
  const gone = "/opt/muster/samples/lms-profile.toml";
  await sampleOnMap(page, `&sampleProfile=${encodeURIComponent(gone)}`);
  const alert = page.getByRole("alert");
  await expect(alert).toContainText("The mapping in lms-profile.toml could not be used");
  await expect(alert).toContainText("there is no such file");
  await expect(alert).toContainText(gone);
  expect(await callsOf(page, "load_profile")).toEqual([{ sheetId: 1, path: gone }]);
  const table = page.getByRole("table", { name: "Target fields and their columns" });
  await expect(table).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Next: review the records" })).toBeDisabled();

  await page.locator("label", { hasText: /^LMS$/ }).click();
  await expect(table).toBeVisible();
  await expect(alert).toHaveCount(0);
  await expect(page.getByTestId("profile-note")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Next: review the records" })).toBeEnabled();
});

test("Map without an open file points back to Source", async ({ page }) => {
  await openApp(page, "map");
  await expect(page.getByText("Open a file first")).toBeVisible();
  await page.getByRole("button", { name: "Go to Source" }).click();
  await expect(page).toHaveURL(/#\/source$/);
});

/** Opens the sample, reads it with semicolons and maps it onto SCIM. */
async function openMap(page: Page) {
  await openApp(page, "source");
  await page.getByRole("textbox", { name: /type its path/ }).fill("/home/hr/Downloads/mitarbeiter.csv");
  await page.getByRole("button", { name: "Open", exact: true }).click();
  await page.getByRole("combobox", { name: "Delimiter" }).click();
  await page.getByRole("option", { name: /Semicolon/ }).click();
  await expect(page.getByRole("grid").getByRole("columnheader", { name: "E-Mail" })).toBeVisible();
  await page.getByRole("button", { name: "Next: map the columns" }).click();
  await page.locator("label", { hasText: /^SCIM$/ }).click();
  const table = page.getByRole("table", { name: "Target fields and their columns" });
  await expect(table).toBeVisible();
  return table;
}

async function changes(page: Page) {
  return (await mockStats(page)).calls.filter((c) => c.cmd === "change_mapping").map((c) => c.args as { profileToml: string; change: FieldChange });
}

test("a changed column goes to the shell, and the samples after transforms follow its answer", async ({ page }) => {
  const table = await openMap(page);
  const given = table.locator('[data-field="given_name"]');
  await given.getByRole("combobox", { name: "Column for given_name" }).click();
  await page.getByRole("option", { name: "Nachname" }).click();
  await expect(given.getByLabel("Values of Nachname")).toContainText("Braun");
  await expect(given.getByLabel("given_name after transforms")).toContainText("Braun");
  await expect(given).toContainText("your choice");
  const sent = await changes(page);
  expect(sent).toHaveLength(1);
  expect(sent[0]?.change).toEqual({ field: "given_name", column: "Nachname" });
  // The first change starts from the suggested profile.
  expect(sent[0]?.profileToml).toContain('column = "Vorname"');

  // Clearing a required column: the shell's `missing` says so, and Next waits.
  await given.getByRole("combobox", { name: "Column for given_name" }).click();
  await page.getByRole("option", { name: "Vorname" }).click();
  await expect(given.getByLabel("given_name after transforms")).toContainText("Felix");
  const family = table.locator('[data-field="family_name"]');
  await family.getByRole("button", { name: "No column for family_name" }).click();
  await expect(family.getByRole("combobox", { name: "Column for family_name" })).toHaveValue("");
  await expect(page.getByRole("status").filter({ hasText: "Required without a column: family_name" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Next: review the records" })).toBeDisabled();
  // Each change started from the answer to the one before.
  const all = await changes(page);
  expect(all.at(-1)?.profileToml).toContain('column = "Vorname"');
  expect(all.at(-1)?.change).toEqual({ field: "family_name", column: null });
});

test("transforms are added and removed per field, and the samples show their effect", async ({ page }) => {
  const table = await openMap(page);
  const family = table.locator('[data-field="family_name"]');
  await expect(family.getByLabel("family_name after transforms")).toContainText("Braun");
  await family.getByRole("button", { name: "Add transform to family_name" }).click();
  const menu = page.getByRole("dialog", { name: "Add transform to family_name" });
  await menu.getByRole("button", { name: "UPPER CASE" }).click();
  await expect(family.getByLabel("family_name after transforms")).toContainText("BRAUN");
  await expect(family.getByLabel("Values of Nachname")).toContainText("Braun");
  await expect(family.getByRole("group", { name: "Transforms of family_name" })).toContainText("UPPER CASE");
  expect((await changes(page)).at(-1)?.change).toEqual({ field: "family_name", transforms: [{ op: "case", to: "upper" }] });

  // A phone transform asks for the country; a default value for its text.
  const manager = table.locator('[data-field="manager"]');
  await manager.getByRole("button", { name: "Add transform to manager" }).click();
  const managerMenu = page.getByRole("dialog", { name: "Add transform to manager" });
  await managerMenu.getByRole("textbox", { name: "Default value for empty cells" }).fill("hr-lead@example.com");
  await managerMenu.getByRole("button", { name: "Add default value" }).click();
  await expect(manager.getByRole("group", { name: "Transforms of manager" })).toContainText("default “hr-lead@example.com”");
  const employee = table.locator('[data-field="employee_id"]');
  await employee.getByRole("button", { name: "Add transform to employee_id" }).click();
  const employeeMenu = page.getByRole("dialog", { name: "Add transform to employee_id" });
  await employeeMenu.getByRole("combobox", { name: "Phone to international format" }).click();
  await employeeMenu.getByRole("option", { name: /Austria/ }).click();
  await employeeMenu.getByRole("button", { name: "Add phone transform" }).click();
  await expect(employee.getByRole("group", { name: "Transforms of employee_id" })).toContainText("phone +… (AT)");
  expect((await changes(page)).at(-1)?.change).toEqual({ field: "employee_id", transforms: [{ op: "phone", country: "AT" }] });
  await expect(page.getByRole("dialog")).toHaveCount(0);
  await page.screenshot({ path: shot("03-map-transforms") });

  // Removing one sends the list without it.
  await family.getByRole("button", { name: "Remove “UPPER CASE” from family_name" }).click();
  await expect(family.getByLabel("family_name after transforms")).toContainText("Braun");
  await expect(family.getByLabel("family_name after transforms")).not.toContainText("BRAUN");
  expect((await changes(page)).at(-1)?.change).toEqual({ field: "family_name", transforms: [] });

  // Review validates the mapping as it now stands.
  await page.getByRole("button", { name: "Next: review the records" }).click();
  const reviewed = (await mockStats(page)).calls.filter((c) => c.cmd === "review_sheet").at(-1)?.args as { profileToml: string };
  expect(reviewed.profileToml).toContain('{ op = "phone", country = "AT" }');
  expect(reviewed.profileToml).toContain('{ op = "default", value = "hr-lead@example.com" }');
});

test("the identifier is exactly one field and can be changed; a refused change says why under its field", async ({ page }) => {
  const table = await openMap(page);
  await expect(table.getByRole("radio", { name: "email identifies each person" })).toBeChecked();
  await expect(table.getByRole("radio", { name: "manager identifies each person" })).toBeDisabled();
  await table.getByRole("radio", { name: "employee_id identifies each person" }).check();
  await expect(table.getByRole("radio", { name: "employee_id identifies each person" })).toBeChecked();
  await expect(table.getByRole("radio", { name: "email identifies each person" })).not.toBeChecked();
  await expect(table.getByRole("radio", { checked: true })).toHaveCount(1);
  await expect(table.locator('[data-field="employee_id"]')).toContainText("identifier");
  await expect(table.getByText("identifier", { exact: true })).toHaveCount(1);
  expect((await changes(page)).at(-1)?.change).toEqual({ field: "employee_id", identifier: true });

  // The identifier cannot lose its column: the shell refuses, the table stays as it was.
  const employee = table.locator('[data-field="employee_id"]');
  await employee.getByRole("button", { name: "No column for employee_id" }).focus();
  await page.keyboard.press("Enter");
  const alert = table.getByRole("alert");
  await expect(alert).toContainText("employee_id was not changed");
  await expect(alert).toContainText("identifies each record, so it needs a column");
  await expect(employee.getByRole("combobox", { name: "Column for employee_id" })).toHaveValue("Vorname");
});

test("a mapping is saved as a template and loaded again; a template for other columns is refused", async ({ page }) => {
  const table = await openMap(page);
  const family = table.locator('[data-field="family_name"]');
  await family.getByRole("button", { name: "Add transform to family_name" }).click();
  await page.getByRole("dialog", { name: "Add transform to family_name" }).getByRole("button", { name: "Title Case" }).click();
  await expect(family.getByRole("group", { name: "Transforms of family_name" })).toContainText("Title Case");

  await page.getByRole("button", { name: "Save as template…" }).click();
  const modal = page.getByRole("dialog", { name: "Save the mapping as a template" });
  await modal.getByRole("textbox", { name: "Template name" }).fill("Mitarbeiter monthly");
  await modal.getByRole("button", { name: "Save template" }).click();
  await expect(modal).toHaveCount(0);
  await expect(page.getByRole("status").filter({ hasText: "Saved as the template “Mitarbeiter monthly”." })).toBeVisible();
  const saved = (await mockStats(page)).calls.find((c) => c.cmd === "save_template")?.args as { name: string; profileToml: string };
  expect(saved.name).toBe("Mitarbeiter monthly");
  expect(saved.profileToml).toContain('{ op = "case", to = "title" }');

  // Another template replaces the mapping...
  await page.getByRole("button", { name: "Load template" }).click();
  await expect(page.getByRole("menuitem")).toHaveText([/HR export 2023/, /Mitarbeiter monthly/, /Personal \(SCIM\)/]);
  await page.getByRole("menuitem", { name: /Personal \(SCIM\)/ }).click();
  await expect(page.getByRole("status").filter({ hasText: "Loaded the template “Personal (SCIM)”." })).toBeVisible();
  await expect(family.getByRole("group", { name: "Transforms of family_name" })).toContainText("UPPER CASE");
  await expect(family.getByLabel("family_name after transforms")).toContainText("BRAUN");
  await expect(table.locator('[data-field="employee_id"]').getByRole("combobox", { name: "Column for employee_id" })).toHaveValue("Personalnummer");

  // ...and the saved one brings its transforms back.
  await page.getByRole("button", { name: "Load template" }).click();
  await page.getByRole("menuitem", { name: /Mitarbeiter monthly/ }).click();
  await expect(family.getByRole("group", { name: "Transforms of family_name" })).toContainText("Title Case");
  expect((await mockStats(page)).calls.filter((c) => c.cmd === "load_template").at(-1)?.args).toMatchObject({ name: "Mitarbeiter monthly" });

  // A template made for another export: its columns are not in this file.
  await page.getByRole("button", { name: "Load template" }).click();
  await page.getByRole("menuitem", { name: /HR export 2023/ }).click();
  const alert = page.getByRole("alert");
  await expect(alert).toContainText("does not fit this file");
  await expect(alert).toContainText("Mail, Mitarbeiter-Nr");
  // The mapping is left as it was.
  await expect(family.getByRole("group", { name: "Transforms of family_name" })).toContainText("Title Case");
});
