import assert from "node:assert/strict";
import { appKeyId } from "../../../core/broker/kis/kv_keys.ts";
import { parseSymbolCode } from "../../../core/krx/mod.ts";
import { startE2e } from "./_e2e.ts";

const SAMSUNG = parseSymbolCode("005930");

/** The app key's bucket as the rate budget keeps it in KV. */
async function bucketOf(
  kv: Deno.Kv,
  appKey: string,
): Promise<{ at: number; until?: number; holder?: string }> {
  const entry = await kv.get<{ at: number; until?: number; holder?: string }>(
    ["kis", "rate_budget", await appKeyId(appKey)],
  );
  assert.ok(entry.value !== null, "the budget wrote its bucket");
  return entry.value;
}

Deno.test("the leased rate budget keeps wall time while the broker's clock is a market days ahead", async () => {
  await using e2e = await startE2e({ rateLimit: false }, { rateBudget: "leased" });
  const market = e2e.clock.now();
  assert.ok(Math.abs(market - Date.now()) > 86_400_000, "the simulated market is not today");
  const before = Date.now();
  await e2e.broker.getQuote(SAMSUNG);
  const first = await bucketOf(e2e.kv, e2e.sim.credentials.appKey);
  assert.ok(
    first.until! >= before + 5_000 && first.until! <= Date.now() + 5_000,
    "leased on wall time",
  );
  // the market jumps an hour a call: on its clock every lease would lapse at once and be taken again
  for (let i = 0; i < 5; i++) {
    e2e.sim.clock.advance(3_600_000);
    await e2e.broker.getQuote(SAMSUNG);
  }
  const after = await bucketOf(e2e.kv, e2e.sim.credentials.appKey);
  assert.equal(after.holder, first.holder);
  assert.ok(
    after.until! <= Date.now() + 5_000,
    "the lease never ran on the market's hours",
  );
});

Deno.test("the shared rate budget stamps each call with wall time, not the market's", async () => {
  await using e2e = await startE2e({ rateLimit: false }, { rateBudget: "shared" });
  e2e.sim.clock.advance(86_400_000 * 3);
  const before = Date.now();
  await e2e.broker.getQuote(SAMSUNG);
  const bucket = await bucketOf(e2e.kv, e2e.sim.credentials.appKey);
  assert.ok(bucket.at >= before && bucket.at <= Date.now(), `bucket at ${bucket.at}`);
});
