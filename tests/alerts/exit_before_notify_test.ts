import assert from "node:assert/strict";
import { AlertRepository } from "../../core/alerts/repository.ts";
import { AlertWatcher } from "../../core/alerts/watcher.ts";
import { parseSymbolCode } from "../../core/krx/mod.ts";
import { startJournal } from "../trading/_journal.ts";
import { eventually } from "./_watch.ts";

const SAMSUNG = parseSymbolCode("005930");

Deno.test("a fired exit is sent while its notification is still being queued, and both finish", async () => {
  await using rig = await startJournal();
  const { sim, broker } = rig.e2e;
  await broker.placeOrder({ type: "market", side: "buy", symbol: SAMSUNG, quantity: 2 });
  const price = sim.market.price(SAMSUNG);
  await new AlertRepository(rig.store).create({
    account: rig.accountId,
    symbol: SAMSUNG,
    rule: { kind: "stop_loss", trigger: { basis: "price", price: price * 2 } },
    action: { kind: "notify_and_exit", quantity: { kind: "shares", shares: 1 } },
  });
  let release = () => {};
  const queued: string[] = [];
  const watcher = await AlertWatcher.load({
    store: rig.store,
    broker,
    // a notification queue that is slow to commit
    notify: (notification) => {
      queued.push(notification.title);
      return new Promise<void>((resolve) => release = resolve);
    },
    journalOf: (account) => account === rig.accountId ? rig.journal : undefined,
  });
  const handled = watcher.onTrade(SAMSUNG, price, rig.store.now());
  await eventually(
    () => sim.market.orders().some((o) => o.side === "sell"),
    "the exit reaches the simulator before the notification is queued",
  );
  assert.equal(queued.length, 1, "the notification was asked for first");
  release();
  const [outcome] = await handled;
  assert.equal(outcome?.result, "fired");
  assert.equal(outcome.result === "fired" && outcome.exit?.status, "placed");
});
