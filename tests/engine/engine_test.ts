import assert from "node:assert/strict";
import { AlertRepository } from "../../core/alerts/repository.ts";
import { KisBroker, MARKET_DAY_PREFIX } from "../../core/broker/kis/mod.ts";
import { jobSchedules, utcCronExpressions } from "../../core/jobs/mod.ts";
import { type IsoDate, parseSymbolCode } from "../../core/krx/mod.ts";
import { listPositions, listSignals, setKillSwitch } from "../../core/trading/mod.ts";
import { SteppedClock } from "../_support/clocks.ts";
import { startEngineRig } from "./_rig.ts";

const SK_HYNIX = parseSymbolCode("000660");

/** The cron names and expressions the table asks for, `name-N` when a job has several. */
function tableCrons(withReport: boolean): [string, string][] {
  return Object.entries(jobSchedules())
    .filter(([name]) => withReport || name !== "daily-report")
    .flatMap(([name, schedule]) => {
      const expressions = utcCronExpressions(schedule.kst);
      return expressions.map((expression, i): [string, string] => [
        expressions.length === 1 ? name : `${name}-${i + 1}`,
        expression,
      ]);
    });
}

Deno.test("the engine registers every job of the table; the daily report only with a handler", async (t) => {
  await using rig = await startEngineRig();
  await t.step(
    "without a report handler: five jobs, their UTC expressions, never run",
    async () => {
      assert.deepEqual(rig.registered.map((r) => [r.name, r.expression]), tableCrons(false));
      const jobs = await rig.engine.jobs();
      assert.deepEqual(jobs.map((job) => job.name), [
        "holiday-refresh",
        "pre-open-check",
        "strategy-run",
        "alert-sweep",
        "reconcile",
      ]);
      assert.ok(jobs.every((job) => job.lastRun === null && job.summary.length > 0));
    },
  );
  await t.step("with one: the daily report is registered too", async () => {
    await using withReport = await startEngineRig({
      e2e: rig.e2e,
      dailyReport: () => Promise.resolve(),
    });
    assert.deepEqual(withReport.registered.map((r) => [r.name, r.expression]), tableCrons(true));
  });
});

Deno.test("strategy-run in session places the configs' orders through the journal; reconcile records the fills", async (t) => {
  await using rig = await startEngineRig();
  const { sim } = rig.e2e;
  await rig.engine.run("strategy-run");
  const signals = (await listSignals(rig.store.kv, "ma-5-20")).items;
  const ordered = signals.filter((signal) => signal.outcome.kind === "order");

  await t.step("every symbol has a signal, and each order reached the simulator", async () => {
    assert.deepEqual(signals.map((s) => s.symbol).sort(), ["000660", "005930"]);
    assert.ok(ordered.length > 0, "the demo's moving-average config buys on seed 1");
    assert.equal(sim.market.orders().length, ordered.length);
    const run = (await rig.engine.jobs()).find((job) => job.name === "strategy-run")?.lastRun;
    assert.equal(run?.state, "ok");
  });

  await t.step("a second firing in the same minute is refused by the lease", async () => {
    await rig.engine.run("strategy-run");
    assert.equal(sim.market.orders().length, ordered.length);
    assert.ok(rig.lines.some((l) => l.message === "job skipped: another process holds this run"));
  });

  await t.step("the reconcile job moves the journal's orders to filled", async () => {
    sim.clock.advance(60_000); // the book fills the market orders as the tape moves
    await rig.engine.run("reconcile");
    const journal = await rig.desk.journal();
    for (const signal of ordered) {
      const order = await journal.byIdempotencyKey(signal.idempotencyKey!);
      assert.equal(order?.status, "filled", `${signal.symbol} order`);
    }
  });

  await t.step("the reconcile job refreshes the positions snapshot with what filled", async () => {
    const held = (await listPositions(rig.store, rig.desk.accountId)).items;
    const balance = await rig.e2e.broker.getBalance();
    assert.deepEqual(
      held.map((p) => [p.symbol, p.quantity]).sort(),
      balance.holdings.filter((h) => h.quantity > 0).map((h) => [h.symbol, h.quantity]).sort(),
    );
    assert.deepEqual(held.map((p) => p.symbol).sort(), ordered.map((s) => s.symbol).sort());
  });

  await t.step(
    "a later firing the same day finds its orders by their keys and places none",
    async () => {
      await rig.engine.run("strategy-run");
      assert.equal(sim.market.orders().length, ordered.length);
    },
  );
});

