import assert from "node:assert/strict";

Deno.test("without Jupyter the notebook tests say why they are skipped", async () => {
  const helper = new URL("./_jupyter.ts", import.meta.url).href;
  const output = await new Deno.Command(Deno.execPath(), {
    args: [
      "eval",
      `const { notebookTestsEnabled } = await import(${JSON.stringify(helper)});
       console.log(await notebookTestsEnabled());`,
    ],
    env: { JUPYTER_PATH: "/nonexistent/jupyter", REQUIRE_E2E: "0", NO_COLOR: "1" },
    stdout: "piped",
    stderr: "piped",
  }).output();
  const stdout = new TextDecoder().decode(output.stdout);
  const stderr = new TextDecoder().decode(output.stderr);
  assert.equal(stdout, "false\n");
  assert.equal(
    stderr,
    "notebook tests skipped: no /nonexistent/jupyter command (apt-get install " +
      "jupyter-nbconvert jupyter-client python3-nbclient, then deno jupyter --install; " +
      "REQUIRE_E2E=1 makes them fail instead)\n",
  );
});

Deno.test("with REQUIRE_E2E=1 a missing Jupyter does not skip the notebook tests", async () => {
  const helper = new URL("./_jupyter.ts", import.meta.url).href;
  const output = await new Deno.Command(Deno.execPath(), {
    args: [
      "eval",
      `const { notebookTestsEnabled } = await import(${JSON.stringify(helper)});
       console.log(await notebookTestsEnabled());`,
    ],
    env: { JUPYTER_PATH: "/nonexistent/jupyter", REQUIRE_E2E: "1", NO_COLOR: "1" },
    stdout: "piped",
    stderr: "piped",
  }).output();
  assert.equal(new TextDecoder().decode(output.stdout), "true\n");
  assert.equal(new TextDecoder().decode(output.stderr), "");
});
