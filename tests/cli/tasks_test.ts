import assert from "node:assert/strict";
import { join } from "node:path";
import { parseRuntimeEnv } from "@/core/runtime/mod.ts";
import { lines, runTask } from "./_task.ts";

Deno.test("every CLI answers --help with its usage and exit code 0", async (t) => {
  for (const name of ["backtest", "kis", "sim"]) {
    await t.step(name, async () => {
      const run = await runTask(name, ["--help"]);
      assert.equal(run.code, 0, run.stderr);
      assert.match(run.stdout, new RegExp(`^usage: deno task ${name}`));
      assert.equal(run.stderr, "");
    });
  }
});

Deno.test("bad usage ends with one human line and exit code 2", async (t) => {
  const cases: [string, string[], RegExp][] = [
    ["backtest", ["--speed", "3"], /^backtest: unknown option --speed \(deno task backtest --help/],
    ["backtest", ["--csv"], /^backtest: --csv needs a value/],
    ["kis", ["price"], /^kis: missing <code> \(/],
    ["kis", ["frob"], /^kis: unknown command "frob"/],
    [
      "kis",
      ["order", "hold", "005930", "1", "--market"],
      /^kis: the order side must be buy or sell/,
    ],
    ["sim", ["--port", "http"], /^sim: --port must be a whole number \(got "http"\)/],
    ["sim", ["--env", "prod"], /^sim: --env must be real or vts \(got "prod"\)/],
    ["sim", ["--seed"], /^sim: --seed needs a value/],
    ["sim", ["--clock", "fast"], /^sim: --clock must be realtime or demo \(got "fast"\)/],
  ];
  for (const [name, args, message] of cases) {
    await t.step(`${name} ${args.join(" ")}`, async () => {
      const run = await runTask(name, args);
      assert.equal(run.code, 2, run.stderr);
      assert.equal(lines(run.stderr).length, 1, run.stderr);
      assert.match(run.stderr, message);
    });
  }
});

Deno.test("kis without its environment names each missing variable, exit code 2", async () => {
  const run = await runTask("kis", ["balance"]);
  assert.equal(run.code, 2);
  assert.match(run.stderr, /^kis: KIS_APP_KEY, KIS_APP_SECRET, KIS_ACCOUNT not set: /);
});

/** The message the app starts with when `env` is refused. */
function appRefusal(env: Record<string, string>): string {
  try {
    parseRuntimeEnv(env);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error(`the app accepts ${JSON.stringify(env)}`);
}

Deno.test("kis refuses a bad KIS variable with the app's own words, exit code 2", async (t) => {
  const keys = { KIS_APP_KEY: "key", KIS_APP_SECRET: "secret", KIS_ACCOUNT: "12345678-01" };
  const cases: [string, Record<string, string>][] = [
    ["a key missing", { KIS_APP_KEY: "key", KIS_ACCOUNT: "12345678-01" }],
    ["an account of the wrong shape", { ...keys, KIS_ACCOUNT: "1234" }],
    ["an unknown environment and route", { ...keys, KIS_ENV: "prod", KIS_ORDER_ROUTE: "NYSE" }],
    ["a URL that is not one", { ...keys, KIS_REST_URL: "localhost" }],
  ];
  for (const [name, env] of cases) {
    await t.step(name, async () => {
      const app = appRefusal(env);
      const run = await runTask("kis", ["balance"], { env });
      assert.equal(run.code, 2, run.stderr);
      assert.equal(lines(run.stderr).length, 1, run.stderr);
      assert.ok(
        run.stderr.startsWith(`kis: ${app} (`),
        `${run.stderr} is the app's ${app}`,
      );
    });
  }
});

Deno.test("kis refuses a KV_PATH its task may not write, saying where it may", async () => {
  const run = await runTask("kis", ["balance"], {
    env: {
      KIS_APP_KEY: "key",
      KIS_APP_SECRET: "secret",
      KIS_ACCOUNT: "12345678-01",
      KV_PATH: "/tmp/elsewhere/kis.kv",
    },
  });
  assert.equal(run.code, 2);
  assert.equal(
    run.stderr,
    "kis: KV_PATH /tmp/elsewhere/kis.kv is outside data/, the only folder deno task kis may " +
      "write to\n",
  );
});

Deno.test("backtest reads --csv relative to the folder deno task was run from", async (t) => {
  const dir = await Deno.makeTempDir();
  const write = (name: string, text: string) => Deno.writeTextFile(join(dir, name), text);
  const header = "date,open,high,low,close,volume";
  try {
    await write(
      "bars.csv",
      `${header}\n2026-01-02,100,100,100,100,1\n2026-01-05,100,100,100,100,1\n`,
    );
    await t.step("a relative path from another folder", async () => {
      const run = await runTask("backtest", ["--csv", "bars.csv", "--json"], { cwd: dir });
      assert.equal(run.code, 0, run.stderr);
      assert.equal(JSON.parse(run.stdout).equity.length, 2);
    });
    await t.step("a missing file is named by its full path", async () => {
      const run = await runTask("backtest", ["--csv", "nope.csv"], { cwd: dir });
      assert.equal(run.code, 2);
      assert.equal(
        run.stderr,
        `backtest: ${join(dir, "nope.csv")}: cannot read: no such file or folder\n`,
      );
    });
    await t.step("a Saturday bar is refused, naming the line", async () => {
      await write(
        "saturday.csv",
        `${header}\n2026-01-02,100,100,100,100,1\n2026-01-03,1,1,1,1,1\n`,
      );
      const run = await runTask("backtest", ["--csv", "saturday.csv"], { cwd: dir });
      assert.equal(run.code, 2);
      assert.equal(
        run.stderr,
        `backtest: ${join(dir, "saturday.csv")} line 3, column 1 (date): ` +
          "2026-01-03 is a Saturday, not a KRX trading day\n",
      );
    });
    await t.step("a header-only file says it has no bars", async () => {
      await write("empty.csv", `${header}\n`);
      const run = await runTask("backtest", ["--csv", "empty.csv"], { cwd: dir });
      assert.equal(run.code, 2);
      assert.equal(
        run.stderr,
        `backtest: ${join(dir, "empty.csv")}: the file has no bars, only a header\n`,
      );
    });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
