// Steps shared by the Target … Sandbox tests: a mapped file, the navigation, the mock
// job shell's knobs, and a command made to fail for an error state.
import { expect, type Page } from "@playwright/test";
import { mockStats, openApp } from "./helpers";

export interface Knobs {
  batchMs?: number;
  batchSize?: number;
  pushStopsAfter?: number | null;
  progressEvery?: number | null;
}

/** Sets the mock push's pace, or makes the next push break (tests/mock/jobs/run.ts). */
export async function setKnobs(page: Page, knobs: Knobs): Promise<void> {
  await page.evaluate((k) => {
    Object.assign((window as unknown as { __musterJobs: Knobs }).__musterJobs, k);
  }, knobs);
}

/** Clicks a step or tool in the navigation. */
export async function goTo(page: Page, name: string): Promise<void> {
  await page.getByRole("navigation").getByRole("button", { name: new RegExp(`^${name}`) }).click();
  await expect(page.getByRole("heading", { level: 2, name })).toBeVisible();
}

/** Opens the mock file with the right delimiter, maps it for `kind`, and goes to Target. */
export async function mapFile(page: Page, kind = "SCIM", query = ""): Promise<void> {
  await openApp(page, "source", query);
  await page.getByRole("button", { name: "Choose file…" }).click();
  await page.getByRole("combobox", { name: "Delimiter" }).click();
  await page.getByRole("option", { name: /Semicolon/ }).click();
  await expect(page.getByRole("grid").getByRole("columnheader", { name: "E-Mail" })).toBeVisible();
  await page.getByRole("button", { name: "Next: map the columns" }).click();
  await page.locator("label", { hasText: new RegExp(`^${kind}$`) }).click();
  await expect(page.getByRole("table", { name: "Target fields and their columns" })).toBeVisible();
  await goTo(page, "4. Target");
}

/** A connection's card on the Target step. */
export const card = (page: Page, name: string) => page.locator(`[data-connection="${name}"]`);

/** Target → a job → the Plan step, with `connection` and `policy`. */
export async function createJob(page: Page, connection: string, policy: "Skip them" | "Update them"): Promise<void> {
  await card(page, connection).click();
  await page.locator("label", { hasText: policy }).click();
  await page.getByRole("button", { name: "Next: plan" }).click();
  await expect(page.getByRole("heading", { level: 2, name: "5. Plan" })).toBeVisible();
}

/** The args of every call of `cmd` the mock shell received. */
export async function callsOf(page: Page, cmd: string): Promise<Record<string, unknown>[]> {
  return (await mockStats(page)).calls.filter((c) => c.cmd === cmd).map((c) => c.args as Record<string, unknown>);
}

/** From now on the shell rejects `cmd` with `message`, as the Rust side does on failure. */
export async function failCommand(page: Page, cmd: string, message: string): Promise<void> {
  await page.evaluate(
    ({ cmd, message }) => {
      type Invoke = (cmd: string, args: unknown, options: unknown) => Promise<unknown>;
      const internals = (window as unknown as { __TAURI_INTERNALS__: { invoke: Invoke } }).__TAURI_INTERNALS__;
      const original = internals.invoke;
      internals.invoke = (c, args, options) => (c === cmd ? Promise.reject({ message }) : original(c, args, options));
    },
    { cmd, message },
  );
}
