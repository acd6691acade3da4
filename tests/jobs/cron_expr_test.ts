import assert from "node:assert/strict";
import { cronMatches, parseCronExpression } from "../../core/jobs/mod.ts";

Deno.test("parseCronExpression reads values, ranges, steps and weekday names", () => {
  const fields = parseCronExpression("0-25/5,59 */6 * * SUN-TUE,SAT");
  assert.deepEqual([...fields.minutes], [0, 5, 10, 15, 20, 25, 59]);
  assert.deepEqual([...fields.hours], [0, 6, 12, 18]);
  assert.deepEqual([...fields.weekdays], [0, 1, 2, 6]);
  assert.equal(parseCronExpression("* * * * *").weekdays.size, 7);
});

Deno.test("parseCronExpression refuses what Deno.cron or a reader could take two ways", async (t) => {
  const cases: [string, RegExp][] = [
    ["0 0 * * 0", /weekday names/], // Deno rejects 0; other crons read it as Sunday
    ["0 0 * * 1-5", /weekday names/], // SUN–THU in Deno, MON–FRI elsewhere
    ["0 0 0 * * MON", /expected 5 fields/], // seconds are not supported
    ["0 0 * * FRI-MON", /wraps/],
    ["60 0 * * *", /outside 0–59/],
    ["0 24 * * *", /outside 0–23/],
    ["5-1 0 * * *", /backwards/],
    ["0/5 0 * * *", /needs \* or a range/],
    ["0 0 1 * *", /day-of-month/],
    ["0 0 * 1 *", /month/],
    ["0 0 * * mon", /weekday names/],
  ];
  for (const [expression, error] of cases) {
    await t.step(expression, () => assert.throws(() => parseCronExpression(expression), error));
  }
});

Deno.test("cronMatches reads the instant in UTC", () => {
  const fields = parseCronExpression("50 23 * * SUN");
  assert.ok(cronMatches(fields, new Date("2026-03-01T23:50:00Z"))); // a Sunday in UTC
  assert.ok(cronMatches(fields, new Date("2026-03-01T23:50:59.999Z")));
  assert.ok(!cronMatches(fields, new Date("2026-03-02T23:50:00Z")));
});
