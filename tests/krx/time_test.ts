import assert from "node:assert/strict";
import {
  clockTime,
  compactDate,
  compactTimeOfDay,
  dashedDate,
  kstDateTime,
  kstInstant,
  kstWallClock,
  parseKstDateTime,
  seoulDate,
} from "../../core/krx/mod.ts";

Deno.test("KST is UTC+9: 15:00 UTC is the next day's midnight in Seoul", () => {
  const clock = kstWallClock(new Date("2025-06-01T15:00:00Z"));
  assert.equal(clock.date, "2025-06-02");
  assert.equal(clock.compactDate, "20250602");
  assert.equal(clock.compactTime, "000000");
  assert.equal(clock.msOfDay, 0);
  assert.equal(seoulDate(Date.parse("2025-06-01T14:59:59.999Z")), "2025-06-01");
});

Deno.test("epoch milliseconds and Dates read the same, before 1970 too", () => {
  const ms = Date.parse("1969-12-31T23:30:05Z");
  assert.deepEqual(kstWallClock(ms), kstWallClock(new Date(ms)));
  assert.equal(kstDateTime(ms), "1970-01-01 08:30:05");
});

Deno.test("KIS's token-expiry form round-trips through parseKstDateTime and kstDateTime", () => {
  const ms = parseKstDateTime("2025-06-02 23:59:07");
  assert.equal(ms, Date.parse("2025-06-02T14:59:07Z"));
  assert.equal(kstDateTime(new Date(ms)), "2025-06-02 23:59:07");
  assert.throws(() => parseKstDateTime("2025-06-02T23:59:07"), /YYYY-MM-DD HH:MM:SS/);
});

Deno.test("kstInstant places a KST wall-clock time on its day", () => {
  assert.equal(kstInstant("2025-06-02", 9, 0).toISOString(), "2025-06-02T00:00:00.000Z");
  assert.equal(kstInstant("2025-06-02", 15, 30, 1).toISOString(), "2025-06-02T06:30:01.000Z");
});

Deno.test("compact and dashed dates convert both ways", () => {
  assert.equal(compactDate("2025-06-02"), "20250602");
  assert.equal(dashedDate("20250602"), "2025-06-02");
});

Deno.test("an invalid instant is refused", () => {
  assert.throws(() => kstWallClock(new Date(Number.NaN)), RangeError);
  assert.throws(() => kstWallClock(Number.POSITIVE_INFINITY), RangeError);
});

Deno.test("compact times come from seconds of the day and read as HH:MM:SS", () => {
  assert.equal(compactTimeOfDay(0), "000000");
  assert.equal(compactTimeOfDay(9 * 3600 + 30), "090030");
  assert.equal(compactTimeOfDay(86_399), "235959");
  assert.equal(clockTime("153000"), "15:30:00");
});
