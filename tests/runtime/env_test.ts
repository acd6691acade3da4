import assert from "node:assert/strict";
import { DEMO_KV_PATH, parseRuntimeEnv } from "@/core/runtime/mod.ts";
import { isFilePath, PLATFORM_KV } from "@/core/store/mod.ts";

const KEYS = { KIS_APP_KEY: "key", KIS_APP_SECRET: "secret", KIS_ACCOUNT: "12345678-01" };

Deno.test("parseRuntimeEnv picks the demo or a KIS account from the keys", async (t) => {
  await t.step("no keys (or empty ones) is the demo, in its own store by default", () => {
    assert.deepEqual(parseRuntimeEnv({}), { mode: "demo", kvPath: DEMO_KV_PATH });
    assert.deepEqual(parseRuntimeEnv({ KIS_APP_KEY: "", KV_PATH: "data/x.kv" }), {
      mode: "demo",
      kvPath: "data/x.kv",
    });
  });

  await t.step("all three keys is KIS, VTS and the default store unless told", () => {
    const env = parseRuntimeEnv(KEYS);
    assert.equal(env.mode, "kis");
    assert.equal(env.kvPath, "./data/yeouido.kv");
    assert.equal(env.mode === "kis" && env.kis.KIS_ENV, "vts");
  });

  await t.step("some keys but not all is refused, naming the missing ones", () => {
    assert.throws(
      () => parseRuntimeEnv({ KIS_APP_KEY: "key" }),
      /KIS_APP_SECRET, KIS_ACCOUNT not set/,
    );
  });

  await t.step("a malformed account or env is refused", () => {
    assert.throws(() => parseRuntimeEnv({ ...KEYS, KIS_ACCOUNT: "123" }), /12345678-01/);
    assert.throws(() => parseRuntimeEnv({ ...KEYS, KIS_ENV: "paper" }), /real or vts/);
  });
});

Deno.test("on Deno Deploy the store is the platform's KV unless KV_PATH names another", () => {
  const deploy = { DENO_DEPLOYMENT_ID: "abc123" };
  assert.deepEqual(parseRuntimeEnv(deploy), { mode: "demo", kvPath: PLATFORM_KV });
  assert.equal(parseRuntimeEnv({ ...deploy, ...KEYS }).kvPath, PLATFORM_KV);
  assert.equal(
    parseRuntimeEnv({ ...deploy, KV_PATH: "https://kv.example/connect" }).kvPath,
    "https://kv.example/connect",
  );
});

Deno.test("only a file path gets its folder created", () => {
  assert.equal(isFilePath("./data/yeouido.kv"), true);
  assert.equal(isFilePath("/var/lib/yeouido/store.kv"), true);
  assert.equal(isFilePath(":memory:"), false);
  assert.equal(isFilePath(PLATFORM_KV), false);
  assert.equal(isFilePath("https://api.deno.com/databases/0000/connect"), false);
});
