import assert from "node:assert/strict";
import {
  defineJob,
  type JobContext,
  type JobRunStatus,
  jobSchedules,
  KvJobLease,
  KvJobStatusStore,
  registerJobs,
  type RegisterJobsOptions,
} from "../../core/jobs/mod.ts";
import { DEFAULT_CALENDAR, kstInstant, parseIsoDate } from "../../core/krx/mod.ts";
import { FakeCron, gate } from "./_support.ts";

const schedules = jobSchedules();
const quiet: RegisterJobsOptions["log"] = () => {};

/** 2026-03-04 (a Wednesday) at hh:mm KST, epoch ms. */
const at = (hh: number, mm: number, date = "2026-03-04") => kstInstant(date, hh, mm).getTime();

async function withKv(action: (kv: Deno.Kv) => Promise<void> | void): Promise<void> {
  const kv = await Deno.openKv(":memory:");
  try {
    await action(kv);
  } finally {
    kv.close();
  }
}

Deno.test("registerJobs registers every UTC expression under a valid cron name", async () => {
  await withKv((kv) => {
    const fake = new FakeCron();
    const jobs = Object.entries(schedules).map(([name, schedule]) =>
      defineJob({ name, schedule, run: () => {} })
    );
    const registrations = registerJobs(jobs, {
      cron: fake.cron,
      status: new KvJobStatusStore(kv),
      log: quiet,
    });
    assert.deepEqual(fake.registered.map((r) => [r.name, r.expression]), [
      ["holiday-refresh", "30 22 * * *"],
      ["pre-open-check", "50 23 * * SUN-THU"],
      ["strategy-run", "10 0,6 * * MON-FRI"],
      ["alert-sweep-1", "* 0-6 * * MON-FRI"],
      ["alert-sweep-2", "0-29 7 * * MON-FRI"],
      ["reconcile-1", "*/5 0-6 * * MON-FRI"],
      ["reconcile-2", "0-25/5 7 * * MON-FRI"],
      ["daily-report", "40 6-7 * * MON-FRI"],
    ]);
    assert.equal(registrations.length, 8); // Deno Deploy's free tier allows 10 crons
    // Deno.cron's name rule: at most 64 letters, digits, spaces, dashes and underscores.
    assert.ok(fake.registered.every((r) => /^[A-Za-z0-9 _-]{1,64}$/.test(r.name)));
    assert.equal(fake.handler("alert-sweep-1"), fake.handler("alert-sweep-2"));
  });
});

Deno.test("Deno.cron itself fits the registrar type", () => {
  const registrar: RegisterJobsOptions["cron"] = Deno.cron;
  assert.equal(typeof registrar, "function");
});

Deno.test("defineJob and registerJobs refuse bad schedules and bad or repeated names", async () => {
  await withKv((kv) => {
    const schedule = schedules["alert-sweep"];
    assert.throws(() => defineJob({ name: "Alert.Sweep", schedule, run: () => {} }), /job name/);
    const badTime = { ...schedule, kst: { ...schedule.kst, from: "25:00" } };
    assert.throws(() => defineJob({ name: "sweep", schedule: badTime, run: () => {} }), /HH:MM/);
    const backwards = { ...schedule, kst: { ...schedule.kst, from: "16:30", until: "09:00" } };
    assert.throws(() => defineJob({ name: "sweep", schedule: backwards, run: () => {} }), /before/);
    const job = defineJob({ name: "sweep", schedule, run: () => {} });
    const status = new KvJobStatusStore(kv);
    assert.throws(
      () => registerJobs([job, job], { cron: () => {}, status, log: quiet }),
      /distinct/,
    );
    return Promise.resolve();
  });
});

