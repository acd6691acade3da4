/**
 * Signing in to a running app through its sign-in page in Chromium, as a user does, and keeping
 * the session's cookies for the pages a test opens next.
 * @module
 */
import type { Browser, BrowserContext, Page } from "playwright-core";
import { E2E_ADMIN_PASSWORD } from "./_app_server.ts";

/** A browser's saved cookies and storage, to open signed-in pages with. */
export type SignedIn = Awaited<ReturnType<BrowserContext["storageState"]>>;

/** Fills and sends the sign-in form on `page`, which is on the sign-in page. */
export async function submitLogin(page: Page, username: string, password: string): Promise<void> {
  await page.fill("input[name=username]", username);
  await page.fill("input[name=password]", password);
  await Promise.all([page.waitForNavigation(), page.click("form.form button[type=submit]")]);
}

/** Signs in at `url` (the first admin unless named) and returns the session to open pages with. */
export async function signInState(
  browser: Browser,
  url: string,
  username = "admin",
  password = E2E_ADMIN_PASSWORD,
): Promise<SignedIn> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(`${url}/login`);
    await submitLogin(page, username, password);
    if (new URL(page.url()).pathname === "/login") {
      throw new Error(`sign-in as ${username} failed: ${await page.textContent("main")}`);
    }
    return await context.storageState();
  } finally {
    await context.close();
  }
}

/** Signs in at `url` through the sign-in form without a browser and returns the `Cookie` header. */
export async function sessionCookie(
  url: string,
  username = "admin",
  password = E2E_ADMIN_PASSWORD,
): Promise<string> {
  const response = await fetch(`${url}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { origin: url },
    body: new URLSearchParams({ username, password }),
  });
  await response.body?.cancel();
  if (response.status !== 303) throw new Error(`sign-in as ${username}: ${response.status}`);
  return response.headers.getSetCookie().map((line) => line.split(";")[0]).join("; ");
}
