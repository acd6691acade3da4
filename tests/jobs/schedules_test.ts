import assert from "node:assert/strict";
import { JOB_NAMES, jobSchedules, WIDEST_SESSION } from "../../core/jobs/mod.ts";

Deno.test("the widest session spans 09:00 to the exam day's 16:30 close", () => {
  assert.deepEqual(WIDEST_SESSION, { open: 9 * 60, close: 16 * 60 + 30 });
});

Deno.test("jobSchedules has one row per job, with defaults", () => {
  const schedules = jobSchedules();
  assert.deepEqual(Object.keys(schedules), [...JOB_NAMES]);
  assert.deepEqual(schedules["daily-report"].kst, {
    kind: "at",
    times: ["15:40", "16:40"],
    days: ["MON", "TUE", "WED", "THU", "FRI"],
  });
  assert.deepEqual(schedules["alert-sweep"].guard, { kind: "in_session" });
  assert.equal(schedules["holiday-refresh"].guard.kind, "any_day");
});

Deno.test("jobSchedules takes configured times and intervals", () => {
  const schedules = jobSchedules({
    strategyRunTimes: ["10:30"],
    reconcileEveryMinutes: 10,
    reportMinutesAfterClose: 20,
  });
  const weekdays = ["MON", "TUE", "WED", "THU", "FRI"];
  assert.deepEqual(schedules["strategy-run"].kst, { kind: "at", times: ["10:30"], days: weekdays });
  assert.deepEqual(schedules.reconcile.kst, {
    kind: "every",
    minutes: 10,
    from: "09:00",
    until: "16:30",
    days: weekdays,
  });
  assert.deepEqual(schedules["daily-report"].kst, {
    kind: "at",
    times: ["15:50", "16:50"],
    days: weekdays,
  });
  assert.deepEqual(schedules["daily-report"].guard, { kind: "after_close", minutes: 20 });
});

Deno.test("jobSchedules refuses a strategy time that could never run, and bad clock times", () => {
  assert.throws(() => jobSchedules({ strategyRunTimes: ["08:30"] }), /never run/);
  assert.throws(() => jobSchedules({ strategyRunTimes: ["16:30"] }), /never run/);
  assert.throws(() => jobSchedules({ strategyRunTimes: ["09:10", "09:10"] }), /repeat/);
  assert.throws(() => jobSchedules({ preOpenCheckAt: "8:50" }), /HH:MM/);
  assert.throws(() => jobSchedules({ alertSweepEveryMinutes: 0 }));
});
