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

/** Two handles on one new KV file, closed and removed on dispose. */
async function twoHandles(): Promise<{ a: Deno.Kv; b: Deno.Kv } & AsyncDisposable> {
  const dir = await Deno.makeTempDir();
  const path = `${dir}/budget.kv`;
  const a = await Deno.openKv(path);
  const b = await Deno.openKv(path);
  return {
    a,
    b,
    async [Symbol.asyncDispose]() {
      a.close();
      b.close();
      await Deno.remove(dir, { recursive: true });
    },
  };
}

for (
  const [name, sharings] of [
    ["two leased budgets", ["leased", "leased"]],
    ["a leased and a shared budget", ["leased", "shared"]],
  ] as const
) {
  Deno.test(`${name} on one KV file never exceed the rate together`, async () => {
    await using kv = await twoHandles();
    const clock = new SharedVirtualClock(40);
    const budgets = [kv.a, kv.b].map((handle, i) =>
      new RateBudget(handle, "shared-key", { perSecond: 5, clock, sharing: sharings[i] })
    );
    const grants: number[] = [];
    await Promise.all(Array.from({ length: 40 }, async (_, i) => {
      await budgets[i % 2]!.take();
      grants.push(clock.now());
      clock.finished();
    }));
    assert.equal(grants.length, 40);
    assert.ok(
      busiestWindow(grants, 1000) <= 5,
      `busiest second had ${busiestWindow(grants, 1000)}`,
    );
  });
}

Deno.test("a leased budget commits once per lease, not once per request", async () => {
  using kv = await Deno.openKv(":memory:");
  let commits = 0;
  const counted = new Proxy(kv, {
    get(target, property) {
      if (property !== "atomic") return Reflect.get(target, property, target).bind?.(target);
      return () => {
        commits++;
        return target.atomic();
      };
    },
  });
  const clock = new SteppedClock();
  const start = clock.now();
  const budget = new RateBudget(counted, "app-key", { perSecond: 100, clock, sharing: "leased" });
  for (let i = 0; i < 1_000; i++) await budget.take();
  const elapsed = clock.now() - start;
  assert.ok(elapsed >= 999 * 10, `elapsed ${elapsed} ms`);
  // one lease, renewed each half lease (2.5 s) of the ~10 s
  assert.ok(commits <= 6, `${commits} commits`);
});

Deno.test("concurrent first takes of a leased budget share one lease without a stall", async () => {
  using kv = await Deno.openKv(":memory:");
  const clock = new SteppedClock();
  const start = clock.now();
  const budget = new RateBudget(kv, "app-key", { perSecond: 1_000, clock, sharing: "leased" });
  await Promise.all(Array.from({ length: 20 }, () => budget.take()));
  // 20 requests at 1,000/s: about 19 ms of spacing, nowhere near a lease's 5 s
  assert.ok(clock.now() - start < 1_000, `took ${clock.now() - start} ms`);
});

Deno.test("a lease left by a budget that stopped is taken over once it lapses", async (t) => {
  await t.step("without release, the next grant waits for the lease's end", async () => {
    using kv = await Deno.openKv(":memory:");
    const clock = new SteppedClock();
    const holder = new RateBudget(kv, "k", {
      perSecond: 1,
      clock,
      sharing: "leased",
      leaseMs: 4_000,
    });
    await holder.take();
    const leasedAt = clock.now();
    const other = new RateBudget(kv, "k", { perSecond: 1, clock });
    await other.take();
    // the holder might have spent its bucket up to the lease's end: an empty bucket then
    assert.ok(clock.now() >= leasedAt + 4_000 + 1_000, `granted at +${clock.now() - leasedAt}`);
  });
  await t.step("after release, it waits only for the spacing", async () => {
    using kv = await Deno.openKv(":memory:");
    const clock = new SteppedClock();
    const holder = new RateBudget(kv, "k", { perSecond: 1, clock, sharing: "leased" });
    await holder.take();
    const grantedAt = clock.now();
    await holder.release();
    const other = new RateBudget(kv, "k", { perSecond: 1, clock });
    await other.take();
    assert.equal(clock.now(), grantedAt + 1_000);
  });
});

Deno.test("a leased budget renews its lease beside the requests: none waits for the renewal's commit", async () => {
  using kv = await Deno.openKv(":memory:");
  // commits are held until released, so a request that waited for one would not finish
  const held: (() => void)[] = [];
  let holding = false;
  let commits = 0;
  const slow = new Proxy(kv, {
    get(target, property) {
      if (property !== "atomic") return Reflect.get(target, property, target).bind?.(target);
      return () => {
        const op = target.atomic();
        const commit = op.commit.bind(op);
        op.commit = () => {
          commits++;
          return holding ? new Promise((resolve) => held.push(() => resolve(commit()))) : commit();
        };
        return op;
      };
    },
  });
  const clock = new SteppedClock();
  const budget = new RateBudget(slow, "app-key", {
    perSecond: 100,
    clock,
    sharing: "leased",
    leaseMs: 4_000,
  });
  await budget.take();
  const leasedAt = clock.now();
  holding = true;
  clock.time = leasedAt + 2_500;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const waited = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error("a request waited for the renewal's commit")), 2_000);
  });
  await Promise.race([
    (async () => {
      for (let i = 0; i < 5; i++) await budget.take();
    })(),
    waited,
  ]).finally(() => clearTimeout(timer));
  for (let turn = 0; turn < 100 && held.length === 0; turn++) {
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  assert.equal(held.length, 1, "the renewal's commit is under way while five requests went out");
  holding = false;
  held.pop()!();
  // a few turns for the renewal to land
  for (let turn = 0; turn < 10; turn++) await new Promise((resolve) => setTimeout(resolve, 0));
  // the lease now runs to +6.5 s: a request at +5 s, past the first lease, needs no commit
  const before = commits;
  clock.time = leasedAt + 5_000;
  await new Promise((resolve) => setTimeout(resolve, 0));
  await budget.take();
  assert.equal(commits, before);
});
