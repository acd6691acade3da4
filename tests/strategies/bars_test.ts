import assert from "node:assert/strict";
import type { IsoDate } from "../../core/krx/mod.ts";
import { BarsError, createBars, sliceBars } from "../../core/strategies/mod.ts";
import { days } from "./_bars.ts";

const valid = {
  dates: days(3),
  open: [100, 101, 102],
  high: [105, 106, 107],
  low: [95, 96, 97],
  close: [101, 102, 103],
  volume: [10, 0, 30],
};

function failure(change: Partial<typeof valid>): BarsError {
  try {
    createBars({ ...valid, ...change });
  } catch (error) {
    assert.ok(error instanceof BarsError);
    return error;
  }
  throw new Error("expected a BarsError");
}

Deno.test("createBars copies number arrays into Float64Array columns", () => {
  const bars = createBars(valid);
  assert.ok(bars.close instanceof Float64Array);
  assert.deepEqual([...bars.close], [101, 102, 103]);
});

Deno.test("createBars rejects malformed series, naming the bar", async (t) => {
  await t.step("unequal lengths", () => {
    const error = failure({ close: [1, 2] });
    assert.match(error.message, /close has 2 values but dates has 3/);
    assert.equal(error.index, null);
  });
  await t.step("dates out of order", () => {
    const error = failure({ dates: ["2025-01-02", "2025-01-04", "2025-01-03"] as IsoDate[] });
    assert.match(error.message, /2025-01-03 follows 2025-01-04/);
    assert.equal(error.index, 2);
  });
  await t.step("a repeated date", () => {
    assert.equal(
      failure({ dates: ["2025-01-02", "2025-01-02", "2025-01-03"] as IsoDate[] }).index,
      1,
    );
  });
  await t.step("a negative price", () => {
    const error = failure({ low: [95, -1, 97] });
    assert.match(error.message, /low on 2025-01-03 must be a positive whole number of won: -1/);
  });
  await t.step("a fractional price", () => {
    assert.equal(failure({ close: [101, 102.5, 103] }).index, 1);
  });
  await t.step("a close above the high", () => {
    assert.match(failure({ close: [101, 102, 108] }).message, /low ≤ open, close ≤ high/);
  });
  await t.step("a negative volume", () => {
    assert.equal(failure({ volume: [1, 2, -3] }).index, 2);
  });
});

Deno.test("sliceBars views a date range without copying prices", () => {
  const bars = createBars(valid);
  const part = sliceBars(bars, 1, 3);
  assert.deepEqual(part.dates, valid.dates.slice(1));
  assert.deepEqual([...part.close], [102, 103]);
  assert.equal(part.close.buffer, bars.close.buffer);
});
