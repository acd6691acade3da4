import assert from "node:assert/strict";
import fc from "fast-check";
import type { OrderRequest } from "../../core/broker/mod.ts";
import { parseIsoDate, parseSymbolCode } from "../../core/krx/mod.ts";
import { KEYS, MIGRATIONS, openStore, type Store } from "../../core/store/mod.ts";
import {
  canTransition,
  type JournalOrder,
  OPEN_STATUSES,
  OrderRepository,
  type OrderStateChange,
  type OrderStatus,
  TRANSITIONS,
} from "../../core/trading/mod.ts";
import { armBeforeOrders, startJournal } from "./_journal.ts";

const symbol = parseSymbolCode("005930");
const marketBuy: OrderRequest = { type: "market", side: "buy", symbol, quantity: 2 };
const QUANTITY = 1_000;
const DAY = parseIsoDate("2026-11-27");

/** The count as kept, and the count from reading every open order. */
async function counts(repository: OrderRepository): Promise<[number, number]> {
  return [await repository.openCount(), (await repository.allInStatuses(OPEN_STATUSES)).length];
}

Deno.test("the open-order count follows placing, retries and reconciliation", async (t) => {
  await using rig = await startJournal();
  const repository = new OrderRepository(rig.store, rig.accountId);
  const lostJournal = rig.journalOn(
    rig.store,
    armBeforeOrders(rig.e2e.broker, () => rig.e2e.sim.faults.inject({ kind: "http500" })),
  );

  await t.step("each placed order counts once; a retried key adds nothing", async () => {
    await rig.journal.placeOrder({ idempotencyKey: "a", order: marketBuy });
    await rig.journal.placeOrder({ idempotencyKey: "b", order: marketBuy });
    await rig.journal.placeOrder({ idempotencyKey: "a", order: marketBuy });
    assert.deepEqual(await counts(repository), [2, 2]);
  });
  await t.step("an order lost at the gateway stays open as unknown", async () => {
    const lost = await lostJournal.placeOrder({ idempotencyKey: "lost", order: marketBuy });
    assert.equal(lost.status, "unknown");
    assert.deepEqual(await counts(repository), [3, 3]);
  });
  await t.step("reconciling the fills closes the filled orders", async () => {
    await rig.journal.reconcile();
    const [kept, recount] = await counts(repository);
    assert.equal(kept, recount);
    assert.equal(kept, 1, "only the unknown order is left open");
  });
  await t.step("resolved not sent, it leaves the count; its replacement joins it", async () => {
    rig.shift(6 * 60_000);
    await rig.journal.reconcile();
    assert.deepEqual(await counts(repository), [0, 0]);
    await rig.journal.placeOrder({ idempotencyKey: "lost", order: marketBuy });
    assert.deepEqual(await counts(repository), [1, 1]);
  });
  await t.step("the migration recounts a store that had no count", async () => {
    await rig.store.kv.delete(KEYS.openOrderCount(rig.accountId));
    assert.equal(await repository.openCount(), 0);
    const migration = MIGRATIONS.find((m) => m.name === "open-order counts");
    assert.ok(migration);
    await migration.up(rig.store.kv);
    await migration.up(rig.store.kv);
    assert.deepEqual(await counts(repository), [1, 1]);
  });
});

/** The change moving `order` to `status`, with a reference and fills that suit it. */
function changeTo(order: JournalOrder, status: OrderStatus): OrderStateChange {
  const ref = "ref" in order
    ? order.ref
    : { orderNo: order.id.slice(-10), branchNo: "00950", route: "KRX" as const, date: DAY };
  const filled = "filledQuantity" in order ? order.filledQuantity : 0;
  const fills = (filledQuantity: number) => ({ ref, filledQuantity, filledAmount: filledQuantity });
  switch (status) {
    case "intent":
      return { status };
    case "unknown":
      return { status, error: "lost" };
    case "not_sent":
      return { status, reason: "never reached KIS" };
    case "rejected":
      return { status, reason: "refused" };
    case "submitted":
      return { status, ref };
    case "partially_filled":
      return { status, ...fills(filled + 1) };
    case "filled":
      return { status, ...fills(QUANTITY) };
    case "cancelled":
      return { status, ...fills(filled) };
  }
}

/** One step: a new intent, a new order from a revision, or moves of one or two orders at once. */
type Step =
  | { readonly kind: "intent" }
  | { readonly kind: "revision" }
  | { readonly kind: "move"; readonly moves: readonly (readonly [number, number])[] };

const stepArbitrary: fc.Arbitrary<Step> = fc.oneof(
  fc.constant({ kind: "intent" as const }),
  fc.constant({ kind: "revision" as const }),
  fc.record({
    kind: fc.constant("move" as const),
    moves: fc.array(fc.tuple(fc.nat(), fc.nat()), { minLength: 1, maxLength: 3 }),
  }),
);

async function runStep(store: Store, repositories: OrderRepository[], ids: string[], step: Step) {
  const [repository] = repositories;
  const base = (id: string) => ({
    id,
    accountId: "acct",
    idempotencyKey: `key-${id}`,
    request: { ...marketBuy, quantity: QUANTITY },
    createdAt: store.now(),
    updatedAt: store.now(),
    replaces: null,
  });
  if (step.kind === "intent") {
    const order = { ...base(store.nextId()), status: "intent" as const };
    assert.ok(await repository!.createIntent(order, DAY, 1, []));
    ids.push(order.id);
  } else if (step.kind === "revision") {
    const id = store.nextId();
    const ref = { orderNo: id.slice(-10), branchNo: "00950", route: "KRX" as const, date: DAY };
    const op = store.kv.atomic();
    repository!.addPlacedOrderTo(op, { ...base(id), status: "submitted", ref });
    assert.ok((await op.commit()).ok);
    ids.push(id);
  } else if (ids.length > 0) {
    // moves run together through separate repositories, so some conflict and decide again
    await Promise.all(
      step.moves.map(([which, to], i) =>
        repositories[i % repositories.length]!.update(ids[which % ids.length]!, (current) => {
          const targets = TRANSITIONS[current.status];
          if (targets.length === 0) return null;
          const change = changeTo(current, targets[to % targets.length]!);
          return canTransition(current, change) ? change : null;
        }, "property test")
      ),
    );
  }
}

Deno.test("the open-order count equals a recount after any sequence of transitions", async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(stepArbitrary, { maxLength: 25 }), async (steps) => {
      using store = await openStore({ path: ":memory:" });
      const repositories = [0, 1, 2].map(() => new OrderRepository(store, "acct"));
      const ids: string[] = [];
      for (const step of steps) await runStep(store, repositories, ids, step);
      const [kept, recount] = await counts(repositories[0]!);
      assert.equal(kept, recount);
    }),
    { numRuns: 40 },
  );
});
