import assert from "node:assert/strict";
import { AlertRepository } from "../../core/alerts/repository.ts";
import { startRealtimeAlerts, TradingDesk } from "../../core/engine/mod.ts";
import { parseSymbolCode, tickSize } from "../../core/krx/mod.ts";
import type { Notification } from "../../core/notify/mod.ts";
import { openStore } from "../../core/store/mod.ts";
import { startE2e, within } from "../broker/kis/_e2e.ts";

const SAMSUNG = parseSymbolCode("005930");
const SK_HYNIX = parseSymbolCode("000660");
const TAPE_MS = 5_000;

/** Polls `condition` every 10 ms of real time, failing naming `what` after 10 s. */
function eventually(condition: () => boolean | Promise<boolean>, what: string): Promise<void> {
  return within(
    (async () => {
      while (!(await condition())) await new Promise((resolve) => setTimeout(resolve, 10));
    })(),
    what,
  );
}

Deno.test("realtime alerts fire from the trade stream, follow alert changes and write highs back at stop", async (t) => {
  await using e2e = await startE2e({ seed: 1, rateLimit: false }, { requestsPerSecond: 200 });
  const { sim, broker } = e2e;
  using store = await openStore({ path: ":memory:", now: () => sim.clock.now().getTime() });
  const account = sim.credentials.account;
  const alerts = new AlertRepository(store);
  const price = sim.market.price(SAMSUNG);
  const tick = tickSize(price);
  // a bracket one tick either side: the first trade that moves fires one of them
  const bracket = [
    await alerts.create({
      account,
      symbol: SAMSUNG,
      rule: { kind: "price_above", price: price + tick },
    }),
    await alerts.create({
      account,
      symbol: SAMSUNG,
      rule: { kind: "price_below", price: price - tick },
    }),
  ];
  const notified: Notification[] = [];
  const warnings: string[] = [];
  const subscribedTrades = () =>
    sim.realtimeSessions().flat().filter((id) => id.startsWith("H0STCNT0|"));
  const desk = new TradingDesk({ store, broker, accountId: account, log: () => {} });
  const realtime = await startRealtimeAlerts({
    store,
    broker,
    desk,
    notify: (notification) => {
      notified.push(notification);
      return Promise.resolve();
    },
    reloadMs: 60_000,
    log: (level, message) => {
      if (level === "warn" || level === "error") warnings.push(message);
    },
  });
  try {
    await t.step("it subscribes to the symbols that have alerts", () => {
      assert.deepEqual(realtime.symbols(), [SAMSUNG]);
    });

    await t.step("trades on the stream fire one side of the bracket, notified once", async () => {
      const fired = async () => {
        const states = await Promise.all(
          bracket.map(async (a) => (await alerts.get(account, a.id))?.alert.state.status),
        );
        return states.includes("triggered");
      };
      for (let step = 0; step < 120 && !(await fired()); step++) {
        sim.clock.advance(TAPE_MS);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      await eventually(fired, "a bracket alert triggered");
      await eventually(() => notified.length === 1, "its notification");
      assert.equal(notified[0]?.kind, "alert");
    });

    await t.step(
      "a stream that fails to open leaves the old one watching, with a warning",
      async () => {
        const unlisted = await alerts.create({
          account,
          symbol: parseSymbolCode("999990"), // not listed: KIS refuses its subscription
          rule: { kind: "price_above", price: 1_000 },
        });
        await realtime.refresh();
        assert.deepEqual(realtime.symbols(), [SAMSUNG]);
        assert.deepEqual(warnings, [
          "alerts: the new trade stream did not open; retrying at the next reload",
        ]);
        await eventually(
          () => subscribedTrades().join() === `H0STCNT0|${SAMSUNG}`,
          "the old stream still subscribed, the failed one's feeds released",
        );
        await alerts.delete(account, unlisted.id);
        warnings.length = 0;
      },
    );

    await t.step("an alert on a new symbol is subscribed at the next refresh", async () => {
      const trailing = await alerts.create(
        {
          account,
          symbol: SK_HYNIX,
          rule: { kind: "trailing_stop", trail: { unit: "percent", percent: 50 } },
        },
        { lastPrice: 1 },
      );
      await realtime.refresh();
      assert.deepEqual(realtime.symbols(), [SK_HYNIX, SAMSUNG].sort());
      for (let step = 0; step < 4; step++) {
        sim.clock.advance(TAPE_MS);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      await realtime.close();
      assert.deepEqual(warnings, []);
      await eventually(() => subscribedTrades().length === 0, "nothing left subscribed");
      const stored = (await alerts.get(account, trailing.id))?.alert.rule;
      assert.equal(stored?.kind, "trailing_stop");
      assert.ok(
        stored?.kind === "trailing_stop" && (stored.highWaterMark ?? 0) > 1,
        "the trailing high written back at stop",
      );
    });
  } finally {
    await realtime.close();
  }
});
