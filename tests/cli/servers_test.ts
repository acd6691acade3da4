import assert from "node:assert/strict";
import { E2E_ADMIN_PASSWORD, removeKv, serveArgs, tempKvPath } from "../e2e/_app_server.ts";
import { lines, PROJECT_ROOT, runTask, type TaskRun } from "./_task.ts";

/**
 * `main.ts` run with exactly the permissions `deno task start` gives it (without the build), as
 * the demo on a store of its own.
 */
async function runServer(env: Record<string, string>): Promise<TaskRun> {
  const kvPath = tempKvPath();
  const output = await new Deno.Command(Deno.execPath(), {
    args: await serveArgs(),
    cwd: PROJECT_ROOT,
    env: {
      NO_COLOR: "1",
      KIS_APP_KEY: "",
      KIS_APP_SECRET: "",
      KIS_ACCOUNT: "",
      KV_PATH: kvPath,
      // Without it a first start prints the admin's one-time password, a line of its own.
      ADMIN_PASSWORD: E2E_ADMIN_PASSWORD,
      ...env,
    },
    stdout: "piped",
    stderr: "piped",
    signal: AbortSignal.timeout(30_000),
  }).output().finally(() => removeKv(kvPath));
  const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
  return { code: output.code, stdout: decode(output.stdout), stderr: decode(output.stderr) };
}

Deno.test("the server ends with one line: exit 2 for a bad setting, 1 for a busy port", async (t) => {
  await t.step("a PORT that is not a number", async () => {
    const run = await runServer({ PORT: "http" });
    assert.equal(run.code, 2);
    assert.equal(run.stderr, "start: invalid environment: PORT must be a number\n");
  });
  await t.step("a HOST with a scheme", async () => {
    const run = await runServer({ HOST: "http://localhost" });
    assert.equal(run.code, 2);
    assert.match(run.stderr, /^start: invalid environment: HOST must be a host name/);
    assert.equal(lines(run.stderr).length, 1);
  });
  await t.step("a port another process holds", async () => {
    using busy = Deno.listen({ hostname: "127.0.0.1", port: 0 });
    const port = (busy.addr as Deno.NetAddr).port;
    const run = await runServer({ HOST: "127.0.0.1", PORT: String(port) });
    assert.equal(run.code, 1);
    assert.equal(
      run.stderr,
      `start: cannot listen on 127.0.0.1:${port}: the port is already in use by another process\n`,
    );
  });
});

Deno.test("sim ends with one line and exit 1 when its port is taken", async () => {
  using busy = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (busy.addr as Deno.NetAddr).port;
  const run = await runTask("sim", ["--port", String(port), "--ws-port", "0"]);
  assert.equal(run.code, 1);
  assert.equal(
    run.stderr,
    `sim: cannot listen on 127.0.0.1 (REST port ${port}, WebSocket port 0): ` +
      "the port is already in use by another process\n",
  );
});

/** What `deno task sim <args>` on free ports prints before "Ctrl-C to stop."; then it is stopped. */
async function simBanner(args: readonly string[]): Promise<string> {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["task", "--quiet", "sim", "--port", "0", "--ws-port", "0", ...args],
    cwd: PROJECT_ROOT,
    env: { NO_COLOR: "1" },
    stdout: "piped",
    stderr: "null",
  }).spawn();
  let text = "";
  const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  try {
    while (!text.includes("Ctrl-C to stop.")) {
      const { value, done } = await reader.read();
      if (done) break;
      text += value;
    }
  } finally {
    child.kill("SIGINT");
    await reader.cancel();
    await child.status;
  }
  return text;
}

Deno.test("sim --clock demo says the market is simulated and the demo clock is on", async () => {
  const text = await simBanner(["--clock", "demo"]);
  assert.match(text, /^모의 시장 · 시뮬레이션 시각 \d{4}-\d\d-\d\d \d\d:\d\d:\d\d KST$/m);
  assert.match(text, /^ {2}clock {7}demo, now .* KST \(continuous\)$/m);
  assert.match(text, /^ {2}demo clock {2}on: /m);
});

Deno.test("sim prints its settings as export lines a shell accepts", async () => {
  const text = await simBanner(["--seed", "7"]);
  const exports = text.split("\n").filter((line) => line.startsWith("export "));
  assert.deepEqual(exports.map((line) => /^export (\w+)=/.exec(line)?.[1]), [
    "KIS_ENV",
    "KIS_REST_URL",
    "KIS_WS_URL",
    "KIS_APP_KEY",
    "KIS_APP_SECRET",
    "KIS_ACCOUNT",
    "KIS_HTS_ID",
  ]);
  // The shell itself reads the lines back, so quoting mistakes would show.
  const shell = await new Deno.Command("sh", {
    args: ["-c", `${exports.join("\n")}\nprintf '%s\\n' "$KIS_REST_URL" "$KIS_APP_SECRET"`],
    stdout: "piped",
  }).output();
  const [restUrl, secret] = new TextDecoder().decode(shell.stdout).split("\n");
  assert.match(restUrl!, /^http:\/\/127\.0\.0\.1:\d+$/);
  assert.ok(secret!.length > 20);
  assert.ok(text.includes(secret!), "the secret printed is the one the shell read back");
});
