/**
 * Whether the notebook tests can run: Jupyter's nbconvert and the Deno kernel spec, or a reason
 * they are skipped. With `REQUIRE_E2E=1` (CI) they always run, so a missing tool fails them.
 * @module
 */
import { jupyterMissing, kernelInstalled } from "@/notebooks/execute.ts";

/** Whether tests that need real programs must run (CI sets `REQUIRE_E2E=1`). */
export const E2E_REQUIRED = Deno.env.get("REQUIRE_E2E") === "1";

/**
 * True when Jupyter and the Deno kernel spec are installed, or when E2E is required. When the
 * tests are skipped, says why on stderr.
 */
export async function notebookTestsEnabled(): Promise<boolean> {
  if (E2E_REQUIRED) return true;
  const missing = await jupyterMissing() ??
    (await kernelInstalled() ? null : "no Deno kernel spec");
  if (missing === null) return true;
  // deno-lint-ignore no-console -- a skipped test must say why where the person running it looks
  console.error(
    `notebook tests skipped: ${missing} (apt-get install jupyter-nbconvert jupyter-client ` +
      `python3-nbclient, then deno jupyter --install; REQUIRE_E2E=1 makes them fail instead)`,
  );
  return false;
}
