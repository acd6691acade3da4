import assert from "node:assert/strict";
import { BrokerError, type OrderNotice, type TradeTick } from "../../../core/broker/mod.ts";
import { KisError } from "../../../core/broker/kis/mod.ts";
import { parseIsoDate, parseSymbolCode } from "../../../core/krx/mod.ts";
import { collect, startE2e } from "./_e2e.ts";

const SAMSUNG = parseSymbolCode("005930");
const TODAY = parseIsoDate("2026-11-27");
/** Friday 2026-11-27 16:00 KST: KRX has closed; Nextrade's after-market (15:30–20:00) trades. */
const NXT_AFTER_MARKET = new Date("2026-11-27T07:00:00Z");
/** 08:10 KST the same day: Nextrade's pre-market (08:00–08:50); KRX takes orders from 08:30. */
const NXT_PRE_MARKET = new Date("2026-11-26T23:10:00Z");

const notices = (events: readonly unknown[]) =>
  events.filter((e): e is OrderNotice => (e as OrderNotice).type === "order_notice");

Deno.test("an NXT order in Nextrade's after-market is accepted, listed with its route and cancellable", async (t) => {
  await using e2e = await startE2e(
    { rateLimit: false, clock: { mode: "manual", start: NXT_AFTER_MARKET } },
    { requestsPerSecond: 50 },
  );
  const { sim, broker } = e2e;
  const lower = sim.market.quote(SAMSUNG).lower;

  await t.step("KRX refuses the order after its close", async () => {
    const error = await broker.placeOrder({
      type: "limit",
      side: "buy",
      symbol: SAMSUNG,
      quantity: 1,
      price: lower,
    }).catch((e: unknown) => e);
    assert.ok(error instanceof BrokerError);
    assert.equal(error.category, "market_closed");
  });

  const stream = await broker.stream({ orderNotices: true });
  try {
    const ack = await broker.placeOrder({
      type: "limit",
      side: "buy",
      symbol: SAMSUNG,
      quantity: 2,
      price: lower,
      route: "NXT",
    });
    await t.step("the acknowledgement says NXT: in the ack and in ORD_EXG_GB", async () => {
      assert.equal(ack.route, "NXT");
      const [notice] = notices(await collect(stream, (events) => notices(events).length >= 1));
      assert.equal(notice?.event, "accepted");
      assert.deepEqual([notice?.route, notice?.venue], ["NXT", "NXT"]);
    });
  } finally {
    await stream.close();
  }

  await t.step("the journal lists it with route NXT (daily orders asked with ALL)", async () => {
    const orders = await broker.getOrders({ from: TODAY, to: TODAY });
    assert.deepEqual(
      orders.map((o) => [o.route, o.quantity, o.state.status]),
      [["NXT", 2, "open"]],
    );
  });

  await t.step("a cancel on its route goes through", async () => {
    const [order] = await broker.getOrders({ from: TODAY, to: TODAY });
    const cancel = await broker.cancelOrder(order!);
    assert.equal(cancel.route, "NXT");
    assert.equal(sim.market.orders().filter((o) => o.remaining > 0).length, 0);
  });
});

Deno.test("an order sent through NXT by another app is listed and cancellable from this one", async (t) => {
  await using e2e = await startE2e(
    { rateLimit: false, clock: { mode: "manual", start: NXT_AFTER_MARKET } },
    { requestsPerSecond: 50 },
  );
  const { sim, broker } = e2e;
  // the other app: its own client whose account routing setting is NXT
  const other = e2e.newBroker({ route: "NXT" });
  const placed = await other.placeOrder({
    type: "limit",
    side: "buy",
    symbol: SAMSUNG,
    quantity: 1,
    price: sim.market.quote(SAMSUNG).lower,
  });
  assert.equal(placed.route, "NXT");

  const [listed] = await broker.getOrders({ from: TODAY, to: TODAY });
  await t.step("this app (routing KRX) lists it with route NXT", () => {
    assert.equal(listed?.orderNo, placed.orderNo);
    assert.equal(listed?.route, "NXT");
  });
  await t.step("a cancel sent on KRX does not find it", async () => {
    const error = await broker.cancelOrder({ orderNo: placed.orderNo, branchNo: placed.branchNo })
      .catch((e: unknown) => e);
    assert.ok(error instanceof KisError);
    assert.equal(error.msgCd, "APBK0913");
  });
  await t.step("a cancel from the listed record (route NXT) goes through", async () => {
    await broker.cancelOrder(listed!);
    assert.equal(sim.market.orders().find((o) => o.odno === placed.orderNo)?.remaining, 0);
  });
});

