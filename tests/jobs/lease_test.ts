import assert from "node:assert/strict";
import { KvHolderLease } from "../../core/jobs/mod.ts";

const KEY = ["leases", "test"];
const TTL = 10_000;

Deno.test("a holder lease: taken when free, renewed by its holder, refused to others until it expires", async () => {
  using kv = await Deno.openKv(":memory:");
  const lease = new KvHolderLease(kv, KEY);
  assert.equal(await lease.holder(0), null);
  assert.equal(await lease.acquire("a", 0, TTL), true);
  assert.deepEqual(await lease.holder(1), { holder: "a", until: TTL });
  assert.equal(await lease.acquire("b", TTL - 1, TTL), false, "unexpired: b waits");
  assert.equal(await lease.acquire("a", 5_000, TTL), true, "a renews");
  assert.equal(await lease.acquire("b", TTL, TTL), false, "the renewal moved the expiry");
  assert.equal(await lease.holder(5_000 + TTL), null, "expired at its until");
  assert.equal(await lease.acquire("b", 5_000 + TTL, TTL), true, "b takes an expired lease");
  assert.equal(await lease.acquire("a", 5_001 + TTL, TTL), false, "a finds it taken");
});

Deno.test("a holder lease is given up only by its holder", async () => {
  using kv = await Deno.openKv(":memory:");
  const lease = new KvHolderLease(kv, KEY);
  await lease.acquire("a", 0, TTL);
  await lease.release("b");
  assert.equal((await lease.holder(1))?.holder, "a");
  await lease.release("a");
  assert.equal(await lease.holder(1), null);
  assert.equal(await lease.acquire("b", 1, TTL), true, "free again at once");
});

Deno.test("two handles on one KV file racing for a free holder lease: exactly one gets it", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const kvs = await Promise.all([0, 1].map(() => Deno.openKv(`${dir}/lease.kv`)));
    try {
      for (let round = 0; round < 20; round++) {
        const key = ["leases", "race", round];
        const results = await Promise.all(
          kvs.map((kv, i) => new KvHolderLease(kv, key).acquire(`p${i}`, 0, TTL)),
        );
        assert.equal(results.filter(Boolean).length, 1, `round ${round}: ${results}`);
      }
    } finally {
      kvs.forEach((kv) => kv.close());
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
