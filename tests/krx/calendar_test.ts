import assert from "node:assert/strict";
import {
  DEFAULT_CALENDAR,
  epochDayToIsoDate,
  type IsoDate,
  isoDateToEpochDay,
  KRX_CALENDAR_YEARS,
  KRX_HOLIDAYS,
  TradingCalendar,
  weekdayOfEpochDay,
} from "../../core/krx/mod.ts";

const day = (s: string) => s as IsoDate;
const weekday = (s: string) => weekdayOfEpochDay(isoDateToEpochDay(day(s)));

Deno.test("DEFAULT_CALENDAR closes on weekends and KRX holidays", () => {
  assert.equal(DEFAULT_CALENDAR.isTradingDay(day("2025-01-24")), true); // Friday
  assert.equal(DEFAULT_CALENDAR.isTradingDay(day("2025-01-25")), false); // Saturday
  assert.equal(DEFAULT_CALENDAR.isTradingDay(day("2025-01-26")), false); // Sunday
  assert.equal(DEFAULT_CALENDAR.isTradingDay(day("2025-01-27")), false); // temporary holiday
  assert.equal(DEFAULT_CALENDAR.isTradingDay(day("2025-01-29")), false); // Seollal
  assert.equal(DEFAULT_CALENDAR.isTradingDay(day("2024-12-31")), false); // year-end closing
  assert.equal(DEFAULT_CALENDAR.isTradingDay(day("2025-06-03")), false); // election
  assert.equal(DEFAULT_CALENDAR.isTradingDay(day("2025-06-02")), true);
});

Deno.test("calendar 2027: Seollal closes Feb 8–9 and Feb 5 trades", () => {
  assert.equal(weekday("2027-02-05"), 5);
  assert.equal(DEFAULT_CALENDAR.isTradingDay(day("2027-02-05")), true);
  assert.equal(DEFAULT_CALENDAR.isTradingDay(day("2027-02-08")), false);
  assert.equal(DEFAULT_CALENDAR.isTradingDay(day("2027-02-09")), false);
  assert.equal(DEFAULT_CALENDAR.nextTradingDay(day("2027-02-05")), "2027-02-10");
});

Deno.test("calendar 2026: Constitution Day (07-17) is closed, a public holiday again", () => {
  assert.equal(DEFAULT_CALENDAR.isTradingDay(day("2026-07-17")), false);
  assert.equal(DEFAULT_CALENDAR.nextTradingDay(day("2026-07-16")), "2026-07-20");
});

Deno.test("calendar 2015–2023: election days, temporary holidays and year-end closings", async (t) => {
  const closed: [string, string][] = [
    ["2015-08-14", "temporary holiday"],
    ["2015-09-29", "Chuseok substitute"],
    ["2016-04-13", "National Assembly election"],
    ["2016-05-06", "temporary holiday"],
    ["2016-12-30", "year-end closing on the last weekday"],
    ["2017-05-09", "presidential election"],
    ["2017-10-02", "temporary holiday"],
    ["2017-10-06", "Chuseok substitute"],
    ["2017-12-29", "year-end closing on the last weekday"],
    ["2018-06-13", "local elections"],
    ["2020-04-15", "National Assembly election"],
    ["2020-08-17", "temporary holiday"],
    ["2021-08-16", "first national-day substitute"],
    ["2022-03-09", "presidential election"],
    ["2022-06-01", "local elections"],
    ["2023-05-29", "Buddha's Birthday substitute"],
    ["2023-10-02", "temporary holiday"],
  ];
  for (const [date, why] of closed) {
    await t.step(`${date} ${why}`, () => {
      assert.equal(DEFAULT_CALENDAR.isTradingDay(day(date)), false);
    });
  }
  await t.step("ordinary days around them trade", () => {
    for (const date of ["2015-08-13", "2017-05-08", "2021-12-30", "2022-12-29", "2023-12-28"]) {
      assert.equal(DEFAULT_CALENDAR.isTradingDay(day(date)), true, date);
    }
  });
});

