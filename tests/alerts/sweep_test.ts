import assert from "node:assert/strict";
import { AlertIndex, levelBelow } from "../../core/alerts/mod.ts";
import { AlertRepository, exitKeyOf } from "../../core/alerts/repository.ts";
import { AlertWatcher, type AlertWatcherOptions } from "../../core/alerts/watcher.ts";
import { parseSymbolCode } from "../../core/krx/mod.ts";
import { openStore } from "../../core/store/mod.ts";
import { startJournal } from "../trading/_journal.ts";
import { eventually, heldWithExit, recordingNotify, startWatching } from "./_watch.ts";

const SAMSUNG = parseSymbolCode("005930");
const HYNIX = parseSymbolCode("000660");
const TAPE_MS = 5_000;

Deno.test("the sweep fires an alert whose tick was missed, once", async (t) => {
  await using rig = await startJournal();
  const { sim, broker } = rig.e2e;
  const start = sim.market.price(SAMSUNG);
  const alerts = new AlertRepository(rig.store);
  const alert = await alerts.create({
    account: rig.accountId,
    symbol: SAMSUNG,
    rule: { kind: "price_below", price: start },
  });
  // a price alert on another symbol far from its price: swept, never fired
  await alerts.create({
    account: rig.accountId,
    symbol: HYNIX,
    rule: { kind: "price_above", price: sim.market.price(HYNIX) * 3 },
  });
  const sink = recordingNotify();
  const options: AlertWatcherOptions = {
    store: rig.store,
    broker,
    notify: sink.notify,
    journalOf: () => rig.journal,
  };
  const watcher = await AlertWatcher.load(options);
  // no stream: the market trades while the watcher hears nothing, until a trade reaches the level
  let steps = 0;
  while (sim.market.price(SAMSUNG) > start && steps++ < 120) sim.clock.advance(TAPE_MS);
  const missed = sim.market.price(SAMSUNG);
  assert.ok(missed <= start, `the tape never came back to ${start}`);

  await t.step("the sweep reads the quotes and fires the crossed alert", async () => {
    const outcomes = await watcher.sweep();
    assert.deepEqual(outcomes.map((o) => [o.alertId, o.result]), [[alert.id, "fired"]]);
    const record = await alerts.triggerOf(rig.accountId, alert.id);
    assert.equal(record?.price, missed);
    assert.equal(record?.exitKey, null);
    assert.equal(sink.sent.length, 1);
  });

  await t.step("a second sweep, and a fresh watcher's sweep, fire nothing more", async () => {
    assert.deepEqual(await watcher.sweep(), []);
    const fresh = await AlertWatcher.load(options);
    assert.equal(fresh.size, 1);
    assert.deepEqual(await fresh.sweep(), []);
    assert.equal(sink.sent.length, 1);
  });
});

