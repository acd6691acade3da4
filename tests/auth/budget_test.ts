import assert from "node:assert/strict";
import { join } from "node:path";
import { consumeBudget } from "@/core/auth/mod.ts";
import { CLAIM_SHARE } from "@/core/auth/rate_limit.ts";
import { KEYS } from "@/core/store/mod.ts";

const BUDGET = { limit: 150, windowMs: 60_000 };
const NOW = 1_000 * 60_000 + 1_234;

Deno.test("a burst of one caller's requests is counted exactly, once each, by two handles on one file", async () => {
  const dir = await Deno.makeTempDir();
  const path = join(dir, "shared.kv");
  const a = await Deno.openKv(path);
  const b = await Deno.openKv(path);
  try {
    const states = await Promise.all(
      Array.from({ length: 200 }, (_, i) => consumeBudget(i % 2 ? a : b, "user:kim", BUDGET, NOW)),
    );
    assert.equal(states.filter((s) => s.allowed).length, 150);
    const allowedRemaining = states.filter((s) => s.allowed).map((s) => s.remaining);
    assert.deepEqual(
      allowedRemaining.sort((x, y) => x - y),
      Array.from({ length: 150 }, (_, i) => i),
      "each allowed request saw its own count",
    );
    assert.equal((await a.get<number>(KEYS.rateWindow("user:kim", 1_000))).value, 200);
    const next = await consumeBudget(a, "user:kim", BUDGET, NOW);
    assert.deepEqual([next.allowed, next.remaining], [false, 0]);
    const other = await consumeBudget(b, "user:lee", BUDGET, NOW);
    assert.deepEqual([other.allowed, other.remaining], [true, 149], "another caller counts apart");
  } finally {
    a.close();
    b.close();
    await Deno.remove(dir, { recursive: true });
  }
});

/** Two KV handles on one new file, as two processes would have; dispose to close and remove. */
async function twoHandles() {
  const dir = await Deno.makeTempDir();
  const path = join(dir, "shared.kv");
  const a = await Deno.openKv(path);
  const b = await Deno.openKv(path);
  return {
    a,
    b,
    [Symbol.asyncDispose]: async () => {
      a.close();
      b.close();
      await Deno.remove(dir, { recursive: true });
    },
  };
}

// CLAIM_SHARE of 1,000: each handle claims ten numbers at a time.
const LARGE = { limit: 1_000, windowMs: 60_000 };
const BLOCK = Math.floor(LARGE.limit * CLAIM_SHARE);

Deno.test("a process claims its caller's budget in blocks and spends them without committing", async () => {
  await using kv = await twoHandles();
  const count = async () => (await kv.a.get<number>(KEYS.rateWindow("user:oh", 1_000))).value;
  const first = await consumeBudget(kv.a, "user:oh", LARGE, NOW);
  assert.deepEqual([first.allowed, first.remaining], [true, 999]);
  assert.equal(await count(), BLOCK, "one block claimed");
  for (let i = 1; i < BLOCK; i++) await consumeBudget(kv.a, "user:oh", LARGE, NOW);
  assert.equal(await count(), BLOCK, "spent from the block, nothing committed");
  const next = await consumeBudget(kv.a, "user:oh", LARGE, NOW);
  assert.equal(next.remaining, LARGE.limit - BLOCK - 1);
  assert.equal(await count(), 2 * BLOCK, "the next block claimed when the first ran out");
  const other = await consumeBudget(kv.b, "user:oh", LARGE, NOW);
  assert.equal(other.remaining, LARGE.limit - 2 * BLOCK - 1, "the other handle claims after it");
  const nextWindow = await consumeBudget(kv.a, "user:oh", LARGE, NOW + LARGE.windowMs);
  assert.deepEqual([nextWindow.allowed, nextWindow.remaining], [true, 999], "a new window");
});

Deno.test("a burst through two handles with block claims admits exactly the limit, each its own number", async () => {
  await using kv = await twoHandles();
  const states = await Promise.all(
    Array.from(
      { length: 1_200 },
      (_, i) => consumeBudget(i % 2 ? kv.a : kv.b, "user:yu", LARGE, NOW),
    ),
  );
  const allowed = states.filter((s) => s.allowed).map((s) => s.remaining);
  assert.deepEqual(
    allowed.sort((x, y) => x - y),
    Array.from({ length: LARGE.limit }, (_, i) => i),
  );
  const late = await consumeBudget(kv.b, "user:yu", LARGE, NOW + 1);
  assert.deepEqual([late.allowed, late.remaining], [false, 0]);
});

Deno.test("what one process claimed and did not spend is lost to the others until the window ends", async () => {
  await using kv = await twoHandles();
  const spent = 3;
  for (let i = 0; i < spent; i++) await consumeBudget(kv.a, "user:im", LARGE, NOW);
  let allowedOnB = 0;
  for (let i = 0; i < LARGE.limit; i++) {
    if ((await consumeBudget(kv.b, "user:im", LARGE, NOW)).allowed) allowedOnB++;
  }
  assert.equal(spent + allowedOnB, LARGE.limit - (BLOCK - spent), "never more than the limit");
  assert.ok((await consumeBudget(kv.a, "user:im", LARGE, NOW)).allowed, "a still holds its claim");
});
