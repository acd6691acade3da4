import assert from "node:assert/strict";
import type { Broker } from "@/core/broker/types.ts";
import { BAR_CHUNK_SIZE, CachedBrokerBars } from "@/core/data/mod.ts";
import { parseIsoDate, parseSymbolCode } from "@/core/krx/mod.ts";
import { PREFIXES } from "@/core/store/mod.ts";
import { startE2e } from "../broker/kis/_e2e.ts";

const SAMSUNG = parseSymbolCode("005930");

/** The real broker, counting the daily-bar calls that reach it. */
function counting(broker: Pick<Broker, "getDailyBars">) {
  const counter = {
    calls: 0,
    getDailyBars: (...args: Parameters<Broker["getDailyBars"]>) => {
      counter.calls++;
      return broker.getDailyBars(...args);
    },
  };
  return counter;
}

Deno.test("CachedBrokerBars asks the broker once per symbol and range until the entry ages out", async () => {
  await using e2e = await startE2e();
  using kv = await Deno.openKv(":memory:");
  const broker = counting(e2e.broker);
  let now = 1_000_000;
  const bars = new CachedBrokerBars({ broker, kv, ttlMs: 60_000, now: () => now });
  const range = { from: parseIsoDate("2026-09-01"), to: parseIsoDate("2026-11-26") };

  const first = await bars.bars(SAMSUNG, range);
  const direct = await e2e.broker.getDailyBars(SAMSUNG, range);
  assert.ok(first.length > 40);
  assert.deepEqual(first, direct.map(({ tradedValue: _, ...row }) => row));
  assert.deepEqual(await bars.bars(SAMSUNG, range), first);
  assert.equal(broker.calls, 1, "the second read comes from KV");

  await bars.bars(SAMSUNG, { ...range, from: parseIsoDate("2026-10-01") });
  assert.equal(broker.calls, 2, "another range is another fetch");

  now += 60_000;
  assert.deepEqual(await bars.bars(SAMSUNG, range), first);
  assert.equal(broker.calls, 3, "an entry as old as the TTL is fetched again");
});

Deno.test("CachedBrokerBars splits a long history into chunks that each fit a KV value", async () => {
  await using e2e = await startE2e({ historyDays: 2 * BAR_CHUNK_SIZE + 100 });
  using kv = await Deno.openKv(":memory:");
  const broker = counting(e2e.broker);
  const bars = new CachedBrokerBars({ broker, kv });
  const range = { from: parseIsoDate("2019-01-01"), to: parseIsoDate("2026-11-26") };

  const fetched = await bars.bars(SAMSUNG, range);
  assert.ok(fetched.length > 2 * BAR_CHUNK_SIZE, `${fetched.length} bars`);
  const keys = [];
  for await (const entry of kv.list({ prefix: PREFIXES.barCache })) keys.push(entry.key);
  assert.equal(keys.length, 1 + Math.ceil(fetched.length / BAR_CHUNK_SIZE), "a head and chunks");
  assert.deepEqual(await new CachedBrokerBars({ broker, kv }).bars(SAMSUNG, range), fetched);
  assert.equal(broker.calls, 1);
});

Deno.test("CachedBrokerBars without KV asks the broker every time", async () => {
  await using e2e = await startE2e();
  const broker = counting(e2e.broker);
  const bars = new CachedBrokerBars({ broker });
  const range = { from: parseIsoDate("2026-11-02"), to: parseIsoDate("2026-11-26") };
  await bars.bars(SAMSUNG, range);
  await bars.bars(SAMSUNG, range);
  assert.equal(broker.calls, 2);
});
