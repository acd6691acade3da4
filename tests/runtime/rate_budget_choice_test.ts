import assert from "node:assert/strict";
import { join } from "node:path";
import { appKeyId } from "@/core/broker/kis/kv_keys.ts";
import { parseSymbolCode } from "@/core/krx/mod.ts";
import { parseRuntimeEnv, startServices } from "@/core/runtime/mod.ts";
import { manualSimulator } from "../_support/simulator.ts";

/** Starts the services with KIS keys pointed at a simulator, reads one quote, and returns the bucket. */
async function bucketAfterOneCall(
  rateBudget: "shared" | "leased" | undefined,
): Promise<{ holder?: string } | null> {
  await using sim = await manualSimulator({ seed: 3, rateLimit: false });
  const dir = await Deno.makeTempDir();
  try {
    const env = parseRuntimeEnv({
      KIS_APP_KEY: sim.credentials.appKey,
      KIS_APP_SECRET: sim.credentials.appSecret,
      KIS_ACCOUNT: sim.credentials.account,
      KIS_ENV: sim.env,
      KIS_REST_URL: sim.restUrl,
      KIS_WS_URL: sim.wsUrl,
      KV_PATH: join(dir, "app.kv"),
    });
    assert.equal(env.mode, "kis");
    await using services = await startServices(env, { rateBudget });
    await services.broker.getQuote(parseSymbolCode("005930"));
    const key = ["kis", "rate_budget", await appKeyId(sim.credentials.appKey)];
    return (await services.store.kv.get<{ holder?: string }>(key)).value;
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test("with KIS keys the broker's rate budget is shared unless KIS_RATE_BUDGET leases it", async () => {
  const shared = await bucketAfterOneCall(undefined);
  assert.ok(shared !== null, "the call was counted in the store");
  assert.equal(shared.holder, undefined, "no lease: each call is its own commit");
  const leased = await bucketAfterOneCall("leased");
  assert.equal(typeof leased?.holder, "string", "the broker holds the bucket under a lease");
});