Deno.test("smart order routing (SOR) executes on KRX in its session and on Nextrade before it", async (t) => {
  await t.step("09:30: a SOR market buy fills on KRX (ORD_EXG_GB 3)", async () => {
    await using e2e = await startE2e({ rateLimit: false }, { requestsPerSecond: 50 });
    const stream = await e2e.broker.stream({ orderNotices: true });
    try {
      await e2e.broker.placeOrder({
        type: "market",
        side: "buy",
        symbol: SAMSUNG,
        quantity: 1,
        route: "SOR",
      });
      const events = await collect(stream, (got) => notices(got).some((n) => n.event === "fill"));
      const fill = notices(events).find((n) => n.event === "fill");
      assert.deepEqual([fill?.route, fill?.venue], ["SOR", "KRX"]);
    } finally {
      await stream.close();
    }
  });

  await t.step(
    "08:10: a SOR limit buy at the best ask fills on Nextrade (ORD_EXG_GB 4)",
    async () => {
      await using e2e = await startE2e(
        { rateLimit: false, clock: { mode: "manual", start: NXT_PRE_MARKET } },
        { requestsPerSecond: 50, route: "SOR" },
      );
      const stream = await e2e.broker.stream({ orderNotices: true });
      try {
        await e2e.broker.placeOrder({
          type: "limit",
          side: "buy",
          symbol: SAMSUNG,
          quantity: 1,
          price: e2e.sim.market.quote(SAMSUNG).upper,
        });
        const events = await collect(stream, (got) => notices(got).some((n) => n.event === "fill"));
        const fill = notices(events).find((n) => n.event === "fill");
        assert.deepEqual([fill?.route, fill?.venue], ["SOR", "NXT"]);
        const [order] = await e2e.broker.getOrders({ from: TODAY, to: TODAY });
        assert.equal(order?.route, "SOR");
      } finally {
        await stream.close();
      }
    },
  );
});

Deno.test("Nextrade takes no market orders: the client refuses one before sending it", async () => {
  await using e2e = await startE2e({ rateLimit: false }, { requestsPerSecond: 50 });
  const before = e2e.sim.stats.requests;
  const error = await e2e.broker.placeOrder({
    type: "market",
    side: "buy",
    symbol: SAMSUNG,
    quantity: 1,
    route: "NXT",
  }).catch((e: unknown) => e);
  assert.ok(error instanceof BrokerError);
  assert.equal(error.category, "invalid_order");
  assert.equal(e2e.sim.stats.requests, before);
});

Deno.test("quotes by market code (J, NX, UN) and integrated realtime trades (H0UNCNT0)", async (t) => {
  await using e2e = await startE2e({ rateLimit: false }, { requestsPerSecond: 50 });
  const { sim, broker } = e2e;
  await t.step("KRX, NXT and integrated quotes are answered", async () => {
    for (const source of ["KRX", "NXT", "integrated"] as const) {
      assert.equal((await broker.getQuote(SAMSUNG, source)).price, sim.market.price(SAMSUNG));
    }
  });
  await t.step("an integrated stream carries the symbol's trades", async () => {
    const stream = await broker.stream({ trades: [SAMSUNG], quoteSource: "integrated" });
    try {
      sim.clock.advance(30_000);
      const events = await collect(stream, (got) => got.length >= 6);
      const trades = events.filter((e): e is TradeTick => e.type === "trade");
      assert.equal(
        trades.at(-1)?.cumulativeVolume,
        sim.market.quote(SAMSUNG, "integrated").volume,
      );
    } finally {
      await stream.close();
    }
  });
});

Deno.test("on the mock server NXT/SOR orders and NXT/integrated feeds are refused", async (t) => {
  await using e2e = await startE2e({ env: "vts", rateLimit: false }, { requestsPerSecond: 50 });
  const { sim, broker } = e2e;
  await t.step("an NXT order → the simulator's unsupported-order answer", async () => {
    const error = await broker.placeOrder({
      type: "limit",
      side: "buy",
      symbol: SAMSUNG,
      quantity: 1,
      price: sim.market.quote(SAMSUNG).lower,
      route: "NXT",
    }).catch((e: unknown) => e);
    assert.ok(error instanceof KisError);
    assert.equal(error.msgCd, "APBK0634");
    assert.deepEqual(sim.market.orders(), []);
  });
  await t.step("an integrated stream is refused before anything is sent", async () => {
    await assert.rejects(
      broker.stream({ trades: [SAMSUNG], quoteSource: "integrated" }),
      (error: unknown) => error instanceof BrokerError && /real accounts only/.test(error.message),
    );
  });
});

Deno.test("Nextrade's sessions decide NXT orders: none between 08:50 and 09:00:30 or after 20:00", async (t) => {
  const cases = [
    ["08:55, between NXT's pre- and main market", "2026-11-26T23:55:00Z", false],
    ["09:10, NXT's main market", "2026-11-27T00:10:00Z", true],
    ["19:59, NXT's after-market", "2026-11-27T10:59:00Z", true],
    ["20:01, after NXT closed", "2026-11-27T11:01:00Z", false],
  ] as const;
  for (const [when, instant, accepted] of cases) {
    await t.step(`${when}: ${accepted ? "accepted" : "market_closed"}`, async () => {
      await using e2e = await startE2e(
        { rateLimit: false, clock: { mode: "manual", start: new Date(instant) } },
        { requestsPerSecond: 50, route: "NXT" },
      );
      const outcome = await e2e.broker.placeOrder({
        type: "limit",
        side: "buy",
        symbol: SAMSUNG,
        quantity: 1,
        price: e2e.sim.market.quote(SAMSUNG).lower,
      }).then(() => "accepted", (e: unknown) => e instanceof BrokerError ? e.category : e);
      assert.equal(outcome, accepted ? "accepted" : "market_closed");
    });
  }
});
