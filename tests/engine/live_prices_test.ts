import assert from "node:assert/strict";
import { AlertRepository } from "../../core/alerts/repository.ts";
import type { BrokerStream, StreamRequest } from "../../core/broker/mod.ts";
import { startLivePrices } from "../../core/engine/mod.ts";
import { parseSymbolCode, tickSize } from "../../core/krx/mod.ts";
import { type LivePrice, readLivePrices } from "../../core/live/price_record.ts";
import { watchedSymbols } from "../../core/live/watched_symbols.ts";
import { openStore } from "../../core/store/mod.ts";
import { startE2e, within } from "../broker/kis/_e2e.ts";

const SAMSUNG = parseSymbolCode("005930");
const SK_HYNIX = parseSymbolCode("000660");
const TAPE_MS = 5_000;

Deno.test("live prices watch the held and alerted symbols and write their trades to KV", async (t) => {
  await using e2e = await startE2e({ seed: 1, rateLimit: false }, { requestsPerSecond: 200 });
  const { sim, broker } = e2e;
  using store = await openStore({ path: ":memory:", now: () => sim.clock.now().getTime() });
  await broker.placeOrder({ type: "market", side: "buy", symbol: SK_HYNIX, quantity: 2 });
  await new AlertRepository(store).create({
    account: sim.credentials.account,
    symbol: SAMSUNG,
    rule: { kind: "price_above", price: sim.market.price(SAMSUNG) * 2 },
  });
  const prices = startLivePrices({
    store,
    broker,
    reloadMs: 60_000,
    writeEveryMs: 50,
    log: () => {},
  });
  try {
    await t.step("the held symbol and the alerted one are watched", async () => {
      await prices.refresh();
      assert.deepEqual(prices.symbols(), [SK_HYNIX, SAMSUNG].sort());
    });

    await t.step(
      "the set is bounded, holdings first; a failed balance read keeps the last holdings",
      async () => {
        assert.deepEqual((await watchedSymbols(store, broker, { max: 1 })).symbols, [SK_HYNIX]);
        sim.faults.inject({ kind: "corruptFields", fields: { dnca_tot_amt: "many" } });
        try {
          sim.clock.advance(6_000); // past the shared balance's 5 s on the store's clock
          const failed = await watchedSymbols(store, broker);
          assert.deepEqual(failed.symbols, [SAMSUNG], "without the balance, the alerts' only");
          const kept = await watchedSymbols(store, broker, { held: [SK_HYNIX] });
          assert.deepEqual(kept.symbols, [SK_HYNIX, SAMSUNG].sort());
        } finally {
          sim.faults.clear();
        }
      },
    );

    await t.step(
      "trades reach the records, on the tick grid and at the store's clock",
      async () => {
        let records: LivePrice[] = [];
        await within(
          (async () => {
            while (records.length < 2) {
              sim.clock.advance(TAPE_MS);
              await new Promise((resolve) => setTimeout(resolve, 30));
              records = await readLivePrices(store.kv);
            }
          })(),
          "a record of each watched symbol",
        );
        assert.deepEqual(records.map((r) => r.symbol), [SK_HYNIX, SAMSUNG].sort());
        for (const record of records) {
          assert.equal(record.price % tickSize(record.price), 0, `${record.symbol} on the grid`);
          assert.ok(record.at <= store.now() && record.at > store.now() - 3_600_000);
        }
      },
    );
  } finally {
    await prices.close();
  }
});

Deno.test("live prices closed while their first subscription is in flight stop quietly", async () => {
  await using e2e = await startE2e({ seed: 1, rateLimit: false }, { requestsPerSecond: 200 });
  const { sim, broker } = e2e;
  using store = await openStore({ path: ":memory:", now: () => sim.clock.now().getTime() });
  await broker.placeOrder({ type: "market", side: "buy", symbol: SK_HYNIX, quantity: 1 });
  // the real broker, its stream held back until the test has asked the prices to close
  const asked = Promise.withResolvers<void>();
  const gate = Promise.withResolvers<void>();
  const opened: BrokerStream[] = [];
  const gated = new Proxy(broker, {
    get(target, property) {
      if (property === "stream") {
        return async (request: StreamRequest) => {
          asked.resolve();
          await gate.promise;
          const stream = await target.stream(request);
          opened.push(stream);
          return stream;
        };
      }
      const value = Reflect.get(target, property, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
  const logged: string[] = [];
  const prices = startLivePrices({
    store,
    broker: gated,
    reloadMs: 60_000,
    log: (level, message) => logged.push(`${level} ${message}`),
  });
  await asked.promise;
  const closing = prices.close();
  gate.resolve();
  await closing;
  assert.equal(opened.length, 1, "the subscription did open");
  const ended = await opened[0]![Symbol.asyncIterator]().next();
  assert.equal(ended.done, true, "and was closed, not left subscribed");
  assert.deepEqual(logged.filter((line) => !line.startsWith("info")), []);
});
