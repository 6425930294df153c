import { expect, test } from "@playwright/test";
import { openApp, shot } from "./helpers";

test("Map shows the suggestions and lets the person change a column", async ({ page }) => {
  await openApp(page, "start", "?firstRun=1");
  await page.getByRole("button", { name: "Import the sample into the sandbox" }).click();
  await page.getByRole("combobox", { name: "Delimiter" }).click();
  await page.getByRole("option", { name: /Semicolon/ }).click();
  await expect(page.getByRole("grid").getByRole("columnheader", { name: "E-Mail" })).toBeVisible();
  await page.getByRole("button", { name: "Next: map the columns" }).click();

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
  await expect(employee).toContainText("10000");

  await page.screenshot({ path: shot("03-map-changed") });
});

test("Map without an open file points back to Source", async ({ page }) => {
  await openApp(page, "map");
  await expect(page.getByText("Open a file first")).toBeVisible();
  await page.getByRole("button", { name: "Go to Source" }).click();
  await expect(page).toHaveURL(/#\/source$/);
});
