import assert from "node:assert/strict";
import {
  defaultNotifyPreferences,
  parseQuietHours,
  quietHoursEnd,
  quietHoursOf,
} from "../../core/notify/mod.ts";

/** Epoch ms of a KST wall-clock time. */
const kst = (iso: string) => Date.parse(`${iso}+09:00`);

Deno.test("a window across midnight: 22:00-07:00 KST", async (t) => {
  const quiet = parseQuietHours("22:00-07:00");
  await t.step("21:59 is outside", () => {
    assert.equal(quietHoursEnd(kst("2026-12-03T21:59:59"), quiet), null);
  });
  await t.step("22:00 is inside and ends at 07:00 the next day", () => {
    assert.equal(quietHoursEnd(kst("2026-12-03T22:00:00"), quiet), kst("2026-12-04T07:00:00"));
  });
  await t.step("03:10 is inside and ends at 07:00 the same day", () => {
    assert.equal(quietHoursEnd(kst("2026-12-04T03:10:00"), quiet), kst("2026-12-04T07:00:00"));
  });
  await t.step("07:00 is outside", () => {
    assert.equal(quietHoursEnd(kst("2026-12-04T07:00:00"), quiet), null);
  });
});

Deno.test("a window within one day: 12:00-13:00 KST", () => {
  const quiet = parseQuietHours("12:00-13:00");
  assert.deepEqual(quiet, { startMinute: 720, endMinute: 780 });
  assert.equal(quietHoursEnd(kst("2026-12-03T12:30:00"), quiet), kst("2026-12-03T13:00:00"));
  assert.equal(quietHoursEnd(kst("2026-12-03T13:00:00"), quiet), null);
  assert.equal(quietHoursEnd(kst("2026-12-03T11:59:00"), quiet), null);
});

Deno.test("malformed or empty windows are refused with the text named", () => {
  assert.throws(() => parseQuietHours("22-07"), /"22-07"/);
  assert.throws(() => parseQuietHours("24:00-07:00"), RangeError);
  assert.throws(() => parseQuietHours("07:00-07:00"), /same time/);
});

Deno.test("saved preferences' window is the environment's window, round-tripped through HH:MM", () => {
  const env = parseQuietHours("22:30-07:05");
  const saved = defaultNotifyPreferences(env);
  assert.deepEqual(saved.quietHours, { start: "22:30", end: "07:05" });
  assert.deepEqual(quietHoursOf(saved), { startMinute: 1350, endMinute: 425 });
  assert.deepEqual(quietHoursOf({ ...saved, quietHours: { start: "00:00", end: "23:59" } }), {
    startMinute: 0,
    endMinute: 1439,
  });
  assert.equal(quietHoursOf(defaultNotifyPreferences(null)), null);
});
