import assert from "node:assert/strict";
import { randomWalkCloses } from "../../bench/_indicators_cases.ts";

Deno.test("the indicator benchmark's million bars stay in a realistic price band", () => {
  const closes = randomWalkCloses(1_000_000);
  let low = Infinity;
  let high = -Infinity;
  let unchanged = 0;
  for (let i = 0; i < closes.length; i++) {
    const close = closes[i]!;
    low = Math.min(low, close);
    high = Math.max(high, close);
    if (i > 0 && close === closes[i - 1]) unchanged++;
  }
  assert.ok(low >= 10_000, `lowest close ${low}`);
  assert.ok(high <= 250_000, `highest close ${high}`);
  assert.ok(unchanged < closes.length / 100, `${unchanged} closes equal to the previous one`);
  assert.ok(closes.every(Number.isInteger), "whole won");
});

Deno.test("the indicator benchmark's input is the same for the same seed", () => {
  assert.deepEqual(randomWalkCloses(1_000, 7), randomWalkCloses(1_000, 7));
  assert.notDeepEqual(randomWalkCloses(1_000, 7), randomWalkCloses(1_000, 8));
});