Deno.test("the guards read the market's clock: after the close nothing runs or is recorded", async () => {
  await using rig = await startEngineRig();
  rig.e2e.sim.clock.set(new Date("2026-11-27T11:00:00Z")); // 20:00 KST
  await rig.engine.run("strategy-run");
  await rig.engine.run("alert-sweep");
  assert.equal((await listSignals(rig.store.kv, "ma-5-20")).items.length, 0);
  assert.ok((await rig.engine.jobs()).every((job) => job.lastRun === null));
  const skips = rig.lines.filter((l) => l.message === "job skipped by its guard");
  assert.equal(skips.length, 2);
  assert.match(String(skips[0]?.fields.reason), /20:00 is outside 2026-11-27's session/);
});

Deno.test("holiday-refresh stores KIS's market days, and the jobs follow the stored calendar", async (t) => {
  await using rig = await startEngineRig();
  await t.step("the market days are in KV and the run recorded", async () => {
    await rig.engine.run("holiday-refresh");
    const days = await Array.fromAsync(rig.store.kv.list({ prefix: [...MARKET_DAY_PREFIX] }));
    assert.ok(days.length > 0);
    assert.equal(String(days[0]?.key[MARKET_DAY_PREFIX.length]), "2026-11-27");
    const run = (await rig.engine.jobs()).find((job) => job.name === "holiday-refresh")?.lastRun;
    assert.equal(run?.state, "ok");
  });
  await t.step("a day KIS says is closed is skipped by the strategy run", async () => {
    const key = [...MARKET_DAY_PREFIX, "2026-11-27"];
    const stored = (await rig.store.kv.get<Record<string, unknown>>(key)).value!;
    await rig.store.kv.set(key, { ...stored, open: false });
    await rig.engine.run("strategy-run");
    assert.equal(rig.e2e.sim.market.orders().length, 0);
    const skip = rig.lines.find((l) => l.message === "job skipped by its guard");
    assert.equal(skip?.fields.reason, "2026-11-27 is not a trading day");
  });
});

Deno.test("alert-sweep fires an alert the last quote crossed and notifies it", async () => {
  await using rig = await startEngineRig();
  const price = rig.e2e.sim.market.price(SK_HYNIX);
  const alerts = new AlertRepository(rig.store);
  const alert = await alerts.create({
    account: rig.e2e.sim.credentials.account,
    symbol: SK_HYNIX,
    rule: { kind: "price_below", price: price + 10_000 },
  });
  await rig.engine.run("alert-sweep");
  const stored = await alerts.get(alert.account, alert.id);
  assert.equal(stored?.alert.state.status, "triggered");
  assert.deepEqual(rig.notified.map((n) => [n.kind, n.dedupeKey]), [[
    "alert",
    `alert:${alert.id}`,
  ]]);
});

Deno.test("pre-open-check notifies what is wrong; an unreachable broker fails the check and blocks orders", async (t) => {
  await t.step("the kill switch on: a warning is notified, the run is ok", async () => {
    await using rig = await startEngineRig();
    await setKillSwitch(rig.store, { on: true, reason: "점검", by: "test" });
    await rig.engine.run("pre-open-check");
    assert.equal(rig.notified.length, 1);
    assert.equal(rig.notified[0]?.severity, "warning");
    assert.match(rig.notified[0]?.body ?? "", /kill switch is on \(점검\)/);
    const run = (await rig.engine.jobs()).find((job) => job.name === "pre-open-check")?.lastRun;
    assert.equal(run?.state, "ok");
  });
  await t.step("nothing wrong: nothing notified", async () => {
    await using rig = await startEngineRig();
    await rig.engine.run("pre-open-check");
    assert.deepEqual(rig.notified, []);
    assert.ok(rig.lines.some((l) => l.message === "pre-open check" && l.level === "info"));
  });
  await t.step(
    "KIS unreachable: critical notice, error status, and no strategy order",
    async () => {
      await using rig = await startEngineRig({
        broker: (e2e) =>
          new KisBroker({
            env: e2e.sim.env,
            credentials: e2e.sim.credentials,
            account: e2e.sim.credentials.account,
            kv: e2e.kv,
            restUrl: "http://127.0.0.1:9",
            clock: new SteppedClock(),
          }),
      });
      await rig.engine.run("pre-open-check");
      assert.equal(rig.notified[0]?.severity, "critical");
      assert.match(rig.notified[0]?.body ?? "", /unreachable/);
      await rig.engine.run("strategy-run");
      const jobs = await rig.engine.jobs();
      const state = (name: string) => jobs.find((job) => job.name === name)?.lastRun?.state;
      assert.equal(state("pre-open-check"), "error");
      assert.equal(state("strategy-run"), "error");
      assert.equal(rig.e2e.sim.market.orders().length, 0);
      assert.equal((await listSignals(rig.store.kv, "ma-5-20")).items.length, 0);
    },
  );
});

Deno.test("the daily report job calls the injected handler with the KST date after the close", async () => {
  const calls: { date: IsoDate; now: number }[] = [];
  await using rig = await startEngineRig({
    dailyReport: (context) => {
      calls.push(context);
      return Promise.resolve();
    },
  });
  await rig.engine.run("daily-report"); // 09:30 KST: not after the close
  const at = new Date("2026-11-27T06:40:00Z"); // 15:40 KST
  rig.e2e.sim.clock.set(at);
  await rig.engine.run("daily-report");
  assert.deepEqual(calls, [{ date: "2026-11-27", now: at.getTime() }]);
});

Deno.test("two engines on one KV file run a firing once", async () => {
  const path = await Deno.makeTempFile({ suffix: ".kv" });
  try {
    await using first = await startEngineRig({ path });
    await using second = await startEngineRig({ path, e2e: first.e2e });
    await Promise.all([first.engine.run("strategy-run"), second.engine.run("strategy-run")]);
    const signals = (await listSignals(first.store.kv, "ma-5-20")).items;
    const orders = signals.filter((signal) => signal.outcome.kind === "order").length;
    assert.ok(orders > 0);
    assert.equal(first.e2e.sim.market.orders().length, orders);
    const skipped = [...first.lines, ...second.lines]
      .filter((l) => l.message === "job skipped: another process holds this run");
    assert.equal(skipped.length, 1, JSON.stringify([...first.lines, ...second.lines]));
  } finally {
    for (const suffix of ["", "-shm", "-wal"]) await Deno.remove(path + suffix).catch(() => {});
  }
});

Deno.test("close waits for the run in progress; later firings do nothing", async () => {
  await using rig = await startEngineRig();
  let finished = false;
  const run = rig.engine.run("strategy-run").then(() => finished = true);
  await rig.engine.close();
  assert.equal(finished, true);
  await run;
  const before = await rig.engine.jobs();
  rig.e2e.sim.clock.advance(60_000);
  await rig.engine.run("reconcile");
  assert.deepEqual(await rig.engine.jobs(), before);
  assert.equal(before.find((job) => job.name === "reconcile")?.lastRun, null);
});
