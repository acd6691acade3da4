import assert from "node:assert/strict";
import { PROJECT_ROOT, removeKv, serveArgs, tempKvPath } from "../e2e/_app_server.ts";
import { TABLE_CRONS } from "../jobs/_support.ts";

const SHIM = new URL("./_cron_shim.ts", import.meta.url).pathname;

Deno.test("loading main.ts registers every job's cron on its UTC schedule before any start-up work (Deno Deploy)", async () => {
  const kvPath = tempKvPath();
  const args = await serveArgs();
  const child = new Deno.Command(Deno.execPath(), {
    args: [...args.slice(0, -1), `--preload=${SHIM}`, args.at(-1)!],
    cwd: PROJECT_ROOT,
    env: {
      ROLE: "worker",
      PORT: "0",
      HOST: "127.0.0.1",
      KV_PATH: kvPath,
      KIS_APP_KEY: "",
      KIS_APP_SECRET: "",
      KIS_ACCOUNT: "",
      LOG_LEVEL: "info",
    },
    stdout: "piped",
    stderr: "null",
  }).spawn();
  const lines: Record<string, unknown>[] = [];
  try {
    const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
    let rest = "";
    while (!lines.some((line) => line.msg === "listening")) {
      const chunk = await reader.read();
      if (chunk.done) throw new Error(`main.ts ended before listening:\n${JSON.stringify(lines)}`);
      const parts = (rest + chunk.value).split("\n");
      rest = parts.pop()!;
      lines.push(...parts.map((part) => JSON.parse(part)));
    }
    child.kill("SIGTERM");
    await reader.cancel();
  } finally {
    const status = await child.status;
    await removeKv(kvPath);
    assert.equal(status.code, 0);
  }
  const crons = lines.filter((line) => line.call === "cron");
  assert.deepEqual(
    crons.map((line) => ({ cronName: line.name, expression: line.schedule })),
    TABLE_CRONS,
  );
  const firstWork = lines.findIndex((line) => line.call === "openKv" || line.msg === "config");
  const lastCron = lines.lastIndexOf(crons.at(-1)!);
  assert.ok(
    firstWork > lastCron,
    "every cron is registered before the config is read or KV opened",
  );
});
