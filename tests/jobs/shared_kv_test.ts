import assert from "node:assert/strict";
import { type JobRunStatus, KvJobLease, KvJobStatusStore } from "../../core/jobs/mod.ts";

/** Two KV handles on one temporary file, as two processes sharing a store have. */
async function twoHandles(): Promise<{ a: Deno.Kv; b: Deno.Kv; close: () => Promise<void> }> {
  const path = await Deno.makeTempFile({ suffix: ".kv" });
  const a = await Deno.openKv(path);
  const b = await Deno.openKv(path);
  return {
    a,
    b,
    close: async () => {
      a.close();
      b.close();
      await Deno.remove(path).catch(() => {});
    },
  };
}

const JOBS = ["sweep", "reconcile", "report", "alerts", "rebalance"];
const SLOTS = 40;
const MINUTE = 60_000;

Deno.test("two handles racing for every job's every firing take each exactly once and never throw", async () => {
  const { a, b, close } = await twoHandles();
  try {
    const leases = [new KvJobLease(a), new KvJobLease(b), new KvJobLease(a), new KvJobLease(b)];
    const winners = new Map<string, string[]>();
    // Every process fires each minute before any fires the next, as their crons do.
    for (let slot = 1; slot <= SLOTS; slot++) {
      await Promise.all(leases.flatMap((lease, i) =>
        JOBS.map(async (name) => {
          const ticket = await lease.acquire(name, slot * MINUTE, `process-${i}`, slot * MINUTE, 1);
          if (!ticket) return;
          const key = `${name}@${slot}`;
          winners.set(key, [...winners.get(key) ?? [], ticket.holder]);
          await lease.finish(ticket, slot * MINUTE + 1);
        })
      ));
    }
    for (const name of JOBS) {
      for (let slot = 1; slot <= SLOTS; slot++) {
        assert.equal(winners.get(`${name}@${slot}`)?.length ?? 0, 1, `${name} slot ${slot}`);
      }
    }
  } finally {
    await close();
  }
});

Deno.test("status records written through two handles while leases contend all land", async () => {
  const { a, b, close } = await twoHandles();
  try {
    const stores = [new KvJobStatusStore(a), new KvJobStatusStore(b)];
    const leases = [new KvJobLease(b), new KvJobLease(a)];
    const names = Array.from({ length: 60 }, (_, i) => `job-${i}`);
    await Promise.all([
      ...names.map((name, i) => {
        const run: JobRunStatus = {
          name,
          state: "ok",
          startedAt: i,
          finishedAt: i + 5,
          durationMs: 5,
        };
        const store = stores[i % 2]!;
        return store.record({ name, state: "running", startedAt: i })
          .then(() => store.get(name))
          .then(() => store.record(run))
          .then(() => stores[(i + 1) % 2]!.list());
      }),
      ...leases.flatMap((lease, i) =>
        names.map((name) => lease.acquire(name, MINUTE, `holder-${i}`, MINUTE, MINUTE))
      ),
    ]);
    const listed = await stores[0]!.list();
    assert.deepEqual(listed.map((s) => s.name).sort(), [...names].sort());
    assert.ok(listed.every((s) => s.state === "ok"));
    assert.deepEqual(await stores[1]!.get("job-7"), {
      name: "job-7",
      state: "ok",
      startedAt: 7,
      finishedAt: 12,
      durationMs: 5,
    });
  } finally {
    await close();
  }
});
