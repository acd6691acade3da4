import assert from "node:assert/strict";
import {
  cronMatches,
  EVERY_DAY,
  JOB_NAMES,
  jobSchedules,
  type KstSchedule,
  MON_TO_FRI,
  parseCronExpression,
  utcCronExpressions,
} from "../../core/jobs/mod.ts";
import { intendedAt } from "./_support.ts";

const MINUTE_MS = 60_000;
const KST_OFFSET_MS = 9 * 3_600_000;

Deno.test("the default jobs' UTC expressions", () => {
  const schedules = jobSchedules();
  const expressions = Object.fromEntries(
    JOB_NAMES.map((name) => [name, utcCronExpressions(schedules[name].kst)]),
  );
  assert.deepEqual(expressions, {
    "holiday-refresh": ["30 22 * * *"], // 07:30 KST every day
    "pre-open-check": ["50 23 * * SUN-THU"], // 08:50 KST Mon–Fri is the evening before in UTC
    "strategy-run": ["10 0,6 * * MON-FRI"], // 09:10 and 15:10 KST
    "alert-sweep": ["* 0-6 * * MON-FRI", "0-29 7 * * MON-FRI"], // 09:00–16:29 KST
    "reconcile": ["*/5 0-6 * * MON-FRI", "0-25/5 7 * * MON-FRI"], // 09:00–16:25 KST
    "daily-report": ["40 6-7 * * MON-FRI"], // 15:40 and 16:40 KST
  });
});

const EXTRA_SCHEDULES: [string, KstSchedule][] = [
  ["every 7 min 08:00–10:30, crossing UTC midnight", {
    kind: "every",
    minutes: 7,
    from: "08:00",
    until: "10:30",
    days: MON_TO_FRI,
  }],
  ["weekend half-hours 06:00–12:00", {
    kind: "every",
    minutes: 30,
    from: "06:00",
    until: "12:00",
    days: ["SAT", "SUN"],
  }],
  ["00:00 and 23:59 every day", { kind: "at", times: ["23:59", "00:00"], days: EVERY_DAY }],
  ["Monday 08:59 and 09:00", { kind: "at", times: ["08:59", "09:00"], days: ["MON"] }],
  ["every minute all day Sunday", {
    kind: "every",
    minutes: 1,
    from: "00:00",
    until: "23:59",
    days: ["SUN"],
  }],
];

/** Every UTC minute of the week from `start`, with the number of expressions matching it. */
function firings(expressions: readonly string[], start: number, minutes: number) {
  const parsed = expressions.map(parseCronExpression);
  const result: { instant: number; matches: number }[] = [];
  for (let i = 0; i < minutes; i++) {
    const instant = start + i * MINUTE_MS;
    const matches = parsed.filter((fields) => cronMatches(fields, new Date(instant))).length;
    if (matches > 0) result.push({ instant, matches });
  }
  return result;
}

Deno.test("over a full week, every UTC firing is an intended KST minute, each exactly once", async (t) => {
  const schedules: [string, KstSchedule][] = [
    ...JOB_NAMES.map((name): [string, KstSchedule] => [name, jobSchedules()[name].kst]),
    ...EXTRA_SCHEDULES,
  ];
  // 2026-03-01 00:00 KST, a Sunday.
  const weekStart = Date.UTC(2026, 2, 1) - KST_OFFSET_MS;
  const weekMinutes = 7 * 24 * 60;
  for (const [name, schedule] of schedules) {
    await t.step(name, () => {
      const expressions = utcCronExpressions(schedule);
      const fired = firings(expressions, weekStart, weekMinutes);
      assert.ok(fired.every((f) => f.matches === 1), "a minute matched by two expressions");
      const intended: number[] = [];
      for (let i = 0; i < weekMinutes; i++) {
        const instant = weekStart + i * MINUTE_MS;
        const kst = new Date(instant + KST_OFFSET_MS);
        const minute = kst.getUTCHours() * 60 + kst.getUTCMinutes();
        if (intendedAt(schedule, kst.getUTCDay(), minute)) intended.push(instant);
      }
      assert.ok(intended.length > 0);
      assert.deepEqual(fired.map((f) => f.instant), intended);
    });
  }
});

Deno.test("KST has no daylight saving: each day of 2026 and 2028 fires at the same Seoul times", () => {
  const seoul = new Intl.DateTimeFormat("en-US", {
    timeZone: "Asia/Seoul",
    weekday: "short",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  });
  const schedule = jobSchedules().reconcile.kst;
  const expressions = utcCronExpressions(schedule);
  for (const year of [2026, 2028]) {
    const start = Date.UTC(year, 0, 1) - KST_OFFSET_MS;
    const minutes = (Date.UTC(year + 1, 0, 1) - Date.UTC(year, 0, 1)) / MINUTE_MS;
    const fired = firings(expressions, start, minutes);
    const weekdays = new Set(["Mon", "Tue", "Wed", "Thu", "Fri"]);
    const perDay = new Map<number, number>();
    for (const { instant } of fired) {
      // Intl reads Asia/Seoul from the time-zone database, not from our offset constant.
      const parts = Object.fromEntries(
        seoul.formatToParts(new Date(instant)).map((p) => [p.type, p.value]),
      );
      const minute = Number(parts.hour) * 60 + Number(parts.minute);
      assert.ok(weekdays.has(parts.weekday!), `${new Date(instant).toISOString()} on a weekend`);
      assert.ok(minute >= 540 && minute < 990 && minute % 5 === 0, `${parts.hour}:${parts.minute}`);
      const day = Math.floor((instant + KST_OFFSET_MS) / 86_400_000);
      perDay.set(day, (perDay.get(day) ?? 0) + 1);
    }
    // 09:00–16:25 every 5 minutes is 90 firings on every weekday of the year.
    assert.ok([...perDay.values()].every((count) => count === 90));
    assert.equal(perDay.size, year === 2026 ? 261 : 260);
  }
});

Deno.test("expressions name weekdays and never write day-of-week 0", () => {
  for (const name of JOB_NAMES) {
    for (const expression of utcCronExpressions(jobSchedules()[name].kst)) {
      const weekday = expression.split(" ")[4]!;
      assert.match(weekday, /^(\*|[A-Z]{3}(-[A-Z]{3})?(,[A-Z]{3}(-[A-Z]{3})?)*)$/, expression);
    }
  }
});
