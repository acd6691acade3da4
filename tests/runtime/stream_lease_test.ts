import assert from "node:assert/strict";
import { holdStreamLease, type StreamLeaseOptions } from "../../core/runtime/mod.ts";

const APP_KEY = "PSstreamLeaseTestAppKey0123456789";
const TTL_MS = 600;
const RENEW_MS = 100;

/** A lease on `kv` whose start and stop calls are counted. */
function counted(kv: Deno.Kv, holder: string, extra: Partial<StreamLeaseOptions> = {}) {
  const calls = { start: 0, stop: 0 };
  const lines: string[] = [];
  const options: StreamLeaseOptions = {
    kv,
    appKey: APP_KEY,
    holder,
    ttlMs: TTL_MS,
    renewMs: RENEW_MS,
    log: (_level, message) => lines.push(message),
    start: () => {
      calls.start++;
      return Promise.resolve();
    },
    stop: () => {
      calls.stop++;
      return Promise.resolve();
    },
    ...extra,
  };
  return { calls, lines, options };
}

/** Waits until `check` holds, polling; fails after `withinMs` (an event bound, not a speed target). */
async function until(check: () => boolean, withinMs: number, what: string): Promise<void> {
  const deadline = Date.now() + withinMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`not within ${withinMs} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

Deno.test("one holder per app key: the second process stands by, and takes over when the first gives the lease up", async () => {
  using kv = await Deno.openKv(":memory:");
  const a = counted(kv, "a");
  const b = counted(kv, "b");
  const first = await holdStreamLease(a.options);
  const second = await holdStreamLease(b.options);
  try {
    assert.equal(first.role(), "holder");
    assert.equal(second.role(), "standby");
    assert.deepEqual(a.calls, { start: 1, stop: 0 });
    assert.deepEqual(b.calls, { start: 0, stop: 0 });
    assert.ok(b.lines.includes("standing by: another process holds the KIS stream"));
    // renewals keep it: several lease lifetimes later the standby still waits
    await new Promise((resolve) => setTimeout(resolve, 2 * TTL_MS));
    assert.equal(second.role(), "standby");
    await first.close();
    assert.deepEqual(a.calls, { start: 1, stop: 1 });
    await until(() => second.role() === "holder", 2 * RENEW_MS + 500, "the standby takes over");
    assert.equal(b.calls.start, 1);
  } finally {
    await first.close();
    await second.close();
  }
});

Deno.test("a holder that stopped renewing loses the lease once it expires, and stops its stream when it finds out", async () => {
  using kv = await Deno.openKv(":memory:");
  const a = counted(kv, "a");
  // b's clock is a lease lifetime ahead: to b, a's lease has expired, as after a long pause of a
  const b = counted(kv, "b", { now: () => Date.now() + TTL_MS + 1 });
  const first = await holdStreamLease(a.options);
  const second = await holdStreamLease(b.options);
  try {
    assert.equal(second.role(), "holder");
    await until(() => first.role() === "standby", 2 * RENEW_MS + 500, "the old holder notices");
    assert.deepEqual(a.calls, { start: 1, stop: 1 });
    assert.ok(a.lines.includes("stream lease lost: stopping the stream"));
  } finally {
    await first.close();
    await second.close();
  }
});

Deno.test("the lease is keyed by the app key's hash; the key itself is nowhere in KV", async () => {
  using kv = await Deno.openKv(":memory:");
  const lease = await holdStreamLease(counted(kv, "a").options);
  try {
    const entries = await Array.fromAsync(kv.list({ prefix: [] }));
    assert.equal(entries.length, 1);
    assert.deepEqual(entries[0]!.key.slice(0, 2), ["leases", "kis_stream"]);
    assert.match(String(entries[0]!.key[2]), /^[0-9a-f]{64}$/);
    assert.ok(
      !JSON.stringify(entries, (_k, v) => typeof v === "bigint" ? `${v}` : v).includes(APP_KEY),
    );
  } finally {
    await lease.close();
  }
});

Deno.test("a holder that cannot reach KV stops its stream once its lease has expired", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const kv = await Deno.openKv(`${dir}/lease.kv`);
    const a = counted(kv, "a");
    const lease = await holdStreamLease(a.options);
    try {
      assert.equal(lease.role(), "holder");
      kv.close(); // every renewal now fails
      await until(() => lease.role() === "standby", TTL_MS + 2 * RENEW_MS + 500, "it gives up");
      assert.deepEqual(a.calls, { start: 1, stop: 1 });
      assert.ok(a.lines.includes("stream lease: KV unreachable"));
    } finally {
      await lease.close();
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
