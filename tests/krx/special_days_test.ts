import assert from "node:assert/strict";
import {
  DEFAULT_CALENDAR,
  type IsoDate,
  KRX_SPECIAL_DAYS,
  kstInstant,
  type NxtSessionPhase,
  nxtSessionPhaseAt,
  type SessionPhase,
  sessionPhaseAt,
} from "../../core/krx/mod.ts";

/** [KST time "HH:MM" or "HH:MM:SS", expected phase] on one date. */
type Case<P> = readonly [string, P];

function at(date: string, time: string): Date {
  const [hh, mm, ss] = time.split(":").map(Number) as [number, number, number?];
  return kstInstant(date, hh, mm, ss ?? 0);
}

async function checkPhases<P>(
  t: Deno.TestContext,
  date: string,
  phaseAt: (instant: Date) => P,
  cases: readonly Case<P>[],
): Promise<void> {
  for (const [time, phase] of cases) {
    await t.step(`${date} ${time}`, () => assert.equal(phaseAt(at(date, time)), phase));
  }
}

Deno.test("delayed opening: the exam day shifts every KRX phase an hour, after-hours still end at 18:00", async (t) => {
  await checkPhases<SessionPhase>(t, "2025-11-13", sessionPhaseAt, [
    ["08:30", "closed"],
    ["09:29:59", "closed"],
    ["09:30", "pre_open"],
    ["09:40", "opening_auction"],
    ["09:59:59", "opening_auction"],
    ["10:00", "continuous"],
    ["15:30", "continuous"],
    ["16:19:59", "continuous"],
    ["16:20", "closing_auction"],
    ["16:30", "closed"],
    ["16:40", "after_hours"],
    ["17:59:59", "after_hours"],
    ["18:00", "closed"],
  ]);
});

Deno.test("delayed opening: the year's first trading day opens at 10:00 and closes at 15:30", async (t) => {
  await checkPhases<SessionPhase>(t, "2026-01-02", sessionPhaseAt, [
    ["08:30", "closed"],
    ["09:00", "closed"],
    ["09:30", "pre_open"],
    ["09:40", "opening_auction"],
    ["10:00", "continuous"],
    ["15:20", "closing_auction"],
    ["15:30", "closed"],
    ["15:40", "after_hours"],
    ["18:00", "closed"],
  ]);
});

Deno.test("delayed opening before 2016-08-01 shifts the old 15:00 close", async (t) => {
  // exam day 2015: 10:00–16:00, closing auction from 15:50, after-hours from 16:10
  await checkPhases<SessionPhase>(t, "2015-11-12", sessionPhaseAt, [
    ["09:59", "opening_auction"],
    ["10:00", "continuous"],
    ["15:50", "closing_auction"],
    ["16:00", "closed"],
    ["16:10", "after_hours"],
  ]);
  // first trading day 2016: 10:00–15:00
  await checkPhases<SessionPhase>(t, "2016-01-04", sessionPhaseAt, [
    ["09:30", "pre_open"],
    ["10:00", "continuous"],
    ["14:50", "closing_auction"],
    ["15:00", "closed"],
    ["15:10", "after_hours"],
  ]);
});

Deno.test("regular hours: the close moved from 15:00 to 15:30 on 2016-08-01", async (t) => {
  await checkPhases<SessionPhase>(t, "2016-07-29", sessionPhaseAt, [
    ["09:00", "continuous"],
    ["14:50", "closing_auction"],
    ["15:00", "closed"],
    ["15:10", "after_hours"],
  ]);
  await checkPhases<SessionPhase>(t, "2016-08-01", sessionPhaseAt, [
    ["14:50", "continuous"],
    ["15:20", "closing_auction"],
    ["15:40", "after_hours"],
  ]);
});

Deno.test("delayed opening: Nextrade skips its pre-market and opens its main market at 10:00:30", async (t) => {
  await checkPhases<NxtSessionPhase>(t, "2025-11-13", nxtSessionPhaseAt, [
    ["08:10", "closed"],
    ["09:30", "closed"],
    ["10:00:29", "closed"],
    ["10:00:30", "main_market"],
    ["16:19:59", "main_market"],
    ["16:20", "closed"],
    ["16:30", "after_market"],
    ["19:59:59", "after_market"],
    ["20:00", "closed"],
  ]);
  await checkPhases<NxtSessionPhase>(t, "2026-01-02", nxtSessionPhaseAt, [
    ["08:10", "closed"],
    ["10:00:30", "main_market"],
    ["15:20", "closed"],
    ["15:30", "after_market"],
  ]);
  // an ordinary day for contrast
  await checkPhases<NxtSessionPhase>(t, "2026-01-05", nxtSessionPhaseAt, [
    ["08:10", "pre_market"],
    ["09:00:30", "main_market"],
  ]);
});

Deno.test("the special-day table: trading days only, each year's first trading day and one exam day a year", () => {
  const byYear = new Map<string, string[]>();
  for (const { date, kind } of KRX_SPECIAL_DAYS) {
    assert.equal(DEFAULT_CALENDAR.isTradingDay(date), true, date);
    const year = date.slice(0, 4);
    if (kind === "year_opening") {
      assert.equal(DEFAULT_CALENDAR.nextTradingDay(`${year}-01-01` as IsoDate), date);
    } else {
      byYear.set(year, [...(byYear.get(year) ?? []), date]);
    }
  }
  for (let year = 2015; year <= 2027; year++) {
    const expected = year === 2017 ? 2 : 1; // 2017: the announced day and the postponed exam
    assert.equal(byYear.get(String(year))?.length, expected, `${year}`);
  }
});