Deno.test("a trailing stop's high survives a restart: a new watcher on the same KV resumes from it", async (t) => {
  const dir = await Deno.makeTempDir();
  try {
    const path = `${dir}/trail.kv`;
    await using rig = await startJournal({}, path);
    const { sim, broker } = rig.e2e;
    const alerts = new AlertRepository(rig.store);
    // no last price: the mark starts at the first trade; a 30 % trail will not fire in minutes
    const alert = await alerts.create({
      account: rig.accountId,
      symbol: SAMSUNG,
      rule: { kind: "trailing_stop", trail: { unit: "percent", percent: 30 } },
    });
    const options: AlertWatcherOptions = {
      store: rig.store,
      broker,
      notify: recordingNotify().notify,
      journalOf: () => rig.journal,
      highFlushMs: 60_000,
    };
    const storedHigh = async () => {
      const rule = (await alerts.get(rig.accountId, alert.id))?.alert.rule;
      return rule?.kind === "trailing_stop" ? rule.highWaterMark : undefined;
    };
    const prices: number[] = [];
    const watcher = await AlertWatcher.load(options);
    {
      await using watching = startWatching(watcher, await broker.stream({ trades: [SAMSUNG] }));
      for (let step = 1; step <= 24; step++) {
        sim.clock.advance(TAPE_MS);
        await eventually(() => watching.handled() >= step, `trade ${step} handled`);
        prices.push(sim.market.price(SAMSUNG));
        if (step === 1) {
          await t.step("the first trade sets the mark and writes it at once", async () => {
            assert.equal(await storedHigh(), prices[0]);
          });
        }
        if (step === 6) {
          await t.step("within the flush interval a higher mark stays in memory", async () => {
            assert.ok(Math.max(...prices) > prices[0]!, `no new high in ${prices}`);
            assert.equal(await storedHigh(), prices[0]);
          });
        }
      }
      assert.equal(watching.outcomes.length, 0);
    }
    const high = Math.max(...prices);

    await t.step(
      "after 2 minutes of trades the stored mark is the highest trade so far",
      async () => {
        // the flush at the 60 s tick wrote the high up to then; stopping writes the rest
        assert.equal(await storedHigh(), Math.max(...prices.slice(0, 13)));
        await watcher.flushHighs();
        assert.equal(await storedHigh(), high);
      },
    );

    await t.step("a new watcher on a new handle of the KV file starts from that mark", async () => {
      using restarted = await openStore({ path, now: rig.now });
      const next = await AlertWatcher.load({ ...options, store: restarted });
      assert.equal(next.size, 1);
      // a trade just below the 30 % level of the resumed high fires it; from the first trade's
      // mark the same trade would not
      const level = levelBelow(high, 30);
      assert.ok(level > levelBelow(prices[0]!, 30), `the tape never rose above ${prices[0]}`);
      const outcomes = await next.onTrade(SAMSUNG, level, rig.now());
      assert.equal(outcomes[0]?.result, "fired");
      assert.equal(outcomes[0]?.result === "fired" && outcomes[0].record.level, level);
    });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("an exit left pending by a process that stopped after its trigger is placed once by the sweep", async (t) => {
  await using rig = await startJournal();
  const { sim, broker } = rig.e2e;
  const rule = { kind: "price_below", price: sim.market.price(SAMSUNG) } as const;
  const { alerts, alert } = await heldWithExit(rig, 5, rule);
  // the stopped process: its index fired and its commit landed, then nothing more
  const index = new AlertIndex();
  index.add(alert);
  const [trigger] = index.onTick(SAMSUNG, sim.market.price(SAMSUNG), rig.now());
  assert.ok(await alerts.trigger(trigger!, alert.updatedAt));
  assert.equal(sim.market.orders().filter((o) => o.side === "sell").length, 0);

  const watcher = await AlertWatcher.load({
    store: rig.store,
    broker,
    notify: recordingNotify().notify,
    journalOf: () => rig.journal,
  });
  await t.step("the sweep places the exit under the alert's key", async () => {
    const outcomes = await watcher.sweep();
    assert.deepEqual(outcomes.map((o) => [o.alertId, o.result]), [[alert.id, "resumed"]]);
    const exit = outcomes[0]?.result === "resumed" ? outcomes[0].exit : null;
    assert.equal(exit?.status, "placed");
    assert.equal(exit?.status === "placed" && exit.order.idempotencyKey, exitKeyOf(alert.id));
  });

  await t.step("the next sweep finds nothing pending: one sell of 5 at the simulator", async () => {
    assert.deepEqual(await watcher.sweep(), []);
    assert.deepEqual(await alerts.pendingExits(), []);
    const sells = sim.market.orders().filter((o) => o.side === "sell");
    assert.deepEqual(sells.map((o) => o.qty), [5]);
  });
});

Deno.test("an exit whose process stopped between its intent and KIS is sold once, after reconciliation proves it was never sent", async (t) => {
  await using rig = await startJournal();
  const { sim, broker } = rig.e2e;
  const rule = { kind: "price_below", price: sim.market.price(SAMSUNG) } as const;
  const { alerts, alert } = await heldWithExit(rig, 4, rule);
  // the stopped process: its trigger and intent committed, and its order request never left
  let reached = () => {};
  const atBroker = new Promise<void>((resolve) => reached = resolve);
  const stalled = new Proxy(broker, {
    get(target, property) {
      const value = Reflect.get(target, property, target);
      if (typeof value !== "function") return value;
      if (property === "placeOrder") {
        return () => {
          reached();
          return new Promise(() => {});
        };
      }
      return (...args: unknown[]) => value.apply(target, args);
    },
  });
  const stopped = await AlertWatcher.load({
    store: rig.store,
    broker: stalled,
    notify: recordingNotify().notify,
    journalOf: () => rig.journalOn(rig.store, stalled),
  });
  void stopped.onTrade(SAMSUNG, sim.market.price(SAMSUNG), rig.now());
  await atBroker;
  assert.equal((await rig.journal.byIdempotencyKey(exitKeyOf(alert.id)))?.status, "intent");

  const watcher = await AlertWatcher.load({
    store: rig.store,
    broker,
    notify: recordingNotify().notify,
    journalOf: () => rig.journal,
    log: () => {},
  });
  await t.step(
    "while the intent is unresolved the sweep leaves it pending and sends nothing",
    async () => {
      const outcomes = await watcher.sweep();
      const exit = outcomes[0]?.result === "resumed" ? outcomes[0].exit : null;
      assert.equal(exit?.status === "placed" && exit.order.status, "intent");
      assert.equal((await alerts.pendingExits()).length, 1);
      assert.equal(sim.market.orders().filter((o) => o.side === "sell").length, 0);
    },
  );

  await t.step(
    "resolved not sent past the horizon, the next sweep sells the same 4 once",
    async () => {
      rig.shift(10 * 60_000);
      const report = await rig.journal.reconcile();
      assert.equal(report.notSent.length, 1);
      const outcomes = await watcher.sweep();
      const exit = outcomes[0]?.result === "resumed" ? outcomes[0].exit : null;
      assert.equal(exit?.status === "placed" && exit.order.status, "submitted");
      assert.deepEqual(await alerts.pendingExits(), []);
      assert.deepEqual(await watcher.sweep(), []);
      const sells = sim.market.orders().filter((o) => o.side === "sell");
      assert.deepEqual(sells.map((o) => o.qty), [4]);
    },
  );
});
