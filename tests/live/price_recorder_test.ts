import assert from "node:assert/strict";
import type { TradeTick } from "@/core/broker/mod.ts";
import { parseSymbolCode } from "@/core/krx/mod.ts";
import { readLivePrices, writeLivePrices } from "@/core/live/price_record.ts";
import { LivePriceRecorder } from "@/core/live/price_recorder.ts";
import { KEYS, openStore } from "@/core/store/mod.ts";
import { within } from "../broker/kis/_e2e.ts";

function trade(symbol: string, price: number): TradeTick {
  return {
    type: "trade",
    symbol: parseSymbolCode(symbol),
    time: "09:00:00",
    price,
    change: price - 70_000,
    direction: "up",
    open: 70_000,
    high: price,
    low: 70_000,
    ask: price,
    bid: price,
    quantity: 1,
    cumulativeVolume: 1,
    cumulativeValue: price,
  };
}

Deno.test("the recorder writes only the latest trade of each symbol, on its timer, not per trade", async () => {
  let now = 1_000;
  using store = await openStore({ path: ":memory:", now: () => now });
  const errors: unknown[] = [];
  const recorder = new LivePriceRecorder(store, {
    writeEveryMs: 3_600_000,
    onError: (error) => errors.push(error),
  });
  try {
    for (const price of [70_100, 70_200, 70_300]) recorder.record(trade("005930", price));
    now = 2_000;
    recorder.record(trade("000660", 120_500));
    assert.deepEqual(await readLivePrices(store.kv), [], "nothing is written per trade");
    await recorder.flush();
    assert.deepEqual(await readLivePrices(store.kv), [
      { symbol: "000660", price: 120_500, change: 50_500, at: 2_000 },
      { symbol: "005930", price: 70_300, change: 300, at: 1_000 },
    ]);
    const stamp = (await store.kv.get(KEYS.livePrice("005930"))).versionstamp;
    await recorder.flush();
    assert.equal(
      (await store.kv.get(KEYS.livePrice("005930"))).versionstamp,
      stamp,
      "a flush with nothing new writes nothing",
    );
  } finally {
    await recorder.close();
  }
  assert.deepEqual(errors, []);
});

Deno.test("the recorder's timer writes a burst's last trade within its interval", async () => {
  using store = await openStore({ path: ":memory:" });
  const recorder = new LivePriceRecorder(store, { writeEveryMs: 50, onError: () => {} });
  try {
    recorder.record(trade("005930", 70_100));
    recorder.record(trade("005930", 70_200));
    await within(
      (async () => {
        while ((await readLivePrices(store.kv)).length === 0) {
          await new Promise((resolve) => setTimeout(resolve, 10));
        }
      })(),
      "the timed write",
    );
    assert.equal((await readLivePrices(store.kv))[0]?.price, 70_200);
  } finally {
    await recorder.close();
  }
});

Deno.test("a price record that does not parse is skipped, and a bad one is never written", async () => {
  using store = await openStore({ path: ":memory:" });
  await store.kv.set(KEYS.livePrice("005930"), { symbol: "005930", price: "high" });
  await writeLivePrices(store.kv, [{ symbol: "000660", price: 120_500, change: 0, at: 1 }]);
  assert.deepEqual((await readLivePrices(store.kv)).map((p) => p.symbol), ["000660"]);
  await assert.rejects(
    () => writeLivePrices(store.kv, [{ symbol: "000660", price: 1.5, change: 0, at: 1 }]),
  );
});
