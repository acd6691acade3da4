import assert from "node:assert/strict";
import {
  defineJob,
  jobSchedules,
  type JobStatusStore,
  KvJobStatusStore,
  registerJobs,
} from "@/core/jobs/mod.ts";
import { kstInstant } from "@/core/krx/mod.ts";
import { createMetrics } from "@/core/obs/metrics.ts";
import { FakeCron } from "../jobs/_support.ts";

const schedules = jobSchedules();
const quiet = () => {};

/** The text exposition's lines of `name` (with labels), without help and type lines. */
async function lines(metrics: ReturnType<typeof createMetrics>, name: string): Promise<string[]> {
  return (await metrics.registry.metrics()).split("\n").filter((line) => line.startsWith(name));
}

Deno.test("job series: a failed run counts as error, a guarded skip not at all, a run whose status cannot be stored once", async () => {
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

  time = kstInstant("2026-03-05", 10, 0).getTime();
  statusFails = true;
  await fake.handler("reconcile")();
  assert.deepEqual(await lines(metrics, 'job_runs_total{job_name="reconcile"'), [
    'job_runs_total{job_name="reconcile",outcome="ok"} 1',
    'job_runs_total{job_name="reconcile",outcome="error"} 1',
  ]);
});
