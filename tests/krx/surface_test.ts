import assert from "node:assert/strict";
import {
  DEFAULT_CALENDAR,
  fillCosts,
  type IsoDate,
  priceLimits,
  sessionPhaseAt,
  tickSize,
} from "../../core/krx/mod.ts";

const TODAY_RULES = "2026-12-03" as IsoDate;

Deno.test("public surface: every option defaults to a KOSPI/KOSDAQ stock under today's rules", async (t) => {
  await t.step("priceLimits(base, { instrument, market, date, leverage })", () => {
    const full = { instrument: "stock", market: "KOSPI", date: TODAY_RULES, leverage: 1 } as const;
    assert.deepEqual(priceLimits(50_200), priceLimits(50_200, full));
    assert.deepEqual(priceLimits(50_200), priceLimits(50_200, { ...full, market: "KOSDAQ" }));
    assert.deepEqual(priceLimits(50_200), { upper: 65_200, lower: 35_200 });
  });
  await t.step("tickSize(price, { instrument, market, date })", () => {
    const full = { instrument: "stock", market: "KOSDAQ", date: TODAY_RULES } as const;
    for (const price of [1_500, 19_990, 150_000]) {
      assert.equal(tickSize(price), tickSize(price, full));
    }
    assert.equal(tickSize(150_000), 100);
  });
  await t.step("fillCosts({ side, price, qty, date, market, instrument })", () => {
    const sell = {
      side: "sell",
      price: 70_000,
      qty: 10,
      date: TODAY_RULES,
      market: "KOSPI",
    } as const;
    assert.deepEqual(fillCosts(sell), fillCosts({ ...sell, instrument: "stock" }));
    assert.deepEqual(fillCosts(sell), { fee: 105, tax: 1_400 });
  });
  await t.step("DEFAULT_CALENDAR.isTradingDay(date) and sessionPhaseAt(instant)", () => {
    assert.equal(DEFAULT_CALENDAR.isTradingDay(TODAY_RULES), true);
    assert.equal(sessionPhaseAt(new Date("2026-12-03T01:00:00Z")), "continuous"); // 10:00 KST
  });
});