Deno.test("a run records its status: ok with timing, or the error's message", async () => {
  await withKv(async (kv) => {
    const status = new KvJobStatusStore(kv);
    let time = at(10, 0);
    const seen: JobContext[] = [];
    const fake = new FakeCron();
    const logs: string[] = [];
    registerJobs([
      defineJob({
        name: "reconcile",
        schedule: schedules.reconcile,
        run: (context) => {
          seen.push(context);
          time += 1_500;
        },
      }),
      defineJob({
        name: "alert-sweep",
        schedule: schedules["alert-sweep"],
        run: () => {
          throw new Error("broker unreachable");
        },
      }),
    ], {
      cron: fake.cron,
      status,
      now: () => time,
      log: (level, msg) => logs.push(`${level} ${msg}`),
    });

    await fake.handler("reconcile")();
    assert.deepEqual(seen, [{ now: at(10, 0), date: "2026-03-04" }]);
    assert.deepEqual(
      await status.get("reconcile"),
      {
        name: "reconcile",
        state: "ok",
        startedAt: at(10, 0),
        finishedAt: at(10, 0) + 1_500,
        durationMs: 1_500,
      } satisfies JobRunStatus,
    );

    await fake.handler("alert-sweep")(); // does not throw: Deno.cron would retry outside the slot
    assert.deepEqual(
      await status.get("alert-sweep"),
      {
        name: "alert-sweep",
        state: "error",
        startedAt: time,
        finishedAt: time,
        durationMs: 0,
        error: "broker unreachable",
      } satisfies JobRunStatus,
    );
    assert.ok(logs.includes("error job failed"));
    assert.deepEqual((await status.list()).map((s) => s.name).sort(), ["alert-sweep", "reconcile"]);
    assert.equal(await status.get("daily-report"), null);
  });
});

Deno.test("a guarded skip runs nothing and records nothing", async () => {
  await withKv(async (kv) => {
    const status = new KvJobStatusStore(kv);
    const fake = new FakeCron();
    let calls = 0;
    registerJobs([
      defineJob({
        name: "alert-sweep",
        schedule: schedules["alert-sweep"],
        run: () => void calls++,
      }),
    ], { cron: fake.cron, status, now: () => at(10, 0, "2026-02-17"), log: quiet }); // 설날
    await fake.handler("alert-sweep")();
    assert.equal(calls, 0);
    assert.equal(await status.get("alert-sweep"), null);
  });
});

Deno.test("delayed openings: the runner skips 09:30 and runs 10:05 on 2026-01-02, 16:10 on exam day", async () => {
  await withKv(async (kv) => {
    let time = 0;
    const ran: number[] = [];
    const fake = new FakeCron();
    registerJobs([
      defineJob({
        name: "alert-sweep",
        schedule: schedules["alert-sweep"],
        run: ({ now }) => void ran.push(now),
      }),
    ], { cron: fake.cron, status: new KvJobStatusStore(kv), now: () => time, log: quiet });
    for (
      const instant of [at(9, 30, "2026-01-02"), at(10, 5, "2026-01-02"), at(16, 10, "2026-11-19")]
    ) {
      time = instant;
      await fake.handler("alert-sweep")();
    }
    assert.deepEqual(ran, [at(10, 5, "2026-01-02"), at(16, 10, "2026-11-19")]);
  });
});

Deno.test("a calendar getter is asked at each firing (a refreshed calendar takes effect)", async () => {
  await withKv(async (kv) => {
    let calendar = DEFAULT_CALENDAR;
    let calls = 0;
    const fake = new FakeCron();
    registerJobs([
      defineJob({ name: "reconcile", schedule: schedules.reconcile, run: () => void calls++ }),
    ], {
      cron: fake.cron,
      status: new KvJobStatusStore(kv),
      now: () => at(10, 0),
      calendar: () => Promise.resolve(calendar),
      log: quiet,
    });
    await fake.handler("reconcile")();
    calendar = DEFAULT_CALENDAR.withHolidays([parseIsoDate("2026-03-04")]);
    await fake.handler("reconcile")();
    assert.equal(calls, 1);
  });
});

Deno.test("an overlapping firing of the same job in one process is skipped", async () => {
  await withKv(async (kv) => {
    const held = gate();
    let calls = 0;
    const logs: string[] = [];
    const fake = new FakeCron();
    registerJobs([
      defineJob({
        name: "reconcile",
        schedule: schedules.reconcile,
        run: async () => {
          calls++;
          await held.promise;
        },
      }),
    ], {
      cron: fake.cron,
      status: new KvJobStatusStore(kv),
      now: () => at(10, 0),
      log: (level, msg) => logs.push(`${level} ${msg}`),
    });
    // Both expressions of a job share one handler, so the flag spans them too.
    const first = fake.handler("reconcile-1")();
    await fake.handler("reconcile-2")();
    held.open();
    await first;
    assert.equal(calls, 1);
    assert.ok(logs.includes("warn job skipped: the previous run is still going"));
  });
});

