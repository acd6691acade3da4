import assert from "node:assert/strict";
import {
  fillCosts,
  type InstrumentKind,
  isOnTick,
  type Market,
  parseIsoDate,
  parseSymbolCode,
  priceLimits,
  roundToTick,
} from "../../core/krx/mod.ts";
import {
  compareDrift,
  type HeldPosition,
  planRebalance,
  type PriceQuote,
  rebalanceConfigSchema,
} from "../../core/rebalance/mod.ts";

/** mulberry32: a small seeded generator, so a failure replays from its seed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const POOL = ["005930", "000660", "035720", "051910", "068270", "105560", "207940", "373220"]
  .map(parseSymbolCode);
const DATES = ["2022-06-02", "2023-06-01", "2025-03-04", "2026-03-03"].map(parseIsoDate);
const MARKETS: readonly Market[] = ["KOSPI", "KOSDAQ", "KONEX"];
const INSTRUMENTS: readonly InstrumentKind[] = ["stock", "stock", "etf"];

/** One random account, prices, targets and settings. */
function scenario(next: () => number) {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)] as T;
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  const date = pick(DATES);
  const symbols = POOL.filter(() => next() < 0.6);
  const quotes: Record<string, PriceQuote> = {};
  const holdings: HeldPosition[] = [];
  const targets = [];
  let room = 10_000;
  for (const symbol of symbols) {
    const context = { instrument: pick(INSTRUMENTS), market: pick(MARKETS), date };
    const basePrice = roundToTick(int(500, 600_000), "down", context);
    const { upper, lower } = priceLimits(basePrice, context);
    const price = roundToTick(int(lower, upper), "down", context);
    quotes[symbol] = { price, basePrice };
    const quantity = next() < 0.7 ? int(1, 400) : 0;
    if (quantity > 0) {
      holdings.push({
        symbol,
        quantity,
        orderableQuantity: next() < 0.9 ? quantity : int(0, quantity),
        ...context,
      });
    }
    if (next() < 0.8) {
      const weight = int(0, room);
      room -= weight;
      targets.push({
        symbol,
        weight: weight / 10_000,
        instrument: context.instrument,
        market: context.market,
      });
    }
  }
  const config = rebalanceConfigSchema.parse({
    targets,
    driftBand: pick([0, 0, 0.5, 2]),
    minTradeKrw: pick([0, 0, 100_000, 1_000_000]),
    orderType: pick(["limit", "limit", "market"]),
    useUnsettledSellProceeds: next() < 0.6,
  });
  const cash = pick([0, int(0, 1_000_000), int(0, 100_000_000)]);
  return { config, input: { date, cash, holdings, quotes } };
}

Deno.test("over random portfolios, every plan keeps its promises", async (t) => {
  const next = random(20261203);
  const runs = 2_000;
  let orders = 0;
  for (let run = 0; run < runs; run++) {
    const { config, input } = scenario(next);
    if (input.holdings.length === 0 && input.cash === 0) continue;
    const plan = planRebalance(config, input);
    const context = (symbol: string) => {
      const target = config.targets.find((x) => x.symbol === symbol);
      const holding = input.holdings.find((h) => h.symbol === symbol);
      return {
        instrument: target?.instrument ?? holding?.instrument ?? "stock",
        market: target?.market ?? holding?.market ?? "KOSPI",
        date: input.date,
      } as const;
    };
    const where = `run ${run}: ${JSON.stringify({ config, input })}`;
    const sides = plan.orders.map((o) => o.side);
    const firstBuy = sides.indexOf("buy");
    assert.ok(firstBuy === -1 || sides.lastIndexOf("sell") < firstBuy, `${where}: buy before sell`);
    let reserved = 0;
    for (const order of plan.orders) {
      orders++;
      const quote = input.quotes[order.symbol]!;
      const { upper, lower } = priceLimits(quote.basePrice, context(order.symbol));
      if (order.type === "limit") {
        assert.ok(
          isOnTick(order.price, context(order.symbol)),
          `${where}: ${order.price} off tick`,
        );
        assert.ok(order.price >= lower && order.price <= upper, `${where}: ${order.price} outside`);
      }
      const holding = input.holdings.find((h) => h.symbol === order.symbol);
      if (order.side === "sell") {
        assert.ok(order.qty <= (holding?.orderableQuantity ?? 0), `${where}: oversold`);
        continue;
      }
      const reservePrice = order.type === "limit" ? order.price : order.reservePrice;
      const fill = {
        side: "buy",
        price: reservePrice,
        qty: order.qty,
        date: input.date,
        market: "KOSPI",
      } as const;
      reserved += reservePrice * order.qty + fillCosts(fill).fee;
    }
    const proceeds = plan.orders.filter((o) => o.side === "sell")
      .reduce((sum, o) => sum + o.value - o.fee - o.tax, 0);
    const spendable = input.cash + (config.useUnsettledSellProceeds ? proceeds : 0);
    assert.ok(reserved <= Math.max(spendable, 0), `${where}: spends ${reserved} of ${spendable}`);
    assert.ok(plan.cashAfter >= 0, `${where}: cash after ${plan.cashAfter}`);
    for (const s of plan.symbols.filter((s) => s.status === "traded")) {
      const worse = compareDrift(
        { value: s.afterQty * s.price, equity: plan.equityAfter },
        { value: s.heldQty * s.price, equity: plan.equity },
        s.targetBasisPoints,
      );
      assert.ok(worse <= 0, `${where}: ${s.symbol} drifts further`);
    }
  }
  await t.step(`checked ${runs} plans with their orders`, () => assert.ok(orders > runs));
});
