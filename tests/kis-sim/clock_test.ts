import assert from "node:assert/strict";
import { SimClock } from "../../core/kis-sim/clock.ts";

Deno.test("a manual clock moves only when set or advanced", () => {
  let wall = 1_000;
  const clock = new SimClock(
    { mode: "manual", start: new Date("2026-11-27T00:30:00Z") },
    () => wall,
  );
  wall += 60_000;
  assert.equal(clock.now().toISOString(), "2026-11-27T00:30:00.000Z");
  clock.advance(90_000);
  assert.equal(clock.now().toISOString(), "2026-11-27T00:31:30.000Z");
  clock.set(new Date("2026-11-30T00:00:00Z"));
  assert.equal(clock.now().toISOString(), "2026-11-30T00:00:00.000Z");
});

Deno.test("an accelerated clock runs speed times faster than the wall clock", () => {
  let wall = 0;
  const clock = new SimClock({
    mode: "accelerated",
    speed: 60,
    start: new Date("2026-11-27T00:00:00Z"),
  }, () => wall);
  wall += 1_000;
  assert.equal(clock.now().toISOString(), "2026-11-27T00:01:00.000Z");
});

Deno.test("a realtime clock follows the wall clock from its start", () => {
  let wall = 5_000;
  const clock = new SimClock(
    { mode: "realtime", start: new Date("2026-11-27T00:00:00Z") },
    () => wall,
  );
  wall += 2_500;
  assert.equal(clock.now().toISOString(), "2026-11-27T00:00:02.500Z");
});

Deno.test("listeners hear every set and advance; negative advances are refused", () => {
  const clock = new SimClock({ mode: "manual", start: new Date(0) }, () => 0);
  const heard: number[] = [];
  const stop = clock.onChange((now) => heard.push(now.getTime()));
  clock.advance(10);
  clock.set(new Date(100));
  stop();
  clock.advance(1);
  assert.deepEqual(heard, [10, 100]);
  assert.throws(() => clock.advance(-1), RangeError);
});

/** A KST wall-clock time as an instant. */
const kst = (iso: string) => new Date(`${iso}+09:00`);

Deno.test("a demo clock started at 03:00 KST on a Sunday replays Friday from its 09:00 open", () => {
  let wall = kst("2026-11-29T03:00:00").getTime();
  const clock = new SimClock({ mode: "demo" }, () => wall);
  assert.deepEqual(clock.now(), kst("2026-11-27T09:00:00"));
  wall += 2_500;
  assert.deepEqual(clock.now(), kst("2026-11-27T09:00:02.500"), "real seconds by default");
});

Deno.test("a demo clock runs its speed times faster than the wall clock", () => {
  let wall = 0;
  const clock = new SimClock(
    { mode: "demo", speed: 60, start: kst("2026-11-27T09:00:00") },
    () => wall,
  );
  wall += 1_000;
  assert.deepEqual(clock.now(), kst("2026-11-27T09:01:00"));
});

Deno.test("at the end of the continuous session a demo clock rolls to the next trading day's open", async (t) => {
  let wall = 0;
  const clock = new SimClock({ mode: "demo", start: kst("2026-12-24T15:19:50") }, () => wall);
  await t.step("past the weekend and a holiday: Thursday 15:20 becomes Monday 09:00", () => {
    wall += 15_000;
    assert.deepEqual(clock.now(), kst("2026-12-28T09:00:05"));
  });
  await t.step("a delayed-opening day is replayed from its 10:00 open", () => {
    clock.set(kst("2026-12-30T15:19:59"));
    wall += 1_000;
    assert.deepEqual(clock.now(), kst("2027-01-04T10:00:00"));
  });
});

Deno.test("a demo clock with a replay window loops through that window of each trading day", () => {
  let wall = 0;
  const window = { from: 9 * 60, to: 9 * 60 + 30 };
  const clock = new SimClock(
    { mode: "demo", window, start: kst("2026-11-27T09:29:00") },
    () => wall,
  );
  wall += 90_000;
  assert.deepEqual(clock.now(), kst("2026-11-30T09:00:30"));
  clock.set(kst("2026-12-30T09:29:00"));
  wall += 90_000;
  assert.deepEqual(
    clock.now(),
    kst("2027-01-05T09:00:30"),
    "09:00–09:30 is before the year's first trading day opens (10:00), so that day is skipped",
  );
  assert.throws(
    () => new SimClock({ mode: "demo", window: { from: 8 * 60, to: 10 * 60 } }, () => 0),
    RangeError,
  );
});

Deno.test("a demo clock set outside its window moves to the next open; advances cross days", () => {
  const clock = new SimClock({ mode: "demo", start: kst("2026-11-27T09:00:00") }, () => 0);
  clock.set(kst("2026-11-27T18:00:00"));
  assert.deepEqual(clock.now(), kst("2026-11-30T09:00:00"));
  clock.set(kst("2026-11-30T07:00:00"));
  assert.deepEqual(clock.now(), kst("2026-11-30T09:00:00"));
  clock.advance(6 * 3_600_000 + 20 * 60_000 + 1_000);
  assert.deepEqual(clock.now(), kst("2026-12-01T09:00:01"));
});

Deno.test("a demo clock never goes back when the wall clock does", () => {
  let wall = 10_000;
  const clock = new SimClock({ mode: "demo", start: kst("2026-11-27T10:00:00") }, () => wall);
  wall += 5_000;
  assert.deepEqual(clock.now(), kst("2026-11-27T10:00:05"));
  wall -= 60_000;
  assert.deepEqual(clock.now(), kst("2026-11-27T10:00:05"));
  wall += 1_000;
  assert.deepEqual(clock.now(), kst("2026-11-27T10:00:06"));
});

Deno.test("a demo clock read often lands where one read after the whole time would, across days and windows", () => {
  const window = { from: 9 * 60, to: 9 * 60 + 30 };
  for (const options of [{}, { window }]) {
    let wall = 0;
    const start = kst("2026-12-23T09:10:00");
    const often = new SimClock({ mode: "demo", speed: 7, start, ...options }, () => wall);
    const reference = new SimClock({ mode: "demo", speed: 7, start, ...options }, () => wall);
    let seed = 12_345;
    for (let read = 0; read < 5_000; read++) {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      wall += seed % 3_000;
      often.now();
    }
    // the reference reads once, walking every day boundary passed at once
    assert.deepEqual(often.now(), reference.now());
  }
});