Deno.test("every bundled holiday is a weekday inside the covered years, listed once and in order", () => {
  let previous = "";
  for (const date of KRX_HOLIDAYS) {
    const w = weekday(date);
    assert.ok(w >= 1 && w <= 5, `${date} is a weekend day`);
    const year = Number(date.slice(0, 4));
    assert.ok(year >= KRX_CALENDAR_YEARS.first && year <= KRX_CALENDAR_YEARS.last, date);
    assert.ok(date > previous, `${date} after ${previous}`);
    previous = date;
  }
});

Deno.test("every covered year closes on its last weekday of December (year-end closing)", () => {
  for (let year = KRX_CALENDAR_YEARS.first; year <= KRX_CALENDAR_YEARS.last; year++) {
    let last = isoDateToEpochDay(day(`${year}-12-31`));
    while (weekdayOfEpochDay(last) === 0 || weekdayOfEpochDay(last) === 6) last--;
    assert.equal(DEFAULT_CALENDAR.isTradingDay(epochDayToIsoDate(last)), false, `${year}`);
  }
});

Deno.test("calendar: a date outside 2015–2027 raises a RangeError naming the year", () => {
  assert.throws(() => DEFAULT_CALENDAR.isTradingDay(day("2028-01-03")), /2028/);
  assert.throws(() => DEFAULT_CALENDAR.isTradingDay(day("2014-12-30")), /2014/);
  assert.throws(() => DEFAULT_CALENDAR.nextTradingDay(day("2027-12-30")), /2028/);
  assert.throws(() => DEFAULT_CALENDAR.previousTradingDay(day("2015-01-02")), /2014/);
  assert.throws(() => DEFAULT_CALENDAR.addTradingDays(day("2027-12-29"), 2), RangeError);
  assert.equal(DEFAULT_CALENDAR.previousTradingDay(day("2015-01-05")), "2015-01-02");
  assert.equal(DEFAULT_CALENDAR.nextTradingDay(day("2027-12-29")), "2027-12-30");
});

Deno.test("next and previous trading days skip weekends and holiday runs", () => {
  assert.equal(DEFAULT_CALENDAR.nextTradingDay(day("2025-01-24")), "2025-01-31");
  assert.equal(DEFAULT_CALENDAR.previousTradingDay(day("2025-01-31")), "2025-01-24");
  assert.equal(DEFAULT_CALENDAR.nextTradingDay(day("2025-10-02")), "2025-10-10");
  assert.equal(DEFAULT_CALENDAR.nextTradingDay(day("2024-12-30")), "2025-01-02");
  assert.equal(DEFAULT_CALENDAR.previousTradingDay(day("2025-01-02")), "2024-12-30");
  // from a non-trading day
  assert.equal(DEFAULT_CALENDAR.nextTradingDay(day("2025-01-25")), "2025-01-31");
  // 2017's ten-day Chuseok break: 09-30 to 10-09
  assert.equal(DEFAULT_CALENDAR.nextTradingDay(day("2017-09-29")), "2017-10-10");
});

Deno.test("addTradingDays counts trading days in either direction", () => {
  assert.equal(DEFAULT_CALENDAR.addTradingDays(day("2025-10-02"), 2), "2025-10-13");
  assert.equal(DEFAULT_CALENDAR.addTradingDays(day("2025-10-13"), -2), "2025-10-02");
  assert.equal(DEFAULT_CALENDAR.addTradingDays(day("2025-10-13"), 0), "2025-10-13");
  // skips the 06-03 election, the 06-06 Memorial Day and the weekend: 4, 5, 9, 10, 11
  assert.equal(DEFAULT_CALENDAR.addTradingDays(day("2025-06-02"), 5), "2025-06-11");
  assert.throws(() => DEFAULT_CALENDAR.addTradingDays(day("2025-06-02"), 1.5), RangeError);
});

