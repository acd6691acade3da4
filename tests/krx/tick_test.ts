import assert from "node:assert/strict";
import { isOnTick, roundToTick, tickSize } from "../../core/krx/mod.ts";

Deno.test("tickSize follows the 2023 stock table at every band edge", () => {
  const cases: [number, number][] = [
    [1, 1],
    [1_999, 1],
    [1_999.5, 1],
    [2_000, 5],
    [4_999, 5],
    [5_000, 10],
    [19_999, 10],
    [20_000, 50],
    [49_999, 50],
    [50_000, 100],
    [199_999, 100],
    [200_000, 500],
    [499_999, 500],
    [500_000, 1_000],
    [3_000_000, 1_000],
  ];
  for (const [price, tick] of cases) assert.equal(tickSize(price), tick, `price ${price}`);
});

Deno.test("tickSize is 5 won for ETFs and ETNs at any price", () => {
  assert.equal(tickSize(1_500, { instrument: "etf" }), 5);
  assert.equal(tickSize(600_000, { instrument: "etn" }), 5);
});

Deno.test("tickSize rejects negative and non-finite prices", () => {
  assert.throws(() => tickSize(-1), RangeError);
  assert.throws(() => tickSize(Number.NaN), RangeError);
  assert.throws(() => tickSize(Infinity), RangeError);
});

Deno.test("roundToTick", async (t) => {
  await t.step("down stays inside the band", () => {
    assert.equal(roundToTick(4_999, "down"), 4_995);
    assert.equal(roundToTick(49_951, "down"), 49_950);
    assert.equal(roundToTick(500_999, "down"), 500_000);
    assert.equal(roundToTick(1_999.5, "down"), 1_999);
  });
  await t.step("up may land on the next band's first price", () => {
    assert.equal(roundToTick(4_999, "up"), 5_000);
    assert.equal(roundToTick(19_995, "up"), 20_000);
    assert.equal(roundToTick(49_951, "up"), 50_000);
    assert.equal(roundToTick(1_999.5, "up"), 2_000);
  });
  await t.step("nearest picks the closer neighbour and sends halves up", () => {
    assert.equal(roundToTick(4_997, "nearest"), 4_995);
    assert.equal(roundToTick(4_998, "nearest"), 5_000);
    assert.equal(roundToTick(2_002.5, "nearest"), 2_005);
    assert.equal(roundToTick(1_234.4, "nearest"), 1_234);
    assert.equal(roundToTick(1_234.5, "nearest"), 1_235);
    assert.equal(roundToTick(500_500, "nearest"), 501_000);
  });
  await t.step("prices already on the grid are unchanged in every mode", () => {
    for (const mode of ["down", "up", "nearest"] as const) {
      assert.equal(roundToTick(50_100, mode), 50_100);
      assert.equal(roundToTick(2_000, mode), 2_000);
    }
  });
  await t.step("ETFs round to 5 won", () => {
    assert.equal(roundToTick(10_002, "down", { instrument: "etf" }), 10_000);
    assert.equal(roundToTick(10_002, "up", { instrument: "etf" }), 10_005);
    assert.equal(roundToTick(1_003, "nearest", { instrument: "etn" }), 1_005);
  });
});

Deno.test("isOnTick accepts positive integers on the grid only", () => {
  assert.equal(isOnTick(4_995), true);
  assert.equal(isOnTick(4_996), false);
  assert.equal(isOnTick(5_005), false);
  assert.equal(isOnTick(5_010), true);
  assert.equal(isOnTick(1_999), true);
  assert.equal(isOnTick(0), false);
  assert.equal(isOnTick(2_000.5), false);
  assert.equal(isOnTick(1_001, { instrument: "etf" }), false);
  assert.equal(isOnTick(1_005, { instrument: "etf" }), true);
});
