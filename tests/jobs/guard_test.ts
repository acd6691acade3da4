import assert from "node:assert/strict";
import { guardDecision, jobSchedules } from "../../core/jobs/mod.ts";
import {
  DEFAULT_CALENDAR,
  kstInstant,
  parseIsoDate,
  type TradingCalendar,
} from "../../core/krx/mod.ts";

const schedules = jobSchedules();

function runs(
  job: keyof typeof schedules,
  date: string,
  hh: number,
  mm: number,
  calendar: TradingCalendar = DEFAULT_CALENDAR,
): boolean {
  return guardDecision(schedules[job], kstInstant(date, hh, mm).getTime(), calendar).run;
}

Deno.test("the guard skips weekends and holidays, except for any-day jobs", () => {
  assert.equal(runs("pre-open-check", "2026-03-04", 8, 50), true); // Wednesday
  assert.equal(runs("pre-open-check", "2026-03-07", 8, 50), false); // Saturday
  assert.equal(runs("pre-open-check", "2026-03-01", 8, 50), false); // Sunday, 삼일절
  assert.equal(runs("pre-open-check", "2026-03-02", 8, 50), false); // Monday, substitute holiday
  assert.equal(runs("alert-sweep", "2026-02-17", 10, 0), false); // Tuesday, 설날
  assert.equal(runs("reconcile", "2026-12-31", 10, 0), false); // year-end closing day
  assert.equal(runs("holiday-refresh", "2026-02-17", 7, 30), true);
});

Deno.test("the guard explains a skip", () => {
  const decision = guardDecision(
    schedules["alert-sweep"],
    kstInstant("2026-02-17", 10, 0).getTime(),
    DEFAULT_CALENDAR,
  );
  assert.deepEqual(decision, {
    run: false,
    date: "2026-02-17",
    code: "holiday",
    reason: "2026-02-17 is not a trading day",
  });
});

Deno.test("the guard follows a calendar passed in (e.g. refreshed from KIS)", () => {
  const closed = DEFAULT_CALENDAR.withHolidays([parseIsoDate("2026-03-03")]);
  assert.equal(runs("strategy-run", "2026-03-03", 9, 10, closed), false);
  assert.equal(runs("strategy-run", "2026-03-03", 9, 10), true);
});

Deno.test("in-session jobs run from the day's open to its close", async (t) => {
  await t.step("an ordinary day: 09:00–15:29", () => {
    assert.equal(runs("alert-sweep", "2026-03-04", 8, 59), false);
    assert.equal(runs("alert-sweep", "2026-03-04", 9, 0), true);
    assert.equal(runs("alert-sweep", "2026-03-04", 15, 29), true);
    assert.equal(runs("alert-sweep", "2026-03-04", 15, 30), false);
    assert.equal(runs("reconcile", "2026-03-04", 16, 10), false);
  });
  await t.step("the year's first trading day opens at 10:00", () => {
    assert.equal(runs("alert-sweep", "2026-01-02", 9, 30), false);
    assert.equal(runs("strategy-run", "2026-01-02", 9, 10), false);
    assert.equal(runs("alert-sweep", "2026-01-02", 10, 5), true);
    assert.equal(runs("alert-sweep", "2026-01-02", 15, 29), true);
    assert.equal(runs("alert-sweep", "2026-01-02", 15, 30), false);
  });
  await t.step("exam day runs 10:00–16:29", () => {
    assert.equal(runs("reconcile", "2026-11-19", 9, 55), false);
    assert.equal(runs("reconcile", "2026-11-19", 10, 0), true);
    assert.equal(runs("reconcile", "2026-11-19", 16, 10), true);
    assert.equal(runs("alert-sweep", "2026-11-19", 16, 29), true);
    assert.equal(runs("alert-sweep", "2026-11-19", 16, 30), false);
  });
});

Deno.test("the daily report runs once, ten minutes after that day's close", async (t) => {
  await t.step("an ordinary day: 15:40, not 16:40", () => {
    assert.equal(runs("daily-report", "2026-03-04", 15, 40), true);
    assert.equal(runs("daily-report", "2026-03-04", 15, 41), true); // a late firing still counts
    assert.equal(runs("daily-report", "2026-03-04", 16, 40), false);
  });
  await t.step("the year's first day closes as usual", () => {
    assert.equal(runs("daily-report", "2026-01-02", 15, 40), true);
  });
  await t.step("exam day: 16:40, not 15:40 (the market is still open)", () => {
    assert.equal(runs("daily-report", "2026-11-19", 15, 40), false);
    assert.equal(runs("daily-report", "2026-11-19", 16, 40), true);
  });
  await t.step("not on a holiday", () => {
    assert.equal(runs("daily-report", "2026-02-17", 15, 40), false);
  });
});

Deno.test("the guard refuses to guess outside the calendar's years", () => {
  assert.throws(() => runs("alert-sweep", "2031-03-03", 10, 0), /no KRX calendar for 2031/);
  assert.equal(runs("holiday-refresh", "2031-03-03", 7, 30), true);
});
