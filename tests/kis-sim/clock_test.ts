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
