import assert from "node:assert/strict";
import { type IsoDate, isOnTick, roundToTick, tickSize } from "../../core/krx/mod.ts";

const day = (s: string) => s as IsoDate;

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

Deno.test("ETF/ETN ticks: 1 won below 2,000 and 5 won from 2,000 since 2023-12-18", () => {
  assert.equal(tickSize(1_500, { instrument: "etf" }), 1);
  assert.equal(tickSize(1_999, { instrument: "etn" }), 1);
  assert.equal(tickSize(2_000, { instrument: "etf" }), 5);
  assert.equal(tickSize(600_000, { instrument: "etn" }), 5);
  assert.equal(tickSize(1_500, { instrument: "etf", date: day("2023-12-18") }), 1);
});

Deno.test("ETF/ETN ticks: 5 won at every price before 2023-12-18", () => {
  assert.equal(tickSize(1_500, { instrument: "etf", date: day("2023-12-15") }), 5);
  assert.equal(tickSize(3, { instrument: "etn", date: day("2019-03-04") }), 5);
  assert.equal(tickSize(600_000, { instrument: "etf", date: day("2023-12-15") }), 5);
});

Deno.test("dated tick table: the old bands before 2023-01-25", async (t) => {
  const cases: [number, number, number][] = [
    // price, KOSPI tick, KOSDAQ tick — the bands in force until 2023-01-20
    [999, 1, 1],
    [1_000, 5, 5],
    [4_999, 5, 5],
    [5_000, 10, 10],
    [9_999, 10, 10],
    [10_000, 50, 50],
    [49_999, 50, 50],
    [50_000, 100, 100],
    [99_999, 100, 100],
    [100_000, 500, 100],
    [499_999, 500, 100],
    [500_000, 1_000, 100],
  ];
  for (const [price, kospi, kosdaq] of cases) {
    await t.step(`${price}`, () => {
      assert.equal(tickSize(price, { date: day("2023-01-20") }), kospi);
      assert.equal(tickSize(price, { market: "KOSPI", date: day("2015-01-02") }), kospi);
      assert.equal(tickSize(price, { market: "KOSDAQ", date: day("2023-01-20") }), kosdaq);
      assert.equal(tickSize(price, { market: "KONEX", date: day("2023-01-20") }), kosdaq);
    });
  }
  await t.step("the new bands from 2023-01-25 on every market", () => {
    for (const market of ["KOSPI", "KOSDAQ", "KONEX"] as const) {
      assert.equal(tickSize(1_500, { market, date: day("2023-01-25") }), 1);
      assert.equal(tickSize(150_000, { market, date: day("2023-01-25") }), 100);
      assert.equal(tickSize(600_000, { market }), 1_000);
    }
  });
  await t.step("rounding on the old grid", () => {
    const old = { date: day("2022-06-02") };
    assert.equal(roundToTick(1_002, "down", old), 1_000);
    assert.equal(roundToTick(9_999, "up", old), 10_000);
    assert.equal(roundToTick(99_950, "up", old), 100_000);
    assert.equal(isOnTick(120_100, old), false);
    assert.equal(isOnTick(120_100, { ...old, market: "KOSDAQ" }), true);
  });
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
  await t.step("ETFs round to 5 won from 2,000 and to 1 won below", () => {
    assert.equal(roundToTick(10_002, "down", { instrument: "etf" }), 10_000);
    assert.equal(roundToTick(10_002, "up", { instrument: "etf" }), 10_005);
    assert.equal(roundToTick(1_003, "nearest", { instrument: "etn" }), 1_003);
    assert.equal(roundToTick(1_999.5, "up", { instrument: "etf" }), 2_000);
    const old = { instrument: "etn", date: day("2023-12-15") } as const;
    assert.equal(roundToTick(1_003, "nearest", old), 1_005);
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
  assert.equal(isOnTick(1_001, { instrument: "etf" }), true);
  assert.equal(isOnTick(2_001, { instrument: "etf" }), false);
  assert.equal(isOnTick(1_001, { instrument: "etf", date: day("2023-12-15") }), false);
  assert.equal(isOnTick(1_005, { instrument: "etf" }), true);
});
