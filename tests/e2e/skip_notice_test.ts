import assert from "node:assert/strict";

Deno.test("without Chromium the browser tests say why they are skipped", async () => {
  const browser = new URL("./_browser.ts", import.meta.url).href;
  const output = await new Deno.Command(Deno.execPath(), {
    args: [
      "eval",
      `const { browserTestsEnabled } = await import(${JSON.stringify(browser)});
       console.log(browserTestsEnabled(), browserTestsEnabled());`,
    ],
    env: { CHROMIUM_PATH: "/nonexistent/chromium", REQUIRE_E2E: "0", NO_COLOR: "1" },
    stdout: "piped",
    stderr: "piped",
  }).output();
  const stdout = new TextDecoder().decode(output.stdout);
  const stderr = new TextDecoder().decode(output.stderr);
  assert.equal(stdout, "false false\n");
  assert.equal(
    stderr,
    "browser tests skipped: no Chromium at /nonexistent/chromium (apt-get install chromium, or " +
      "set CHROMIUM_PATH; REQUIRE_E2E=1 makes them fail instead)\n",
  );
});
