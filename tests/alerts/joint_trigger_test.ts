import assert from "node:assert/strict";
import type { Broker } from "../../core/broker/mod.ts";
import { exitKeyOf } from "../../core/alerts/repository.ts";
import { AlertWatcher, type TriggerOutcome } from "../../core/alerts/watcher.ts";
import { parseSymbolCode } from "../../core/krx/mod.ts";
import { KEYS, type Store } from "../../core/store/mod.ts";
import { setKillSwitch } from "../../core/trading/mod.ts";
import { type JournalRig, startJournal } from "../trading/_journal.ts";
import { heldWithExit } from "./_watch.ts";

const SAMSUNG = parseSymbolCode("005930");

/** Counts the commits made on `store` from now on. */
function countCommits(store: Store): () => number {
  let commits = 0;
  const atomic = store.kv.atomic.bind(store.kv);
  store.kv.atomic = () => {
    const op = atomic();
    const commit = op.commit.bind(op);
    op.commit = () => {
      commits++;
      return commit();
    };
    return op;
  };
  return () => commits;
}

/** Counts the store's `getMany` reads from now on. */
function countGetMany(store: Store): () => number {
  let reads = 0;
  const getMany = store.kv.getMany.bind(store.kv);
  store.kv.getMany = ((keys: Deno.KvKey[], options?: { consistency?: Deno.KvConsistencyLevel }) => {
    reads++;
    return getMany(keys, options);
  }) as Deno.Kv["getMany"];
  return () => reads;
}

/** The real broker, noting how many commits `commits` had counted when each order was sent. */
function notingCommitsAtOrders(broker: Broker, commits: () => number): {
  broker: Broker;
  atOrders: number[];
} {
  const atOrders: number[] = [];
  const proxy = new Proxy(broker, {
    get(target, property) {
      const value = Reflect.get(target, property, target);
      if (typeof value !== "function") return value;
      return (...args: unknown[]) => {
        if (property === "placeOrder") atOrders.push(commits());
        return value.apply(target, args);
      };
    },
  });
  return { broker: proxy, atOrders };
}

/**
 * A stop-loss exit over Samsung's price, a watcher counting commits, and what it notified; with
 * `stale`, the alert is rewritten as it is after the watcher loaded it (as a trailing high's write
 * does), so the versionstamp the watcher holds is stale.
 */
async function armed(rig: JournalRig, held: number, stale = false) {
  const { alerts, alert, price } = await heldWithExit(rig, held);
  const commits = countCommits(rig.store);
  const { broker, atOrders } = notingCommitsAtOrders(rig.e2e.broker, commits);
  const journal = rig.journalOn(rig.store, broker);
  const notified: string[] = [];
  const watcher = await AlertWatcher.load({
    store: rig.store,
    broker,
    notify: (notification) => Promise.resolve(notified.push(notification.title)),
    journalOf: (account) => account === rig.accountId ? journal : undefined,
    log: () => {},
  });
  if (stale) {
    const entry = await rig.store.kv.get(KEYS.alert(alert.account, alert.id));
    await rig.store.kv.set(entry.key, entry.value);
  }
  const before = commits();
  const fire = async (): Promise<TriggerOutcome> => {
    const [outcome] = await watcher.onTrade(SAMSUNG, price, rig.now());
    assert.ok(outcome);
    return outcome;
  };
  return {
    alerts,
    alert,
    journal,
    notified,
    fire,
    /** Commits made before each order was sent, counted from just before the tick. */
    commitsBeforeOrders: () => atOrders.map((count) => count - before),
  };
}

/** The audit entries of `kind`/`action`, oldest first. */
async function audited(store: Store, action: string): Promise<number> {
  const page = await store.audit.list({ limit: 1_000 });
  return page.items.filter((entry) => entry.action === action).length;
}

