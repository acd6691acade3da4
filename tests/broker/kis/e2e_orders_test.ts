import assert from "node:assert/strict";
import { BrokerError, type OrderNotice } from "../../../core/broker/mod.ts";
import { type IsoDate, parseIsoDate, parseSymbolCode } from "../../../core/krx/mod.ts";
import { createBars, getStrategy } from "../../../core/strategies/mod.ts";
import { collect, startE2e } from "./_e2e.ts";

/** The moving-average cross written out plainly: long after fast > slow crosses up, flat after down. */
function maCrossLongAtEnd(closes: readonly number[], fast: number, slow: number): boolean {
  const sma = (end: number, period: number) => {
    if (end + 1 < period) return NaN;
    let sum = 0;
    for (let i = end - period + 1; i <= end; i++) sum += closes[i]!;
    return sum / period;
  };
  let long = false;
  for (let t = 1; t < closes.length; t++) {
    const [pf, ps, f, s] = [sma(t - 1, fast), sma(t - 1, slow), sma(t, fast), sma(t, slow)];
    if (pf <= ps && f > s) long = true;
    else if (pf >= ps && f < s) long = false;
  }
  return long;
}

const FROM = parseIsoDate("2026-05-01");
const TODAY: IsoDate = parseIsoDate("2026-11-27");

Deno.test("a strategy signal becomes an order, its fill notice and a position", async (t) => {
  await using e2e = await startE2e();
  const { sim, broker } = e2e;
  const strategy = getStrategy("ma-cross");
  const params = strategy.params.parse({ fast: 5, slow: 20 });

  const candidates = ["005930", "000660", "035420", "035720", "005380", "051910"]
    .map(parseSymbolCode);
  let chosen: { symbol: (typeof candidates)[number]; closes: number[] } | null = null;
  await t.step(
    "daily bars from the simulator give a long ma-cross signal on one symbol",
    async () => {
      for (const symbol of candidates) {
        const bars = await broker.getDailyBars(symbol, { from: FROM, to: TODAY });
        assert.ok(bars.length > 100, `${symbol}: only ${bars.length} bars`);
        const targets = strategy.targets(
          createBars({
            dates: bars.map((b) => b.date),
            open: bars.map((b) => b.open),
            high: bars.map((b) => b.high),
            low: bars.map((b) => b.low),
            close: bars.map((b) => b.close),
            volume: bars.map((b) => b.volume),
          }),
          params,
        );
        const closes = bars.map((b) => b.close);
        assert.equal(targets[targets.length - 1] === 1, maCrossLongAtEnd(closes, 5, 20), symbol);
        if (targets[targets.length - 1] === 1) {
          chosen = { symbol, closes };
          break;
        }
      }
      assert.ok(chosen, "no candidate is long; pick another seed");
    },
  );
  const { symbol } = chosen!;

  const stream = await broker.stream({ orderNotices: true });
  try {
    const quote = await broker.getQuote(symbol);
    await t.step("the live quote is the simulator's price", () => {
      assert.equal(quote.price, sim.market.price(symbol));
      assert.equal(quote.price % quote.tickSize, 0);
    });

    const before = await broker.getBalance();
    const heldBefore = before.holdings.find((h) => h.symbol === symbol)?.quantity ?? 0;
    const quantity = 3;
    const ack = await broker.placeOrder({ type: "market", side: "buy", symbol, quantity });

    await t.step("the fill notices arrive decrypted and add up to the order", async () => {
      const notices = await collect(
        stream,
        (events) =>
          events.filter((e): e is OrderNotice =>
            e.type === "order_notice" && e.event === "fill" && e.orderNo === ack.orderNo
          ).reduce((sum, e) => sum + e.quantity, 0) >= quantity,
      );
      const fills = notices.filter((e): e is OrderNotice =>
        e.type === "order_notice" && e.event === "fill" && e.orderNo === ack.orderNo
      );
      assert.equal(fills.reduce((sum, e) => sum + e.quantity, 0), quantity);
      for (const fill of fills) {
        assert.equal(fill.symbol, symbol);
        assert.equal(fill.side, "buy");
        assert.equal(fill.account, sim.credentials.account.replace("-", ""));
        assert.ok(fill.price >= quote.lowerLimit && fill.price <= quote.upperLimit);
      }
      const accepted = notices.find((e) =>
        e.type === "order_notice" && e.event === "accepted" && e.orderNo === ack.orderNo
      );
      assert.ok(accepted, "the order's acknowledgement notice arrives too");
    });

    await t.step("the balance shows the position with the bought quantity", async () => {
      const after = await broker.getBalance();
      const holding = after.holdings.find((h) => h.symbol === symbol);
      assert.ok(holding, `no ${symbol} in ${JSON.stringify(after.holdings)}`);
      assert.equal(holding.quantity, heldBefore + quantity);
      const simHolding = sim.market.account().holdings.find((h) => h.code === symbol);
      assert.equal(simHolding?.qty, holding.quantity);
    });

    await t.step("today's orders list the order as filled", async () => {
      const orders = await broker.getOrders({ from: TODAY, to: TODAY });
      const order = orders.find((o) => o.orderNo === ack.orderNo);
      assert.ok(order);
      assert.deepEqual(order.state, { status: "filled", filledQuantity: quantity });
    });
  } finally {
    await stream.close();
  }
});

