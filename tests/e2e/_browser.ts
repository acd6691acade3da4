/**
 * Headless Debian Chromium driven by playwright-core, or a reason it is unavailable. With
 * `REQUIRE_E2E=1` a missing browser fails the run instead of skipping.
 * @module
 */
import { type Browser, chromium } from "playwright-core";

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
