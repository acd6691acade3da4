import assert from "node:assert/strict";
import { AlertNotFoundError, AlertRepository, exitKeyOf } from "../../core/alerts/repository.ts";
import { AlertIndex, AlertValidationError } from "../../core/alerts/mod.ts";
import { parseSymbolCode } from "../../core/krx/mod.ts";
import { openStore, type Store, StoreConflictError } from "../../core/store/mod.ts";

const SAMSUNG = parseSymbolCode("005930");
const HYNIX = parseSymbolCode("000660");

async function keysUnder(store: Store, prefix: Deno.KvKey): Promise<Deno.KvKey[]> {
  const keys: Deno.KvKey[] = [];
  for await (const entry of store.kv.list({ prefix })) keys.push(entry.key);
  return keys;
}

Deno.test("alert repository: CRUD keeps the by-symbol index and the audit log with the alert", async (t) => {
  let clock = 1_000_000;
  using store = await openStore({ path: ":memory:", now: () => clock });
  const alerts = new AlertRepository(store);

  const stop = await alerts.create(
    {
      account: "acct-1",
      symbol: SAMSUNG,
      rule: { kind: "stop_loss", trigger: { basis: "average_cost", percent: 5 } },
      action: { kind: "notify_and_exit", quantity: { kind: "all" } },
    },
    { averageCost: 70_000 },
  );
  const above = await alerts.create({
    account: "acct-2",
    symbol: SAMSUNG,
    rule: { kind: "price_above", price: 80_000 },
  });
  const hynix = await alerts.create({
    account: "acct-1",
    symbol: HYNIX,
    rule: { kind: "trailing_stop", trail: { unit: "percent", percent: 10 } },
  }, { lastPrice: 200_000 });

  await t.step("create writes the alert, its index entry and an audit entry together", async () => {
    assert.equal(stop.rule.kind === "stop_loss" && stop.rule.triggerPrice, 66_500);
    assert.deepEqual((await alerts.get("acct-1", stop.id))?.alert, stop);
    assert.deepEqual(await keysUnder(store, ["alerts_by_symbol", SAMSUNG]), [
      ["alerts_by_symbol", SAMSUNG, "acct-1", stop.id],
      ["alerts_by_symbol", SAMSUNG, "acct-2", above.id],
    ]);
    const audit = (await store.audit.list()).items.filter((e) => e.kind === "alert");
    assert.deepEqual(audit.map((e) => [e.action, e.subject]), [
      ["created", stop.id],
      ["created", above.id],
      ["created", hynix.id],
    ]);
  });

  await t.step("listing by account and by symbol pages with cursors", async () => {
    const first = await alerts.listByAccount("acct-1", { limit: 1 });
    assert.deepEqual(first.items.map((a) => a.id), [stop.id]);
    const second = await alerts.listByAccount("acct-1", { limit: 1, cursor: first.cursor });
    assert.deepEqual(second.items.map((a) => a.id), [hynix.id]);
    assert.equal(second.cursor, null);
    const bySymbol = await alerts.listBySymbol(SAMSUNG, { limit: 1 });
    assert.deepEqual(bySymbol.items.map((a) => a.id), [stop.id]);
    const rest = await alerts.listBySymbol(SAMSUNG, { cursor: bySymbol.cursor });
    assert.deepEqual(rest.items.map((a) => a.id), [above.id]);
    assert.deepEqual((await alerts.listBySymbol(HYNIX)).items, [hynix]);
  });

  await t.step("update re-resolves the rule; a stale versionstamp is a conflict", async () => {
    const read = (await alerts.get("acct-1", stop.id))!;
    clock += 1_000;
    const moved = await alerts.update(
      "acct-1",
      stop.id,
      { rule: { kind: "stop_loss", trigger: { basis: "average_cost", percent: 10 } } },
      { averageCost: 70_000 },
      read.versionstamp,
    );
    assert.equal(moved.rule.kind === "stop_loss" && moved.rule.triggerPrice, 63_000);
    assert.equal(moved.updatedAt, clock);
    await assert.rejects(
      alerts.update("acct-1", stop.id, { action: { kind: "notify" } }, {}, read.versionstamp),
      StoreConflictError,
    );
    assert.deepEqual((await alerts.get("acct-1", stop.id))?.alert, moved);
  });

  await t.step("disable and enable move the state; allActive sees only active alerts", async () => {
    await alerts.setEnabled("acct-2", above.id, false);
    assert.deepEqual(
      (await alerts.allActive()).map((a) => a.id).sort(),
      [stop.id, hynix.id].sort(),
    );
    await alerts.setEnabled("acct-2", above.id, true);
    assert.equal((await alerts.allActive()).length, 3);
  });

  await t.step("delete removes the alert and its index entry in one operation", async () => {
    await alerts.delete("acct-2", above.id);
    assert.equal(await alerts.get("acct-2", above.id), null);
    assert.deepEqual(await keysUnder(store, ["alerts_by_symbol", SAMSUNG]), [
      ["alerts_by_symbol", SAMSUNG, "acct-1", stop.id],
    ]);
    await assert.rejects(alerts.delete("acct-2", above.id), AlertNotFoundError);
    const actions = (await store.audit.list()).items.filter((e) => e.subject === above.id)
      .map((e) => e.action);
    assert.deepEqual(actions, ["created", "disabled", "enabled", "deleted"]);
  });

  await t.step("a bad draft writes nothing", async () => {
    const before = await keysUnder(store, ["alerts"]);
    await assert.rejects(
      alerts.create({ account: "acct-1", symbol: "12", rule: { kind: "price_above", price: 0 } }),
      AlertValidationError,
    );
    assert.deepEqual(await keysUnder(store, ["alerts"]), before);
  });
});