Deno.test("an order while the market is closed is a typed market_closed error and changes nothing", async (t) => {
  for (const env of ["real", "vts"] as const) {
    await t.step(`${env}: 20:00 KST on a trading day`, async () => {
      await using e2e = await startE2e({
        env,
        rateLimit: false,
        clock: { mode: "manual", start: new Date("2026-11-27T11:00:00Z") },
      }, { requestsPerSecond: 50 });
      const { sim, broker } = e2e;
      const symbol = parseSymbolCode("005930");
      const before = await broker.getBalance();
      const simBefore = sim.market.account();
      const error = await broker.placeOrder({
        type: "limit",
        side: "buy",
        symbol,
        quantity: 1,
        price: sim.market.price(symbol),
      })
        .then(() => null, (e: unknown) => e);
      assert.ok(error instanceof BrokerError, `expected a BrokerError, got ${error}`);
      assert.equal(error.category, "market_closed");
      assert.deepEqual(await broker.getBalance(), before);
      assert.deepEqual(sim.market.account(), simBefore);
      assert.equal(sim.market.orders().length, 0);
    });
  }
  await t.step("a Saturday", async () => {
    await using e2e = await startE2e({
      clock: { mode: "manual", start: new Date("2026-11-28T01:00:00Z") },
    });
    const error = await e2e.broker.placeOrder({
      type: "market",
      side: "buy",
      symbol: parseSymbolCode("000660"),
      quantity: 1,
    }).then(() => null, (e: unknown) => e);
    assert.ok(error instanceof BrokerError);
    assert.equal(error.category, "market_closed");
    assert.equal(e2e.sim.market.orders().length, 0);
  });
});

Deno.test("an order beyond buyable cash is a typed insufficient_cash error and changes nothing", async (t) => {
  for (const env of ["real", "vts"] as const) {
    await t.step(env, async () => {
      await using e2e = await startE2e({ env, rateLimit: false, cash: 1_000_000 }, {
        requestsPerSecond: 50,
      });
      const { sim, broker } = e2e;
      const symbol = parseSymbolCode("005930");
      const price = sim.market.price(symbol);
      const buyable = await broker.getBuyable(symbol, price);
      assert.equal(buyable.cash, 1_000_000);
      // The fee (0.015 %) is reserved with the value, so the quantity is the whole shares it covers.
      assert.equal(buyable.maxQuantity, Math.floor(1_000_000 / (price * 1.00015)));
      const before = await broker.getBalance();
      const simBefore = sim.market.account();
      const error = await broker.placeOrder({
        type: "limit",
        side: "buy",
        symbol,
        quantity: buyable.maxQuantity + 1,
        price,
      }).then(() => null, (e: unknown) => e);
      assert.ok(error instanceof BrokerError, `expected a BrokerError, got ${error}`);
      assert.equal(error.category, "insufficient_cash");
      assert.deepEqual(await broker.getBalance(), before);
      assert.deepEqual(sim.market.account(), simBefore);
      assert.equal(sim.market.orders().length, 0);
      assert.deepEqual(await broker.getBuyable(symbol, price), buyable);
    });
  }
});

