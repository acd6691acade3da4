import assert from "node:assert/strict";
import {
  KisError,
  MARKET_DAY_PREFIX,
  refreshMarketDays,
  storedTradingCalendar,
} from "../../../core/broker/kis/mod.ts";
import { DEFAULT_CALENDAR, parseIsoDate } from "../../../core/krx/mod.ts";
import { startE2e } from "./_e2e.ts";

// Tuesday 2026-12-01 closed in the simulated market only: a "temporary holiday" KRX announced
// after the bundled table was written.
const TEMPORARY_HOLIDAY = parseIsoDate("2026-12-01");
const FROM = parseIsoDate("2026-11-27");

Deno.test("the holiday inquiry (chk-holiday, CTCA0903R) reads the simulator's calendar over every page", async () => {
  const calendar = DEFAULT_CALENDAR.withHolidays([TEMPORARY_HOLIDAY]);
  await using e2e = await startE2e({ calendar, rateLimit: false }, { requestsPerSecond: 50 });
  const before = e2e.sim.stats.requests;
  const days = await e2e.broker.getMarketDays(FROM);
  assert.equal(e2e.sim.stats.requests - before, 2, "20 days in two pages of 10");
  assert.equal(days.length, 20);
  assert.equal(days[0]?.date, FROM);
  for (const day of days) {
    assert.equal(day.open, calendar.isTradingDay(day.date), day.date);
  }
  assert.deepEqual(days.find((day) => day.date === TEMPORARY_HOLIDAY), {
    date: TEMPORARY_HOLIDAY,
    open: false,
    businessDay: false,
    tradingDay: false,
    settlementDay: false,
  });
});

Deno.test("market days refreshed into KV under one key per day build the trading calendar", async (t) => {
  const calendar = DEFAULT_CALENDAR.withHolidays([TEMPORARY_HOLIDAY]);
  await using e2e = await startE2e({ calendar, rateLimit: false }, { requestsPerSecond: 50 });
  const stored = await refreshMarketDays(e2e.kv, e2e.broker, FROM, e2e.clock);

  await t.step("each day is one entry at [kis, market_day, YYYY-MM-DD]", async () => {
    assert.equal(stored, 20);
    const entries = await Array.fromAsync(e2e.kv.list({ prefix: [...MARKET_DAY_PREFIX] }));
    assert.equal(entries.length, 20);
    const holiday = await e2e.kv.get([...MARKET_DAY_PREFIX, TEMPORARY_HOLIDAY]);
    assert.deepEqual(
      { ...holiday.value as Record<string, unknown>, fetchedAt: "" },
      { open: false, businessDay: false, tradingDay: false, settlementDay: false, fetchedAt: "" },
    );
  });

  await t.step("the calendar from KV closes the day KIS reported closed", async () => {
    assert.equal(DEFAULT_CALENDAR.isTradingDay(TEMPORARY_HOLIDAY), true);
    const fromKv = await storedTradingCalendar(e2e.kv);
    assert.equal(fromKv.isTradingDay(TEMPORARY_HOLIDAY), false);
    assert.equal(fromKv.nextTradingDay(parseIsoDate("2026-11-30")), parseIsoDate("2026-12-02"));
  });

  await t.step("an entry of another shape is refused, naming its key", async () => {
    await e2e.kv.set([...MARKET_DAY_PREFIX, "2026-12-24"], { open: "N" });
    await assert.rejects(storedTradingCalendar(e2e.kv), /"2026-12-24"/);
  });
});

Deno.test("on the mock server the holiday inquiry is refused as KIS's mock server refuses it", async () => {
  await using e2e = await startE2e({ env: "vts", rateLimit: false }, { requestsPerSecond: 50 });
  const error = await e2e.broker.getMarketDays(FROM).catch((e: unknown) => e);
  assert.ok(error instanceof KisError, `expected a KisError, got ${error}`);
  assert.equal(error.msgCd, "EGW02006");
  assert.equal(error.msg1, "모의투자 TR 이 아닙니다.");
  assert.equal(error.category, "auth");
});
