import assert from "node:assert/strict";
import { parseIsoDate, parseSymbolCode } from "../../core/krx/mod.ts";
import {
  type BrokerRef,
  canTransition,
  IllegalTransitionError,
  type JournalOrder,
  journalOrderSchema,
  ORDER_STATUSES,
  type OrderStateChange,
  type OrderStatus,
  transition,
  TRANSITIONS,
} from "../../core/trading/mod.ts";

const ref: BrokerRef = {
  orderNo: "0000000001",
  branchNo: "00950",
  route: "KRX",
  date: parseIsoDate("2026-11-27"),
};
const base = {
  id: "01ORDER",
  accountId: "12345678-01",
  idempotencyKey: "k1",
  request: {
    type: "limit" as const,
    side: "buy" as const,
    symbol: parseSymbolCode("005930"),
    quantity: 10,
    price: 70_000,
  },
  createdAt: 1,
  updatedAt: 1,
  replaces: null,
};

/** One change into each status, fills at `filled` shares. */
function changeTo(status: OrderStatus, filled = 5): OrderStateChange {
  const totals = { filledQuantity: filled, filledAmount: filled * 70_000 };
  switch (status) {
    case "intent":
      return { status };
    case "unknown":
      return { status, error: "timeout" };
    case "not_sent":
      return { status, reason: "no KIS order" };
    case "rejected":
      return { status, reason: "insufficient_cash" };
    case "submitted":
      return { status, ref };
    case "partially_filled":
    case "filled":
    case "cancelled":
      return { status, ref, ...totals };
  }
}

const STATUSES = Object.keys(TRANSITIONS) as OrderStatus[];
const orderIn = (status: OrderStatus, filled = 2): JournalOrder => ({
  ...base,
  ...changeTo(status, filled),
});

Deno.test("the order state machine allows exactly the transitions of its table", async (t) => {
  for (const from of STATUSES) {
    await t.step(`from ${from}`, () => {
      for (const to of STATUSES) {
        const allowed = TRANSITIONS[from].includes(to);
        const order = orderIn(from);
        if (allowed) {
          const next = transition(order, changeTo(to), 99);
          assert.equal(next.status, to);
          assert.equal(next.updatedAt, 99);
          assert.equal(next.id, order.id);
          assert.deepEqual(next.request, order.request);
        } else {
          assert.throws(() => transition(order, changeTo(to), 99), IllegalTransitionError);
        }
      }
    });
  }
  await t.step("final states accept nothing", () => {
    for (const final of ["filled", "cancelled", "rejected", "not_sent"] as const) {
      assert.deepEqual(TRANSITIONS[final], []);
    }
  });
  await t.step("an intent is never moved back to intent, so it is never sent twice", () => {
    for (const from of STATUSES) assert.ok(!TRANSITIONS[from].includes("intent"));
  });
});

Deno.test("a placed order's fills only grow and its KIS reference never changes", () => {
  const partial = orderIn("partially_filled", 4);
  assert.equal(canTransition(partial, changeTo("partially_filled", 6)), true);
  assert.equal(canTransition(partial, changeTo("partially_filled", 4)), false, "no new fill");
  assert.equal(canTransition(partial, changeTo("filled", 3)), false, "fills backwards");
  const otherRef = { ...ref, orderNo: "0000000002" };
  assert.throws(
    () =>
      transition(orderIn("submitted"), {
        status: "filled",
        ref: otherRef,
        filledQuantity: 10,
        filledAmount: 1,
      }, 2),
    /reference cannot change/,
  );
});

Deno.test("journal orders read back through the schema, and malformed ones are refused", () => {
  for (const status of STATUSES) {
    const order = orderIn(status);
    assert.deepEqual(journalOrderSchema.parse(structuredClone(order)), order);
  }
  assert.throws(() => journalOrderSchema.parse({ ...orderIn("filled"), ref: undefined }));
  assert.throws(() => journalOrderSchema.parse({ ...orderIn("intent"), status: "done" }));
  assert.throws(() =>
    journalOrderSchema.parse({ ...orderIn("intent"), request: { ...base.request, quantity: 1.5 } })
  );
  assert.throws(() =>
    journalOrderSchema.parse({ ...orderIn("intent"), request: { ...base.request, symbol: "5930" } })
  );
});

Deno.test("ORDER_STATUSES lists exactly the statuses of the transition table", () => {
  assert.deepEqual([...ORDER_STATUSES].sort(), Object.keys(TRANSITIONS).sort());
});
