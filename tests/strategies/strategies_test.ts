import assert from "node:assert/strict";
import {
  bollingerStrategy,
  composite,
  IndicatorCache,
  maCross,
  parseStrategyParams,
  rsiStrategy,
} from "../../core/strategies/mod.ts";
import { closesOnly } from "./_bars.ts";

Deno.test("ma-cross enters on a cross above and exits on a cross below", async (t) => {
  // SMA2: -, 10, 10, 11.5, 14.5, 13, 8.5, 7   SMA3: -, -, 10, 11, 13, 13, 11, 8
  const bars = closesOnly([10, 10, 10, 13, 16, 10, 7, 7]);
  await t.step("previous bar equal then above counts as a cross up", () => {
    const targets = maCross.targets(bars, { fast: 2, slow: 3 });
    assert.deepEqual([...targets], [0, 0, 0, 1, 1, 1, 0, 0]);
  });
  await t.step("touching the slow average without going below keeps the position", () => {
    const targets = maCross.targets(bars, { fast: 2, slow: 3 });
    assert.equal(targets[5], 1);
  });
  await t.step("fast above slow from the start is not an entry", () => {
    const rising = closesOnly([10, 11, 12, 13, 14, 15]);
    assert.deepEqual([...maCross.targets(rising, { fast: 2, slow: 3 })], [0, 0, 0, 0, 0, 0]);
  });
});

Deno.test("rsi enters below the lower level while flat and exits above the upper one", () => {
  // Wilder RSI(2): t2 gains 0 / losses 1 -> 0; t3 0.5/0.5 -> 50; t4 1.25/0.25 -> 83.3;
  // t5 1.125/0.125 -> 90; t6 0.5625/1.0625 -> 34.6
  const bars = closesOnly([10, 9, 8, 9, 11, 12, 10]);
  const targets = rsiStrategy.targets(bars, { period: 2, lower: 30, upper: 70 });
  assert.deepEqual([...targets], [0, 0, 1, 1, 0, 0, 0]);
});

Deno.test("bollinger enters below the lower band and exits above the chosen band", async (t) => {
  // period 4, k 1: t4 mean 9 σ √3 lower 7.27 (6 enters); t5 mean 8.75 σ 1.64 (9 > middle,
  // < upper 10.39); t6 mean 8.5 σ 1.5 upper 10 (9 stays); t7 mean 9 σ 2.12 upper 11.12 (12 exits)
  const bars = closesOnly([10, 10, 10, 10, 6, 9, 9, 12]);
  await t.step("middle exit", () => {
    const targets = bollingerStrategy.targets(bars, { period: 4, k: 1, exit: "middle" });
    assert.deepEqual([...targets], [0, 0, 0, 0, 1, 0, 0, 0]);
  });
  await t.step("upper exit", () => {
    const targets = bollingerStrategy.targets(bars, { period: 4, k: 1, exit: "upper" });
    assert.deepEqual([...targets], [0, 0, 0, 0, 1, 1, 1, 0]);
  });
});

Deno.test("composite combines member targets by all, any and vote", async (t) => {
  const closes = [10, 10, 10, 10, 6, 9, 9, 12, 13, 15, 11, 8, 8, 9, 14, 16, 12, 9, 7, 10];
  const bars = closesOnly(closes);
  const cross = { fast: 2, slow: 3 };
  const rsi = { period: 2, lower: 30, upper: 70 };
  const bands = { period: 4, k: 1, exit: "upper" as const };
  const members = [
    { id: "ma-cross" as const, params: cross },
    { id: "rsi" as const, params: rsi },
    { id: "bollinger" as const, params: bands },
  ];
  const votes = [
    maCross.targets(bars, cross),
    rsiStrategy.targets(bars, rsi),
    bollingerStrategy.targets(bars, bands),
  ];
  const count = (i: number) => votes.reduce((sum, v) => sum + v[i]!, 0);
  const expect = (rule: (n: number) => boolean) => closes.map((_, i) => (rule(count(i)) ? 1 : 0));
  await t.step("the members disagree somewhere, so the modes are distinguishable", () => {
    assert.ok(closes.some((_, i) => count(i) === 1) && closes.some((_, i) => count(i) >= 2));
  });
  await t.step("all", () => {
    const targets = composite.targets(bars, { members, mode: "all", threshold: 0.5 });
    assert.deepEqual([...targets], expect((n) => n === 3));
  });
  await t.step("any", () => {
    const targets = composite.targets(bars, { members, mode: "any", threshold: 0.5 });
    assert.deepEqual([...targets], expect((n) => n >= 1));
  });
  await t.step("vote: half of three members needs two", () => {
    const targets = composite.targets(bars, { members, mode: "vote", threshold: 0.5 });
    assert.deepEqual([...targets], expect((n) => n >= 2));
  });
  await t.step("vote: a third of three members needs one", () => {
    const targets = composite.targets(bars, { members, mode: "vote", threshold: 1 / 3 });
    assert.deepEqual([...targets], expect((n) => n >= 1));
  });
  await t.step("members share one indicator cache without mixing results", () => {
    const cache = new IndicatorCache();
    const a = composite.targets(bars, { members, mode: "any", threshold: 0.5 }, undefined, cache);
    const b = composite.targets(bars, { members, mode: "all", threshold: 0.5 }, undefined, cache);
    assert.deepEqual([...a], expect((n) => n >= 1));
    assert.deepEqual([...b], expect((n) => n === 3));
  });
});

Deno.test("targets are written into a caller's buffer of the right length", async (t) => {
  const bars = closesOnly([10, 10, 10, 13, 16, 10, 7, 7]);
  await t.step("the same buffer comes back", () => {
    const out = new Uint8Array(8).fill(9);
    assert.equal(maCross.targets(bars, { fast: 2, slow: 3 }, out), out);
    assert.deepEqual([...out], [0, 0, 0, 1, 1, 1, 0, 0]);
  });
  await t.step("a wrong-sized buffer is refused", () => {
    assert.throws(() => maCross.targets(bars, { fast: 2, slow: 3 }, new Uint8Array(3)), /length 3/);
  });
});

Deno.test("parsed defaults are the documented ones", () => {
  assert.deepEqual(parseStrategyParams("ma-cross", {}), { fast: 5, slow: 20 });
  assert.deepEqual(parseStrategyParams("rsi", undefined), { period: 14, lower: 30, upper: 70 });
  assert.deepEqual(parseStrategyParams("bollinger", {}), { period: 20, k: 2, exit: "middle" });
  const c = parseStrategyParams("composite", { mode: "vote" });
  assert.equal(c.members.length, 2);
  assert.deepEqual(c.members[0], { id: "ma-cross", params: { fast: 5, slow: 20 } });
});