Deno.test("buyable asks inquire-psbl-order with ORD_DVSN 01 for a market buy and 00 at a limit price", async (t) => {
  await using e2e = await startE2e({ rateLimit: false, cash: 10_000_000 }, {
    requestsPerSecond: 50,
  });
  const { sim, broker } = e2e;
  const symbol = parseSymbolCode("005930");
  await t.step("a market buy is sized at the upper limit, where KIS reserves it", async () => {
    const buyable = await broker.getBuyable(symbol);
    assert.equal(buyable.unitPrice, sim.market.quote(symbol).upper);
  });
  await t.step("a limit buy is sized at its own price", async () => {
    const price = sim.market.quote(symbol).lower;
    assert.equal((await broker.getBuyable(symbol, price)).unitPrice, price);
  });
});

Deno.test("on the mock server (VTS) orders use V tr_ids and notices arrive on H0STCNI9", async () => {
  await using e2e = await startE2e({ env: "vts", rateLimit: false }, { requestsPerSecond: 50 });
  const { sim, broker } = e2e;
  const symbol = parseSymbolCode("035420");
  const stream = await broker.stream({ orderNotices: true });
  try {
    const price = sim.market.price(symbol);
    const ack = await broker.placeOrder({ type: "limit", side: "buy", symbol, quantity: 4, price });
    const events = await collect(
      stream,
      (seen) => seen.some((e) => e.type === "order_notice" && e.event === "accepted"),
    );
    const accepted = events.find((e) => e.type === "order_notice" && e.event === "accepted");
    assert.deepEqual(
      accepted?.type === "order_notice" &&
        [accepted.orderNo, accepted.symbol, accepted.side, accepted.orderQuantity, accepted.price],
      [ack.orderNo, symbol, "buy", 4, price],
    );
    const cancel = await broker.cancelOrder(ack);
    const more = await collect(
      stream,
      (seen) => seen.some((e) => e.type === "order_notice" && e.event === "cancelled"),
    );
    const cancelled = more.find((e) => e.type === "order_notice" && e.event === "cancelled");
    assert.ok(cancelled?.type === "order_notice");
    assert.equal(cancelled.orderNo, cancel.orderNo);
    assert.equal(cancelled.originalOrderNo, ack.orderNo);
  } finally {
    await stream.close();
  }
});

Deno.test("revised and cancelled orders are listed in states that add up", async () => {
  await using e2e = await startE2e({ rateLimit: false }, { requestsPerSecond: 100 });
  const { sim, broker } = e2e;
  const symbol = parseSymbolCode("005930");
  const tick = sim.market.quote(symbol).tick;
  // Ten ticks under the market, so nothing fills while the clock stands still.
  const price = sim.market.price(symbol) - 10 * tick;
  const placed = await broker.placeOrder({
    type: "limit",
    side: "buy",
    symbol,
    quantity: 5,
    price,
  });
  const revised = await broker.reviseOrder(placed, {
    type: "limit",
    price: price - tick,
    quantity: 3,
  });
  const cancelled = await broker.cancelOrder(placed);
  const orders = await broker.getOrders({ from: TODAY, to: TODAY });
  const byNo = new Map(orders.map((o) => [o.orderNo, o]));
  assert.deepEqual(byNo.get(placed.orderNo)?.state, { status: "cancelled", filledQuantity: 0 });
  assert.deepEqual(byNo.get(revised.orderNo)?.state, { status: "open", remainingQuantity: 3 });
  assert.equal(byNo.get(revised.orderNo)?.originalOrderNo, placed.orderNo);
  assert.equal(byNo.get(revised.orderNo)?.price, price - tick);
  assert.deepEqual(byNo.get(cancelled.orderNo)?.state, { status: "cancelled", filledQuantity: 0 });
  assert.equal(byNo.get(cancelled.orderNo)?.quantity, 2);
  const open = orders.filter((o) => o.state.status === "open");
  assert.deepEqual(open.map((o) => o.orderNo), [revised.orderNo]);
});
