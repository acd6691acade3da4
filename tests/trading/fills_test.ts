import assert from "node:assert/strict";
import { parseIsoDate, parseSymbolCode, seoulDate } from "../../core/krx/mod.ts";
import type { Page } from "../../core/store/mod.ts";
import {
  type BrokerRef,
  type Fill,
  fillBetween,
  fillsOn,
  type JournalOrder,
  listFills,
  listPositions,
  type Position,
} from "../../core/trading/mod.ts";
import { startJournal } from "./_journal.ts";

// a thin book (40 shares a level), so a 50-share limit buy fills in several steps
const thin = parseSymbolCode("207940");

async function allPages<T>(read: (cursor: string | null) => Promise<Page<T>>): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null = null;
  do {
    const page: Page<T> = await read(cursor);
    items.push(...page.items);
    cursor = page.cursor;
  } while (cursor !== null);
  return items;
}

Deno.test("partial fills are recorded once each, however often reconciliation runs", async (t) => {
  await using rig = await startJournal();
  const { journal, store, accountId, e2e } = rig;
  const price = e2e.sim.market.price(thin);
  const order = await journal.placeOrder({
    idempotencyKey: "fills-1",
    order: { type: "limit", side: "buy", symbol: thin, quantity: 50, price },
  });
  const day = seoulDate(rig.now());
  const seen: number[] = [];
  for (let step = 0; step < 60; step++) {
    await journal.reconcile();
    const countAfterFirst = (await fillsOn(store, accountId, day)).length;
    await journal.reconcile();
    assert.equal(
      (await fillsOn(store, accountId, day)).length,
      countAfterFirst,
      "a second reconciliation with nothing new records nothing",
    );
    const now = await journal.get(order.id);
    if (now !== null && "filledQuantity" in now) seen.push(now.filledQuantity);
    if (now?.status === "filled") break;
    e2e.sim.clock.advance(5_000);
  }
  const fills = await fillsOn(store, accountId, day);
  const final = await journal.get(order.id);

  await t.step("the order filled in more than one step", () => {
    assert.equal(final?.status, "filled");
    assert.ok(fills.length >= 2, `expected partial fills, got ${fills.length}`);
    assert.ok(seen.some((q) => q > 0 && q < 50), "a partially filled state was seen");
  });
  await t.step("the fills add up to the order's totals and the simulator's ledger", () => {
    assert.ok(final !== null && "filledAmount" in final);
    const simOrder = e2e.sim.market.orders().find((o) => o.odno === final.ref.orderNo)!;
    assert.equal(fills.reduce((sum, f) => sum + f.quantity, 0), 50);
    assert.equal(fills.reduce((sum, f) => sum + f.amount, 0), final.filledAmount);
    assert.equal(final.filledAmount, simOrder.filledAmount);
    const cumulative = fills.map((f) => f.cumulativeQuantity);
    assert.deepEqual(cumulative, [...cumulative].sort((a, b) => a - b));
    assert.equal(cumulative.at(-1), 50);
    for (const fill of fills) {
      assert.equal(fill.orderId, order.id);
      assert.equal(fill.price, Math.round(fill.amount / fill.quantity));
    }
  });
  await t.step("each fill has one audit entry of kind fill", async () => {
    const audit = (await store.audit.list({ limit: 1000 })).items.filter((e) => e.kind === "fill");
    assert.equal(audit.length, fills.length);
    assert.deepEqual(
      audit.map((e) => e.data.cumulativeQuantity),
      fills.map((f) => f.cumulativeQuantity),
    );
  });
  await t.step("fills list in pages with cursors", async () => {
    const paged = await allPages<Fill>((cursor) =>
      listFills(store, accountId, { limit: 1, cursor })
    );
    assert.deepEqual(paged, fills);
  });
});

Deno.test("the positions snapshot follows the broker's balance and the recorded fills", async (t) => {
  await using rig = await startJournal();
  const { journal, store, accountId, e2e } = rig;
  const buy = await journal.placeOrder({
    idempotencyKey: "pos-buy",
    order: { type: "market", side: "buy", symbol: thin, quantity: 7 },
  });
  const synced = await journal.syncPositions();

  await t.step("a sync reconciles first, so the fill is recorded with the position", async () => {
    assert.equal((await journal.get(buy.id))?.status, "filled");
    const fills = await fillsOn(store, accountId, seoulDate(rig.now()));
    const held = synced.positions.find((p) => p.symbol === thin);
    assert.equal(held?.quantity, fills.reduce((sum, f) => sum + f.quantity, 0));
    const simHolding = e2e.sim.market.account().holdings.find((h) => h.code === thin)!;
    assert.equal(held?.quantity, simHolding.qty);
    assert.ok(Math.abs(held!.averagePrice - simHolding.avgPrice) < 1);
    assert.ok(held!.syncedAt <= rig.now());
  });
  await t.step("positions list in pages with cursors", async () => {
    const paged = await allPages<Position>((cursor) =>
      listPositions(store, accountId, { limit: 1, cursor })
    );
    assert.deepEqual(paged, synced.positions.toSorted((a, b) => a.symbol < b.symbol ? -1 : 1));
  });
  await t.step("a position sold out is removed at the next sync", async () => {
    await journal.placeOrder({
      idempotencyKey: "pos-sell",
      order: { type: "market", side: "sell", symbol: thin, quantity: 7 },
    });
    const after = await journal.syncPositions();
    assert.deepEqual(after.closed, [thin]);
    const listed = (await listPositions(store, accountId)).items;
    assert.ok(listed.every((p) => p.symbol !== thin));
  });
});

Deno.test("a fill is the step between two cumulative totals, and none without one", () => {
  const ref: BrokerRef = {
    orderNo: "0000010001",
    branchNo: "91252",
    route: "KRX",
    date: parseIsoDate("2026-11-27"),
  };
  const base = {
    id: "o1",
    accountId: "acct",
    idempotencyKey: "k",
    request: {
      type: "limit" as const,
      side: "buy" as const,
      symbol: thin,
      quantity: 50,
      price: 700,
    },
    createdAt: 1,
    updatedAt: 1,
    replaces: null,
  };
  const submitted: JournalOrder = { ...base, status: "submitted", ref };
  const partly: JournalOrder = {
    ...base,
    status: "partially_filled",
    ref,
    filledQuantity: 32,
    filledAmount: 22_400,
  };
  const done: JournalOrder = {
    ...partly,
    status: "filled",
    filledQuantity: 50,
    filledAmount: 35_030,
  };
  const intent: JournalOrder = { ...base, status: "intent" };
  assert.equal(fillBetween(intent, submitted, 2), null);
  assert.deepEqual(
    [fillBetween(submitted, partly, 2), fillBetween(partly, done, 3)].map((f) => [
      f?.quantity,
      f?.amount,
      f?.price,
      f?.cumulativeQuantity,
    ]),
    [[32, 22_400, 700, 32], [18, 12_630, 702, 50]],
  );
  assert.equal(fillBetween(done, { ...done, status: "cancelled" }, 4), null);
});