Deno.test("the KV lease keeps a second process on the same KV file from running the job", async () => {
  const path = await Deno.makeTempFile({ suffix: ".sqlite" });
  const kvA = await Deno.openKv(path);
  const kvB = await Deno.openKv(path);
  try {
    let time = at(10, 0);
    const runs: string[] = [];
    const held = gate();
    const started = gate();
    const register = (kv: Deno.Kv, holder: string) => {
      const fake = new FakeCron();
      registerJobs([
        defineJob({
          name: "reconcile",
          schedule: schedules.reconcile,
          run: async () => {
            runs.push(holder);
            if (holder !== "A") return;
            started.open();
            await held.promise;
          },
        }),
      ], {
        cron: fake.cron,
        status: new KvJobStatusStore(kv),
        lease: new KvJobLease(kv),
        holder,
        now: () => time,
        log: quiet,
      });
      return fake.handler("reconcile");
    };
    const processA = register(kvA, "A");
    const processB = register(kvB, "B");

    const running = processA();
    await started.promise; // A holds the lease and is running
    await processB(); // same firing, while A runs
    held.open();
    await running;
    assert.deepEqual(runs, ["A"]);

    await processB(); // the same slot after A finished: still A's
    assert.deepEqual(runs, ["A"]);

    time = at(10, 5);
    await processB(); // the next firing goes to whoever comes first
    await processA();
    assert.deepEqual(runs, ["A", "B"]);
  } finally {
    kvA.close();
    kvB.close();
    await Deno.remove(path);
  }
});

Deno.test("an expired lease (its holder died mid-run) lets another process run", async () => {
  await withKv(async (kv) => {
    const lease = new KvJobLease(kv);
    const ttl = schedules.reconcile.leaseMs;
    assert.ok(await lease.acquire("reconcile", at(10, 0), "dead", at(10, 0), ttl));
    assert.equal(await lease.acquire("reconcile", at(10, 5), "B", at(10, 5), ttl), null);
    assert.ok(await lease.acquire("reconcile", at(10, 10), "B", at(10, 10), ttl));
  });
});

Deno.test("a firing the calendar cannot judge is recorded as an error, not run", async () => {
  await withKv(async (kv) => {
    const status = new KvJobStatusStore(kv);
    const fake = new FakeCron();
    let calls = 0;
    registerJobs([
      defineJob({ name: "reconcile", schedule: schedules.reconcile, run: () => void calls++ }),
    ], { cron: fake.cron, status, now: () => at(10, 0, "2031-03-04"), log: quiet });
    await fake.handler("reconcile")();
    assert.equal(calls, 0);
    const recorded = await status.get("reconcile");
    assert.equal(recorded?.state, "error");
    assert.match((recorded as { error?: string }).error ?? "", /no KRX calendar for 2031/);
  });
});

Deno.test("a manual firing runs after this minute's cron run, refuses while a run is going, and the minute's late cron stays skipped", async () => {
  await withKv(async (kv) => {
    let time = at(10, 0);
    const runs: string[] = [];
    const held = gate();
    const started = gate();
    let hold = false;
    const fake = new FakeCron();
    const [registration] = registerJobs([
      defineJob({
        name: "reconcile",
        schedule: schedules.reconcile,
        run: async () => {
          runs.push(new Date(time).toISOString().slice(11, 19));
          if (!hold) return;
          started.open();
          await held.promise;
        },
      }),
    ], {
      cron: fake.cron,
      status: new KvJobStatusStore(kv),
      lease: new KvJobLease(kv),
      now: () => time,
      log: quiet,
    });
    const cron = fake.handler("reconcile");
    await cron(); // 10:00:00 KST
    time += 20_000;
    assert.deepEqual(await registration!.fire("manual"), { outcome: "ran" });
    time += 20_000;
    await cron(); // a late duplicate firing of 10:00: the manual run took a later instant
    assert.deepEqual(runs, ["01:00:00", "01:00:20"]);

    hold = true;
    time = at(10, 5);
    const going = registration!.fire("manual");
    await started.promise;
    assert.deepEqual(await registration!.fire("manual"), {
      outcome: "busy",
      reason: "the previous run is still going",
    });
    held.open();
    assert.deepEqual(await going, { outcome: "ran" });

    time = at(20, 0); // after the close: the guard says why
    const skipped = await registration!.fire("manual");
    assert.equal(skipped.outcome, "skipped");
    assert.deepEqual(runs, ["01:00:00", "01:00:20", "01:05:00"]);
  });
});
