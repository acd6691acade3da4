import assert from "node:assert/strict";
import { CachedBrokerBars } from "@/core/data/mod.ts";
import {
  createLabJob,
  deleteLabJob,
  getLabJob,
  labJobResult,
  labMessage,
  labQueueHandler,
  type NewLabJob,
} from "@/core/lab/mod.ts";
import { KEYS, openStore } from "@/core/store/mod.ts";
import { startE2e } from "../broker/kis/_e2e.ts";

const RUN: NewLabJob = {
  kind: "run",
  name: null,
  owner: { subject: "user-kim", username: "kim" },
  strategy: "ma-cross",
  symbols: ["005930"],
  from: "2026-05-01",
  to: "2026-11-26",
  request: {
    strategy: "ma-cross",
    params: { fast: 3, slow: 10 },
    series: [{ symbol: "005930" }],
    from: "2026-05-01",
    to: "2026-11-26",
  },
};

/** A store and a handler on the simulator, with nothing listening: the test delivers. */
async function rig(now = Date.now) {
  const e2e = await startE2e();
  const store = await openStore({ path: ":memory:", now: () => now() });
  const handler = labQueueHandler({
    store,
    bars: new CachedBrokerBars({ broker: e2e.broker, kv: store.kv }),
    leaseMs: 60_000,
  });
  return {
    e2e,
    store,
    handler,
    async [Symbol.asyncDispose]() {
      store.close();
      await e2e[Symbol.asyncDispose]();
    },
  };
}

Deno.test("a lab message delivered twice runs the job once", async () => {
  await using r = await rig();
  const job = await createLabJob(r.store, RUN);
  const message = labMessage("run", job.id);
  assert.equal(await r.handler.handle(message), "done");
  const first = await getLabJob(r.store.kv, "run", job.id);
  assert.equal(await r.handler.handle(message), "finished_before");
  const again = await getLabJob(r.store.kv, "run", job.id);
  assert.equal(again?.versionstamp, first?.versionstamp, "a redelivery writes nothing");
  assert.equal(again?.job.attempts, 1);
});

Deno.test("two deliveries at once: one runs, the other backs off", async () => {
  await using r = await rig();
  const job = await createLabJob(r.store, RUN);
  const message = labMessage("run", job.id);
  const outcomes = await Promise.all([r.handler.handle(message), r.handler.handle(message)]);
  assert.equal(outcomes.filter((o) => o === "done").length, 1, outcomes.join());
  assert.ok(outcomes.every((o) => ["done", "busy", "lost"].includes(o)), outcomes.join());
  const stored = await getLabJob(r.store.kv, "run", job.id);
  assert.equal(stored?.job.status, "done");
  assert.equal(stored?.job.attempts, 1);
});

Deno.test("a run whose runner stopped is taken again once its lease lapses", async () => {
  let now = 1_800_000_000_000;
  await using r = await rig(() => now);
  const job = await createLabJob(r.store, RUN);
  const key = KEYS.labJob("run", job.id);
  // as a runner that crashed after claiming leaves it
  await r.store.kv.set(key, { ...job, status: "running", attempts: 1, leaseUntil: now + 60_000 });
  assert.equal(await r.handler.handle(labMessage("run", job.id)), "busy", "the lease is live");
  now += 60_000;
  assert.equal(await r.handler.handle(labMessage("run", job.id)), "done");
  const stored = await getLabJob(r.store.kv, "run", job.id);
  assert.equal(stored?.job.attempts, 2);
  const report = await labJobResult(r.store.kv, stored!.job) as { equity: unknown[] };
  assert.ok(report.equity.length > 100);
});

Deno.test("a run that stopped as many times as allowed is marked failed, not run again", async () => {
  let now = 1_800_000_000_000;
  await using r = await rig(() => now);
  const job = await createLabJob(r.store, RUN);
  await r.store.kv.set(KEYS.labJob("run", job.id), {
    ...job,
    status: "running",
    attempts: 3,
    leaseUntil: now - 1,
  });
  now += 1;
  assert.equal(await r.handler.handle(labMessage("run", job.id)), "gave_up");
  const stored = await getLabJob(r.store.kv, "run", job.id);
  assert.equal(stored?.job.status, "failed");
  assert.equal(stored?.job.error?.code, "run_stopped");
});

Deno.test("a deleted job's message does nothing", async () => {
  await using r = await rig();
  const job = await createLabJob(r.store, RUN);
  await r.store.kv.delete(KEYS.labJob("run", job.id));
  assert.equal(await r.handler.handle(labMessage("run", job.id)), "gone");
});

Deno.test("a sweep writes its progress as it goes, renewing its lease", async () => {
  await using r = await rig();
  const handler = labQueueHandler({
    store: r.store,
    bars: new CachedBrokerBars({ broker: r.e2e.broker, kv: r.store.kv }),
    progressEveryMs: 0,
  });
  const job = await createLabJob(r.store, {
    ...RUN,
    kind: "sweep",
    request: {
      strategy: "ma-cross",
      grid: { fast: [2, 3, 4, 5, 6], slow: [20, 30] },
      series: [{ symbol: "005930" }, { symbol: "000660" }],
      from: "2026-05-01",
      to: "2026-11-26",
    },
  });
  const seen: number[] = [];
  const stream = r.store.kv.watch([KEYS.labJob("sweep", job.id)]);
  const reader = stream.getReader();
  const watching = (async () => {
    for (;;) {
      const { value } = await reader.read();
      const record = value?.[0]?.value as { progress: number; status: string } | undefined;
      if (record) seen.push(record.progress);
      if (record?.status === "done") return;
    }
  })();
  assert.equal(await handler.handle(labMessage("sweep", job.id)), "done");
  await watching;
  await reader.cancel();
  assert.ok(seen.some((p) => p > 0 && p < 1), `progress seen: ${seen.join(", ")}`);
  assert.deepEqual(seen, [...seen].sort((a, b) => a - b), "progress only grows");
  assert.equal(seen.at(-1), 1);
});

Deno.test("a job deleted while it runs stops at its next progress write and writes nothing", async () => {
  await using r = await rig();
  const real = new CachedBrokerBars({ broker: r.e2e.broker, kv: r.store.kv });
  let id = "";
  const handler = labQueueHandler({
    store: r.store,
    progressEveryMs: 0,
    bars: {
      // the owner deletes the run while its second series is being fetched
      bars: async (symbol, range) => {
        if (symbol === "000660") await deleteLabJob(r.store.kv, "run", id);
        return await real.bars(symbol, range);
      },
    },
  });
  const job = await createLabJob(r.store, {
    ...RUN,
    request: { ...RUN.request as object, series: [{ symbol: "005930" }, { symbol: "000660" }] },
  });
  id = job.id;
  assert.equal(await handler.handle(labMessage("run", id)), "lost");
  assert.equal(await getLabJob(r.store.kv, "run", id), null);
  const left = [];
  for await (const entry of r.store.kv.list({ prefix: ["backtest_parts", id] })) left.push(entry);
  assert.deepEqual(left, [], "no result was written after the delete");
});