Deno.test("alert repository: a trigger commits once, with its record and pending exit; the loser does nothing", async (t) => {
  using store = await openStore({ path: ":memory:", now: () => 5_000_000 });
  const alerts = new AlertRepository(store);
  const alert = await alerts.create({
    account: "acct-1",
    symbol: SAMSUNG,
    rule: { kind: "stop_loss", trigger: { basis: "price", price: 66_500 } },
    action: { kind: "notify_and_exit", quantity: { kind: "shares", shares: 3 } },
  });
  const index = new AlertIndex();
  index.add(alert);
  const [trigger] = index.onTick(SAMSUNG, 66_400, 5_000_100);
  assert.ok(trigger);

  await t.step("two commits of one trigger at once: one record, one audit entry", async () => {
    const results = await Promise.all([
      alerts.trigger(trigger, alert.updatedAt),
      alerts.trigger(trigger, alert.updatedAt),
    ]);
    const won = results.filter((r) => r !== null);
    assert.equal(won.length, 1);
    assert.deepEqual(won[0], {
      alertId: alert.id,
      account: "acct-1",
      symbol: SAMSUNG,
      kind: "stop_loss",
      price: 66_400,
      level: 66_500,
      direction: "down",
      at: 5_000_100,
      exitKey: exitKeyOf(alert.id),
    });
    assert.deepEqual(await alerts.triggerOf("acct-1", alert.id), won[0]);
    assert.deepEqual((await alerts.triggers("acct-1")).items, won);
    const stored = (await alerts.get("acct-1", alert.id))!.alert;
    assert.deepEqual(stored.state, { status: "triggered", price: 66_400, at: 5_000_100 });
    const triggered = (await store.audit.list()).items.filter((e) => e.action === "triggered");
    assert.equal(triggered.length, 1);
    assert.deepEqual(await keysUnder(store, ["alert_exits_pending"]), [
      ["alert_exits_pending", "acct-1", alert.id],
    ]);
  });

  await t.step("a trigger evaluated against an older version of the alert loses", async () => {
    const other = await alerts.create({
      account: "acct-1",
      symbol: SAMSUNG,
      rule: { kind: "price_below", price: 60_000 },
    });
    const stale = new AlertIndex();
    stale.add(other);
    const [fired] = stale.onTick(SAMSUNG, 59_000, 5_000_200);
    assert.equal(await alerts.trigger(fired!, other.updatedAt - 1), null);
    assert.equal((await alerts.get("acct-1", other.id))?.alert.state.status, "active");
  });
});
