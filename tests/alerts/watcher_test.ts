import assert from "node:assert/strict";
import { AlertRepository, exitKeyOf } from "../../core/alerts/repository.ts";
import { AlertWatcher } from "../../core/alerts/watcher.ts";
import { parseSymbolCode } from "../../core/krx/mod.ts";
import { openStore } from "../../core/store/mod.ts";
import { startJournal } from "../trading/_journal.ts";
import { eventually, recordingNotify, startWatching } from "./_watch.ts";

const SAMSUNG = parseSymbolCode("005930");
const TAPE_MS = 5_000;

Deno.test("a notify_and_exit stop-loss fires on a real stream tick and sells once at the simulator", async (t) => {
  await using rig = await startJournal();
  const { sim, broker } = rig.e2e;
  await broker.placeOrder({ type: "market", side: "buy", symbol: SAMSUNG, quantity: 10 });
  const held = sim.market.account().holdings.find((h) => h.code === SAMSUNG)?.qty;
  assert.equal(held, 10);
  const entry = sim.market.price(SAMSUNG);
  const alerts = new AlertRepository(rig.store);
  // a stop at today's price: the first trade at or below it fires, as the tape decides
  const alert = await alerts.create({
    account: rig.accountId,
    symbol: SAMSUNG,
    rule: { kind: "stop_loss", trigger: { basis: "price", price: entry } },
    action: { kind: "notify_and_exit", quantity: { kind: "all" } },
  });
  const sink = recordingNotify();
  const watcher = await AlertWatcher.load({
    store: rig.store,
    broker,
    notify: sink.notify,
    journalOf: (account) => account === rig.accountId ? rig.journal : undefined,
  });
  const ticks: number[] = [];
  {
    await using watching = startWatching(watcher, await broker.stream({ trades: [SAMSUNG] }));
    for (let step = 1; step <= 120 && watching.outcomes.length === 0; step++) {
      sim.clock.advance(TAPE_MS);
      await eventually(() => watching.handled() >= step, `trade ${step} handled`);
      ticks.push(sim.market.price(SAMSUNG));
    }
    // more trades after the trigger change nothing
    for (let more = 1; more <= 6; more++) sim.clock.advance(TAPE_MS);
    const before = watching.handled();
    await eventually(() => watching.handled() >= before + 6, "the later trades handled");

    await t.step("the first trade at or below the stop fired it, once", () => {
      const firedAt = ticks.findIndex((price) => price <= entry);
      assert.equal(firedAt, ticks.length - 1, `ticks ${ticks}`);
      assert.equal(watching.outcomes.length, 1);
      const [outcome] = watching.outcomes;
      assert.equal(outcome?.result, "fired");
      assert.equal(outcome.result === "fired" && outcome.record.price, ticks.at(-1));
      assert.equal(outcome.result === "fired" && outcome.exit?.status, "placed");
    });
  }

  await t.step("the simulator's ledger shows exactly one sell, of the whole position", () => {
    const sells = sim.market.orders().filter((o) => o.side === "sell");
    assert.equal(sells.length, 1);
    assert.equal(sells[0]?.qty, 10);
    assert.equal(sells[0]?.filledQty, 10);
    assert.equal(sim.market.account().holdings.find((h) => h.code === SAMSUNG), undefined);
  });

  await t.step(
    "the journal holds the sell under the alert's key; the store says triggered",
    async () => {
      const order = await rig.journal.byIdempotencyKey(exitKeyOf(alert.id));
      assert.equal(order?.request.side, "sell");
      assert.equal((await alerts.get(rig.accountId, alert.id))?.alert.state.status, "triggered");
      assert.equal((await alerts.triggerOf(rig.accountId, alert.id))?.exitKey, exitKeyOf(alert.id));
    },
  );

  await t.step("the notify function got one critical alert message", () => {
    assert.equal(sink.sent.length, 1);
    assert.equal(sink.sent[0]?.kind, "alert");
    assert.equal(sink.sent[0]?.severity, "critical");
    assert.equal(sink.sent[0]?.dedupeKey, `alert:${alert.id}`);
  });
});

