import assert from "node:assert/strict";
import type { OrderRequest } from "../../core/broker/mod.ts";
import { parseSymbolCode } from "../../core/krx/mod.ts";
import {
  checkOrder,
  orderAmount,
  type RiskLimits,
  RiskRejected,
  type RiskSnapshot,
  routeOpen,
} from "../../core/trading/mod.ts";

/** 09:30 KST, Friday 2026-11-27: KRX continuous session. */
const OPEN = Date.parse("2026-11-27T00:30:00Z");
const symbol = parseSymbolCode("005930");

const limits: RiskLimits = {
  maxOrderKrw: 10_000_000,
  maxDailyKrw: 30_000_000,
  maxPositionWeightBps: 2_000,
  maxOpenOrders: 5,
};
const snapshot: RiskSnapshot = {
  at: OPEN,
  killSwitchOn: false,
  instrument: {},
  basePrice: 50_000, // limits 35,000–65,000, tick 100
  lastPrice: 50_000,
  buyableCash: 20_000_000,
  orderedTodayKrw: 0,
  openOrders: 0,
  positionValueKrw: 0,
  equityKrw: 100_000_000,
  defaultRoute: "KRX",
};
const buy = (quantity: number, price: number): OrderRequest => ({
  type: "limit",
  side: "buy",
  symbol,
  quantity,
  price,
});

const codes = (order: OrderRequest, at: Partial<RiskSnapshot> = {}) =>
  checkOrder(order, { ...snapshot, ...at }, limits).map((r) => r.code);

Deno.test("an order inside every limit passes", () => {
  assert.deepEqual(codes(buy(10, 50_000)), []);
  assert.deepEqual(codes({ type: "market", side: "sell", symbol, quantity: 10 }), []);
});

Deno.test("each risk check refuses with its own named rejection", async (t) => {
  const cases: [string, OrderRequest, Partial<RiskSnapshot>, string][] = [
    ["kill switch on", buy(1, 50_000), { killSwitchOn: true }, "kill_switch"],
    ["fractional quantity", buy(1.5, 50_000), {}, "invalid_quantity"],
    ["zero quantity", buy(0, 50_000), {}, "invalid_quantity"],
    ["off the 100-won tick", buy(1, 50_050), {}, "off_tick"],
    ["over the upper price limit", buy(1, 65_100), {}, "price_limit"],
    ["under the lower price limit", buy(1, 34_900), {}, "price_limit"],
    [
      "KRX closed at 20:00 KST",
      buy(1, 50_000),
      { at: Date.parse("2026-11-27T11:00:00Z") },
      "session_closed",
    ],
    ["a Saturday", buy(1, 50_000), { at: Date.parse("2026-11-28T01:00:00Z") }, "session_closed"],
    ["per-order amount", buy(201, 50_000), { buyableCash: 1e9, equityKrw: 1e10 }, "order_amount"],
    ["per-day amount", buy(100, 50_000), { orderedTodayKrw: 26_000_000 }, "daily_amount"],
    ["open orders", buy(1, 50_000), { openOrders: 5 }, "open_orders"],
    ["position weight", buy(100, 50_000), { positionValueKrw: 16_000_000 }, "position_weight"],
    ["buyable cash", buy(100, 50_000), { buyableCash: 4_999_999 }, "insufficient_cash"],
  ];
  for (const [name, order, at, code] of cases) {
    await t.step(name, () => assert.deepEqual(codes(order, at), [code]));
  }
  await t.step("every failed check is listed, with a message", () => {
    const rejections = checkOrder(buy(500, 50_050), { ...snapshot, killSwitchOn: true }, limits);
    assert.deepEqual(rejections.map((r) => r.code), [
      "kill_switch",
      "off_tick",
      "order_amount",
      "position_weight",
      "insufficient_cash",
    ]);
    const error = new RiskRejected(rejections);
    assert.match(error.message, /kill switch/);
    assert.match(error.message, /50050 is off the 100-won tick/);
  });
});

Deno.test("a market buy is valued at the upper limit, a market sell at the last price", () => {
  assert.equal(
    orderAmount({ type: "market", side: "buy", symbol, quantity: 10 }, snapshot),
    650_000,
  );
  assert.equal(
    orderAmount({ type: "market", side: "sell", symbol, quantity: 10 }, snapshot),
    500_000,
  );
  assert.deepEqual(
    codes({ type: "market", side: "buy", symbol, quantity: 100 }, { buyableCash: 6_000_000 }),
    ["insufficient_cash"],
  );
});

Deno.test("sells are not held to position weight or cash", () => {
  const sell: OrderRequest = { type: "limit", side: "sell", symbol, quantity: 100, price: 50_000 };
  assert.deepEqual(codes(sell, { buyableCash: 0, positionValueKrw: 90_000_000 }), []);
});

Deno.test("each route opens by its venue's sessions", () => {
  const at = (kst: string) => Date.parse(`2026-11-27T${kst}+09:00`);
  assert.equal(routeOpen("KRX", at("08:35:00")), true, "KRX takes auction orders from 08:30");
  assert.equal(routeOpen("KRX", at("08:10:00")), false);
  assert.equal(routeOpen("NXT", at("08:10:00")), true, "NXT pre-market");
  assert.equal(routeOpen("SOR", at("08:10:00")), true);
  assert.equal(routeOpen("KRX", at("17:00:00")), false);
  assert.equal(routeOpen("NXT", at("17:00:00")), true, "NXT after-market");
  assert.equal(routeOpen("NXT", at("20:30:00")), false);
  assert.deepEqual(codes({ ...buy(1, 50_000), route: "NXT" }, { at: at("17:00:00") }), []);
});

Deno.test("without the day's base price a market sell is checked and a limit order refused to check", () => {
  const noBase = { basePrice: null };
  assert.deepEqual(codes({ type: "market", side: "sell", symbol, quantity: 10 }, noBase), []);
  assert.throws(() => codes(buy(1, 50_000), noBase), RangeError);
  assert.throws(
    () => codes({ type: "market", side: "buy", symbol, quantity: 1 }, noBase),
    RangeError,
  );
});
