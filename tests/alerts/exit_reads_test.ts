import assert from "node:assert/strict";
import { AlertIndex } from "../../core/alerts/alert_index.ts";
import { AlertWatcher } from "../../core/alerts/watcher.ts";
import { parseSymbolCode } from "../../core/krx/mod.ts";
import { KEYS } from "../../core/store/mod.ts";
import { countingBroker, startJournal } from "../trading/_journal.ts";
import { heldWithExit } from "./_watch.ts";

const SAMSUNG = parseSymbolCode("005930");

Deno.test("an exit fired by a trade reads the balance once and no quote, and sells at that trade's price", async () => {
  await using rig = await startJournal();
  const { price } = await heldWithExit(rig, 3);
  const { broker, calls } = countingBroker(rig.e2e.broker);
  const journal = rig.journalOn(rig.store, broker);
  const watcher = await AlertWatcher.load({
    store: rig.store,
    broker,
    notify: () => Promise.resolve(),
    journalOf: (account) => account === rig.accountId ? journal : undefined,
  });
  calls.clear();
  const [outcome] = await watcher.onTrade(SAMSUNG, price, rig.now());
  assert.equal(outcome?.result, "fired");
  const exit = outcome.result === "fired" ? outcome.exit : null;
  assert.equal(exit?.status, "placed");
  assert.equal(exit.status === "placed" && exit.order.request.quantity, 3);
  assert.equal(exit.status === "placed" && exit.order.signalPrice, price);
  assert.equal(calls.get("getBalance"), 1);
  assert.equal(calls.get("getQuote") ?? 0, 0);
  assert.equal(calls.get("placeOrder"), 1);
});

Deno.test("an exit left pending by a stopped process reads a quote: its trigger's price is old", async () => {
  await using rig = await startJournal();
  const { alerts, alert, price } = await heldWithExit(rig, 2);
  // the stopped process committed the trigger a minute ago and never placed the exit
  const index = new AlertIndex();
  index.add(alert);
  const [trigger] = index.onTick(SAMSUNG, price, rig.now());
  assert.ok(trigger);
  const record = await alerts.trigger(trigger, alert.updatedAt);
  assert.ok(record !== null);
  rig.shift(60_000);
  const { broker, calls } = countingBroker(rig.e2e.broker);
  const journal = rig.journalOn(rig.store, broker);
  const watcher = await AlertWatcher.load({
    store: rig.store,
    broker,
    notify: () => Promise.resolve(),
    journalOf: (account) => account === rig.accountId ? journal : undefined,
    log: () => {},
  });
  const [outcome] = await watcher.resumeExits();
  assert.equal(outcome?.result, "resumed");
  assert.equal(outcome.result === "resumed" && outcome.exit?.status, "placed");
  assert.equal(calls.get("getQuote"), 1);
  assert.equal(
    (await rig.store.kv.get(KEYS.alertExitPending(rig.accountId, alert.id))).versionstamp,
    null,
  );
});
