/**
 * Headless Debian Chromium driven by playwright-core, or a reason it is unavailable, and the
 * pages a test opens in it. With `REQUIRE_E2E=1` a missing browser fails the run instead of
 * skipping.
 * @module
 */
import { type Browser, type BrowserContextOptions, chromium, type Page } from "playwright-core";

/** Where Debian installs Chromium. */
export const CHROMIUM_PATH = Deno.env.get("CHROMIUM_PATH") ?? "/usr/bin/chromium";

/** Whether browser tests must run (CI sets `REQUIRE_E2E=1`). */
export const E2E_REQUIRED = Deno.env.get("REQUIRE_E2E") === "1";

let warned = false;

/**
 * True when Chromium is installed, or when E2E is required (so the launch fails loudly). When the
 * browser tests are skipped, says why on stderr, once per test file.
 */
export function browserTestsEnabled(): boolean {
  if (E2E_REQUIRED) return true;
  let found = false;
  try {
    found = Deno.statSync(CHROMIUM_PATH).isFile;
  } catch {
    found = false;
  }
  if (!found && !warned) {
    warned = true;
    // deno-lint-ignore no-console -- a skipped test must say why where the person running it looks
    console.error(
      `browser tests skipped: no Chromium at ${CHROMIUM_PATH} (apt-get install chromium, or ` +
        `set CHROMIUM_PATH; REQUIRE_E2E=1 makes them fail instead)`,
    );
  }
  return found;
}

/** Launches headless Chromium (Playwright gives it a fresh temporary profile) with the flags this offline machine needs. */
export async function launchChromium(): Promise<Browser> {
  return await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/**
 * A page 900 px high at `width` with the session `storageState`, recording into `problems` each
 * script error and each console error whose text `expected` does not match (a failed load the
 * test asks for on purpose, say).
 */
export async function openPage(
  browser: Browser,
  width: number,
  storageState: BrowserContextOptions["storageState"],
  problems: string[],
  expected: RegExp,
): Promise<Page> {
  const page = await browser.newPage({ viewport: { width, height: 900 }, storageState });
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error" && !expected.test(message.text())) {
      problems.push(`console: ${message.text()}`);
    }
  });
  return page;
}

/** Submits the first form matching the selector `form` by its button and waits for the page it leads to. */
export async function submit(page: Page, form: string): Promise<void> {
  await Promise.all([
    page.waitForNavigation(),
    page.locator(`${form} button[type=submit]`).first().click(),
  ]);
}