Deno.test("two watchers on one KV file racing on one trigger: one trigger, one exit order", async (t) => {
  const dir = await Deno.makeTempDir();
  try {
    const path = `${dir}/race.kv`;
    await using rig = await startJournal({}, path);
    const { sim, broker } = rig.e2e;
    await broker.placeOrder({ type: "market", side: "buy", symbol: SAMSUNG, quantity: 4 });
    using otherStore = await openStore({ path, now: rig.now });
    const otherBroker = rig.e2e.newBroker();
    const otherJournal = rig.journalOn(otherStore, otherBroker);
    // far above the market, so the very first trade fires it in both watchers
    const alert = await new AlertRepository(rig.store).create({
      account: rig.accountId,
      symbol: SAMSUNG,
      rule: {
        kind: "stop_loss",
        trigger: { basis: "price", price: sim.market.price(SAMSUNG) * 2 },
      },
      action: { kind: "notify_and_exit", quantity: { kind: "shares", shares: 3 } },
    });
    const sink = recordingNotify();
    const [first, second] = await Promise.all([
      AlertWatcher.load({
        store: rig.store,
        broker,
        notify: sink.notify,
        journalOf: () => rig.journal,
      }),
      AlertWatcher.load({
        store: otherStore,
        broker: otherBroker,
        notify: sink.notify,
        journalOf: () => otherJournal,
      }),
    ]);
    {
      // one socket per app key, as at KIS: both watchers read streams of the one connection
      await using a = startWatching(first, await broker.stream({ trades: [SAMSUNG] }));
      await using b = startWatching(second, await broker.stream({ trades: [SAMSUNG] }));
      sim.clock.advance(TAPE_MS);
      await eventually(() => a.outcomes.length + b.outcomes.length === 2, "both outcomes");

      await t.step("one watcher fired, the other lost and did nothing", () => {
        const results = [...a.outcomes, ...b.outcomes].map((o) => o.result).sort();
        assert.deepEqual(results, ["fired", "lost"]);
      });
    }

    await t.step("one trigger record, one sell of 3 at the simulator, one message", async () => {
      const records = await new AlertRepository(otherStore).triggers(rig.accountId);
      assert.deepEqual(records.items.map((r) => r.alertId), [alert.id]);
      const sells = sim.market.orders().filter((o) => o.side === "sell");
      assert.deepEqual(sells.map((o) => o.qty), [3]);
      assert.equal(sink.sent.length, 1);
    });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("an alert changed after the watcher loaded it: the stale trigger loses, the new rule holds", async (t) => {
  await using rig = await startJournal();
  const alerts = new AlertRepository(rig.store);
  const alert = await alerts.create({
    account: rig.accountId,
    symbol: SAMSUNG,
    rule: { kind: "price_below", price: 60_000 },
  });
  const sink = recordingNotify();
  const watcher = await AlertWatcher.load({
    store: rig.store,
    broker: rig.e2e.broker,
    notify: sink.notify,
    journalOf: () => rig.journal,
  });
  await alerts.update(rig.accountId, alert.id, { rule: { kind: "price_below", price: 55_000 } });

  await t.step("a trade under the old level only: lost, nothing sent, still active", async () => {
    const outcomes = await watcher.onTrade(SAMSUNG, 58_000, rig.now());
    assert.deepEqual(outcomes.map((o) => o.result), ["lost"]);
    assert.equal(sink.sent.length, 0);
    assert.equal((await alerts.get(rig.accountId, alert.id))?.alert.state.status, "active");
    assert.equal(watcher.size, 1);
  });

  await t.step("the watcher now holds the new level: a trade under it fires", async () => {
    const outcomes = await watcher.onTrade(SAMSUNG, 55_000, rig.now());
    assert.deepEqual(outcomes.map((o) => o.result), ["fired"]);
    assert.equal(sink.sent.length, 1);
  });
});
