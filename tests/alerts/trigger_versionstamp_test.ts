import assert from "node:assert/strict";
import { AlertRepository } from "../../core/alerts/repository.ts";
import { AlertIndex } from "../../core/alerts/mod.ts";
import { parseSymbolCode } from "../../core/krx/mod.ts";
import { openStore, type Store } from "../../core/store/mod.ts";

const SAMSUNG = parseSymbolCode("005930");

/** Counts the store's single-key reads from now on. */
function countGets(store: Store): () => number {
  let gets = 0;
  const get = store.kv.get.bind(store.kv);
  store.kv.get = ((key: Deno.KvKey, options?: { consistency?: Deno.KvConsistencyLevel }) => {
    gets++;
    return get(key, options);
  }) as Deno.Kv["get"];
  return () => gets;
}

/** A stop-loss on Samsung and the trigger a tick under it makes. */
async function firing(store: Store) {
  const alerts = new AlertRepository(store);
  const alert = await alerts.create({
    account: "acct-1",
    symbol: SAMSUNG,
    rule: { kind: "stop_loss", trigger: { basis: "price", price: 66_500 } },
    action: { kind: "notify_and_exit", quantity: { kind: "all" } },
  });
  const [loaded] = await alerts.allActiveStored();
  assert.ok(loaded);
  const index = new AlertIndex();
  index.add(alert);
  const [trigger] = index.onTick(SAMSUNG, 66_400, 5_000_100);
  assert.ok(trigger);
  return { alerts, alert, loaded, trigger };
}

Deno.test("a trigger committed against the loaded versionstamp reads no alert", async () => {
  using store = await openStore({ path: ":memory:", now: () => 5_000_000 });
  const { alerts, alert, loaded, trigger } = await firing(store);
  const gets = countGets(store);
  const record = await alerts.trigger(trigger, alert.updatedAt, loaded.versionstamp);
  assert.equal(record?.alertId, alert.id);
  assert.equal(gets(), 0);
  assert.equal((await alerts.get(alert.account, alert.id))?.alert.state.status, "triggered");
  assert.equal(await alerts.trigger(trigger, alert.updatedAt, loaded.versionstamp), null);
});

Deno.test("a trigger whose loaded versionstamp is stale reads the alert and decides again", async (t) => {
  await t.step("only the trailing high moved: it fires", async () => {
    using store = await openStore({ path: ":memory:", now: () => 5_000_000 });
    const { alerts, alert, loaded, trigger } = await firing(store);
    // a write that leaves the rule as it was (as a trailing high's write does) moves the stamp
    const entry = await store.kv.get(["alerts", alert.account, alert.id]);
    await store.kv.set(entry.key, entry.value);
    const gets = countGets(store);
    const record = await alerts.trigger(trigger, alert.updatedAt, loaded.versionstamp);
    assert.equal(record?.alertId, alert.id);
    assert.equal(gets(), 1);
  });

  await t.step("disabled since it was loaded: it does not fire", async () => {
    using store = await openStore({ path: ":memory:", now: () => 5_000_000 });
    const { alerts, alert, loaded, trigger } = await firing(store);
    await alerts.setEnabled(alert.account, alert.id, false);
    assert.equal(await alerts.trigger(trigger, alert.updatedAt, loaded.versionstamp), null);
    assert.equal(await alerts.triggerOf(alert.account, alert.id), null);
  });
});
