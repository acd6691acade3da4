import assert from "node:assert/strict";
import { RateBudget } from "../../../core/broker/kis/mod.ts";
import { SharedVirtualClock, SteppedClock } from "../../_support/clocks.ts";

/** The largest number of grants inside any half-open window [t, t + windowMs). */
function busiestWindow(grants: readonly number[], windowMs: number): number {
  const sorted = [...grants].sort((a, b) => a - b);
  let best = 0;
  for (let i = 0; i < sorted.length; i++) {
    let j = i;
    while (j < sorted.length && sorted[j]! < sorted[i]! + windowMs) j++;
    best = Math.max(best, j - i);
  }
  return best;
}

Deno.test("a burst of 100 requests at 15/s never exceeds 15 in any second", async () => {
  using kv = await Deno.openKv(":memory:");
  const clock = new SharedVirtualClock(100);
  const budget = new RateBudget(kv, "app-key-real", { perSecond: 15, clock });
  const grants: number[] = [];
  await Promise.all(Array.from({ length: 100 }, async () => {
    await budget.take();
    grants.push(clock.now());
    clock.finished();
  }));
  assert.equal(grants.length, 100);
  assert.ok(busiestWindow(grants, 1000) <= 15, `busiest second had ${busiestWindow(grants, 1000)}`);
});

Deno.test("sequential requests are spaced by 1/perSecond", async () => {
  using kv = await Deno.openKv(":memory:");
  const clock = new SteppedClock();
  const start = clock.now();
  const budget = new RateBudget(kv, "app-key-real", { perSecond: 15, clock });
  for (let i = 0; i < 100; i++) await budget.take();
  // The first request is free, the other 99 wait 1000/15 ms each (rounded up to whole ms).
  const elapsed = clock.now() - start;
  assert.ok(elapsed >= 99 * (1000 / 15), `elapsed ${elapsed} ms`);
  assert.ok(elapsed <= 99 * (1000 / 15) + 99, `elapsed ${elapsed} ms`);
});

Deno.test("two budgets for one app key on one KV share the allowance", async () => {
  using kv = await Deno.openKv(":memory:");
  const clock = new SharedVirtualClock(10);
  const first = new RateBudget(kv, "shared-key", { perSecond: 1, clock });
  const second = new RateBudget(kv, "shared-key", { perSecond: 1, clock });
  const grants: number[] = [];
  await Promise.all(Array.from({ length: 10 }, async (_, i) => {
    await (i % 2 === 0 ? first : second).take();
    grants.push(clock.now());
    clock.finished();
  }));
  assert.equal(busiestWindow(grants, 1000), 1);
});

Deno.test("budgets of different app keys do not wait for each other", async () => {
  using kv = await Deno.openKv(":memory:");
  const clock = new SteppedClock();
  const start = clock.now();
  await new RateBudget(kv, "key-a", { perSecond: 1, clock }).take();
  await new RateBudget(kv, "key-b", { perSecond: 1, clock }).take();
  assert.equal(clock.now(), start);
});

Deno.test("a budget refuses a non-positive rate by name", () => {
  const kv = {} as Deno.Kv;
  assert.throws(() => new RateBudget(kv, "k", { perSecond: 0 }), /perSecond must be positive/);
  assert.throws(() => new RateBudget(kv, "k", { perSecond: 1, burst: 0 }), /burst/);
});