Deno.test("withKnownDays: days from KIS's holiday inquiry override and extend the calendar", async (t) => {
  const known = DEFAULT_CALENDAR.withKnownDays([
    { date: day("2028-01-03"), open: true },
    { date: day("2028-01-04"), open: false },
    { date: day("2028-01-05"), open: true },
    { date: day("2026-12-30"), open: false }, // a late-designated closing
    { date: day("2027-02-09"), open: true },
  ]);
  await t.step("outside the bundled years, only the known dates are covered", () => {
    assert.equal(known.isTradingDay(day("2028-01-03")), true);
    assert.equal(known.isTradingDay(day("2028-01-04")), false);
    assert.equal(known.nextTradingDay(day("2028-01-03")), "2028-01-05");
    assert.throws(() => known.isTradingDay(day("2028-01-06")), /2028/);
  });
  await t.step("inside them, a known day wins over the bundled table", () => {
    assert.equal(known.isTradingDay(day("2026-12-30")), false);
    assert.equal(known.isTradingDay(day("2027-02-09")), true);
    assert.equal(known.nextTradingDay(day("2026-12-29")), "2027-01-04");
  });
  await t.step("the last answer for a date wins, and the original is unchanged", () => {
    const again = known.withKnownDays([{ date: day("2028-01-04"), open: true }]);
    assert.equal(again.isTradingDay(day("2028-01-04")), true);
    assert.equal(known.isTradingDay(day("2028-01-04")), false);
    assert.equal(DEFAULT_CALENDAR.isTradingDay(day("2026-12-30")), true);
    assert.throws(() => DEFAULT_CALENDAR.isTradingDay(day("2028-01-03")), RangeError);
  });
});

Deno.test("a calendar is built from holiday data and can be extended", () => {
  const calendar = new TradingCalendar([day("2030-01-02")]);
  assert.equal(calendar.isTradingDay(day("2030-01-02")), false);
  assert.equal(calendar.isTradingDay(day("2030-01-03")), true);
  const extended = calendar.withHolidays([day("2030-01-03")]);
  assert.equal(extended.nextTradingDay(day("2030-01-01")), "2030-01-04");
  assert.equal(calendar.isTradingDay(day("2030-01-03")), true);
  const bounded = new TradingCalendar([], { first: 2030, last: 2030 });
  assert.equal(bounded.isTradingDay(day("2030-12-31")), true);
  assert.throws(() => bounded.isTradingDay(day("2031-01-01")), /2031/);
  assert.equal(
    DEFAULT_CALENDAR.withHolidays([day("2025-06-02")]).isTradingDay(day("2025-06-02")),
    false,
  );
});

Deno.test("calendar: trading-day and closing-day counts match KRX's published figures", () => {
  const counts = (year: number) => {
    let trading = 0;
    let weekdayClosings = 0;
    const last = isoDateToEpochDay(day(`${year}-12-31`));
    for (let d = isoDateToEpochDay(day(`${year}-01-01`)); d <= last; d++) {
      const w = weekdayOfEpochDay(d);
      if (DEFAULT_CALENDAR.isTradingDay(epochDayToIsoDate(d))) trading++;
      else if (w !== 0 && w !== 6) weekdayClosings++;
    }
    return { trading, weekdayClosings };
  };
  // KRX, reported 2020-12-28: 2017 had 243 trading days; 2017 and 2018 17 closing days each,
  // 2020 14 (248 trading days); 2021 was planned with 10 (251), before the three substitute
  // holidays of 2021-08-16, 10-04 and 10-11 were added.
  assert.deepEqual(counts(2017), { trading: 243, weekdayClosings: 17 });
  assert.equal(counts(2018).weekdayClosings, 17);
  assert.deepEqual(counts(2020), { trading: 248, weekdayClosings: 14 });
  assert.deepEqual(counts(2021), { trading: 251 - 3, weekdayClosings: 10 + 3 });
});
