import assert from "node:assert/strict";
import {
  defineJob,
  jobLeaseKey,
  jobSchedules,
  type JobStatusStore,
  KvJobLease,
  KvJobStatusStore,
  registerJobs,
} from "@/core/jobs/mod.ts";
import { kstInstant } from "@/core/krx/mod.ts";
import { createMetrics } from "@/core/obs/metrics.ts";
import { FakeCron, gate } from "../jobs/_support.ts";

const schedules = jobSchedules();
const quiet = () => {};

/** The text exposition's lines of `name` (with labels), without help and type lines. */
async function lines(metrics: ReturnType<typeof createMetrics>, name: string): Promise<string[]> {
  return (await metrics.registry.metrics()).split("\n").filter((line) => line.startsWith(name));
}

Deno.test("job series: a failed run counts as error, a guarded skip as skipped with its reason, a run whose status cannot be stored once", async () => {
  using kv = await Deno.openKv(":memory:");
  const metrics = createMetrics();
  const fake = new FakeCron();
  let time = kstInstant("2026-03-04", 10, 0).getTime(); // a Wednesday in session
  const working = new KvJobStatusStore(kv);
  let statusFails = false;
  const status: JobStatusStore = {
    record: (run) => statusFails ? Promise.reject(new Error("KV down")) : working.record(run),
    get: (name) => working.get(name),
    list: () => working.list(),
  };
  registerJobs([
    defineJob({
      name: "reconcile",
      schedule: schedules.reconcile,
      run: () => void (time += 2_000),
    }),
    defineJob({
      name: "alert-sweep",
      schedule: schedules["alert-sweep"],
      run: () => Promise.reject(new Error("broker unreachable")),
    }),
  ], { cron: fake.cron, status, now: () => time, log: quiet, observer: metrics.jobs });

  await fake.handler("reconcile")();
  await fake.handler("alert-sweep")();
  assert.deepEqual(await lines(metrics, "job_runs_total"), [
    'job_runs_total{job_name="reconcile",outcome="ok"} 1',
    'job_runs_total{job_name="alert-sweep",outcome="error"} 1',
  ]);
  assert.deepEqual(await lines(metrics, "job_last_run_success"), [
    'job_last_run_success{job_name="reconcile"} 1',
    'job_last_run_success{job_name="alert-sweep"} 0',
  ]);
  assert.deepEqual(await lines(metrics, "job_run_duration_seconds_sum"), [
    'job_run_duration_seconds_sum{job_name="reconcile"} 2',
    'job_run_duration_seconds_sum{job_name="alert-sweep"} 0',
  ]);
  assert.deepEqual(await lines(metrics, "job_last_success_timestamp_seconds"), [
    `job_last_success_timestamp_seconds{job_name="reconcile"} ${time / 1000}`,
  ]);

  time = kstInstant("2026-02-17", 10, 0).getTime(); // 설날: the guard skips
  await fake.handler("reconcile")();
  assert.equal((await lines(metrics, 'job_runs_total{job_name="reconcile"')).length, 1);
  assert.match((await lines(metrics, 'job_runs_total{job_name="reconcile"'))[0]!, / 1$/);
  assert.deepEqual(await lines(metrics, "job_skipped_total"), [
    'job_skipped_total{job_name="reconcile",reason="holiday"} 1',
  ]);
  time = kstInstant("2026-03-04", 16, 0).getTime(); // a trading day after the close
  await fake.handler("reconcile")();
  assert.deepEqual(await lines(metrics, "job_skipped_total"), [
    'job_skipped_total{job_name="reconcile",reason="holiday"} 1',
    'job_skipped_total{job_name="reconcile",reason="market_closed"} 1',
  ]);

  time = kstInstant("2026-03-05", 10, 0).getTime();
  statusFails = true;
  await fake.handler("reconcile")();
  assert.deepEqual(await lines(metrics, 'job_runs_total{job_name="reconcile"'), [
    'job_runs_total{job_name="reconcile",outcome="ok"} 1',
    'job_runs_total{job_name="reconcile",outcome="error"} 1',
  ]);
});

Deno.test("job series: a firing skipped for a run still going or a lease held elsewhere counts its reason", async () => {
  using kv = await Deno.openKv(":memory:");
  const metrics = createMetrics();
  const first = new FakeCron();
  const second = new FakeCron();
  const time = kstInstant("2026-03-04", 10, 0).getTime();
  const running = gate();
  const jobs = [
    defineJob({ name: "reconcile", schedule: schedules.reconcile, run: () => running.promise }),
  ];
  const options = {
    status: new KvJobStatusStore(kv),
    lease: new KvJobLease(kv),
    now: () => time,
    log: quiet,
    observer: metrics.jobs,
  };
  registerJobs(jobs, { ...options, cron: first.cron, holder: "first" });
  registerJobs(jobs, { ...options, cron: second.cron, holder: "second" });

  const firstRun = first.handler("reconcile")();
  // let the first firing take the lease before the others look
  while ((await kv.get(jobLeaseKey("reconcile"))).versionstamp === null) {
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  await first.handler("reconcile")();
  await second.handler("reconcile")();
  running.open();
  await firstRun;
  assert.deepEqual(await lines(metrics, "job_skipped_total"), [
    'job_skipped_total{job_name="reconcile",reason="overlap"} 1',
    'job_skipped_total{job_name="reconcile",reason="lease_held"} 1',
  ]);
  assert.deepEqual(await lines(metrics, "job_runs_total"), [
    'job_runs_total{job_name="reconcile",outcome="ok"} 1',
  ]);
});