Deno.test("an exit fired by a trade commits its trigger and its intent in one operation before the sell", async () => {
  await using rig = await startJournal();
  const { alerts, alert, journal, notified, fire, commitsBeforeOrders } = await armed(rig, 3);
  const reads = countGetMany(rig.store);
  const outcome = await fire();
  assert.equal(outcome.result, "fired");
  assert.equal(outcome.result === "fired" && outcome.exit?.status, "placed");
  assert.deepEqual(commitsBeforeOrders(), [1], "one commit, then the order request");
  assert.equal(reads(), 1, "the placement view read beside the balance is not read again");
  assert.equal((await alerts.get(alert.account, alert.id))?.alert.state.status, "triggered");
  assert.equal((await alerts.triggerOf(alert.account, alert.id))?.exitKey, exitKeyOf(alert.id));
  assert.equal((await journal.byIdempotencyKey(exitKeyOf(alert.id)))?.request.quantity, 3);
  assert.equal(await audited(rig.store, "triggered"), 1);
  assert.equal(await audited(rig.store, "intent"), 1);
  assert.equal(notified.length, 1);
  const pending = await rig.store.kv.get(KEYS.alertExitPending(alert.account, alert.id));
  assert.equal(pending.versionstamp, null, "the exit is no longer pending once placed");
});

Deno.test("a joint commit whose alert check fails writes nothing: the trigger commits alone and the exit is placed once", async () => {
  await using rig = await startJournal();
  const { alerts, alert, journal, notified, fire, commitsBeforeOrders } = await armed(rig, 2, true);
  const outcome = await fire();
  assert.equal(outcome.result, "fired");
  assert.equal(outcome.result === "fired" && outcome.exit?.status, "placed");
  // the failed joint commit, the trigger's own, the intent's
  assert.deepEqual(commitsBeforeOrders(), [3]);
  assert.equal(await audited(rig.store, "triggered"), 1);
  assert.equal(await audited(rig.store, "intent"), 1);
  assert.equal((await journal.byIdempotencyKey(exitKeyOf(alert.id)))?.request.quantity, 2);
  assert.equal((await alerts.get(alert.account, alert.id))?.alert.state.status, "triggered");
  assert.equal(notified.length, 1);
  const sells = rig.e2e.sim.market.orders().filter((order) => order.side === "sell");
  assert.equal(sells.length, 1);
});

Deno.test("an exit refused by the kill switch still commits its trigger, with no intent", async () => {
  await using rig = await startJournal();
  const { alerts, alert, journal, notified, fire, commitsBeforeOrders } = await armed(rig, 2);
  await setKillSwitch(rig.store, { on: true, reason: "test", by: "admin" });
  const outcome = await fire();
  assert.equal(outcome.result, "fired");
  const exit = outcome.result === "fired" ? outcome.exit : null;
  assert.equal(exit?.status, "failed");
  assert.match(exit.status === "failed" ? exit.reason : "", /kill/i);
  assert.deepEqual(commitsBeforeOrders(), []);
  assert.equal(await journal.byIdempotencyKey(exitKeyOf(alert.id)), null);
  assert.equal((await alerts.get(alert.account, alert.id))?.alert.state.status, "triggered");
  assert.equal((await alerts.triggerOf(alert.account, alert.id))?.alertId, alert.id);
  assert.equal(notified.length, 1);
  const pending = await rig.store.kv.get(KEYS.alertExitPending(alert.account, alert.id));
  assert.equal(pending.versionstamp, null);
});

Deno.test("an exit with nothing held commits its trigger alone", async () => {
  await using rig = await startJournal();
  const { alerts, alert, journal, notified, fire } = await armed(rig, 0);
  const outcome = await fire();
  assert.equal(outcome.result, "fired");
  assert.equal(outcome.result === "fired" && outcome.exit?.status, "nothing_held");
  assert.equal(await journal.byIdempotencyKey(exitKeyOf(alert.id)), null);
  assert.equal((await alerts.get(alert.account, alert.id))?.alert.state.status, "triggered");
  assert.equal(notified.length, 1);
});
