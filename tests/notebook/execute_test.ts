import assert from "node:assert/strict";

const SCRIPT = new URL("../../notebooks/execute.ts", import.meta.url).pathname;

async function runTask(args: string[], env: Record<string, string> = {}) {
  const output = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", SCRIPT, ...args],
    env: { NO_COLOR: "1", ...env },
    stdout: "piped",
    stderr: "piped",
  }).output();
  const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
  return { code: output.code, stdout: decode(output.stdout), stderr: decode(output.stderr) };
}

Deno.test("notebooks:lab prints how to open the notebooks interactively, with the CSV setting", async () => {
  const { code, stdout } = await runTask(["--lab"]);
  assert.equal(code, 0);
  assert.match(stdout, /deno jupyter --install/);
  assert.match(stdout, /jupyter lab notebooks\//);
  assert.match(stdout, /YEOUIDO_BARS_CSV/);
});

Deno.test("without Jupyter the notebooks task exits 2 naming the packages to install", async () => {
  const { code, stdout, stderr } = await runTask([], { JUPYTER_PATH: "/nonexistent/jupyter" });
  assert.equal(code, 2);
  assert.equal(stdout, "");
  assert.equal(
    stderr,
    "no /nonexistent/jupyter command: apt-get install jupyter-nbconvert jupyter-client " +
      "python3-nbclient\n",
  );
});
