import assert from "node:assert/strict";
import { join } from "node:path";
import type { OrderRequest } from "../../core/broker/mod.ts";
import { parseSymbolCode, seoulDate } from "../../core/krx/mod.ts";
import { openStore } from "../../core/store/mod.ts";
import { IdempotencyKeyReusedError, RiskRejected, setKillSwitch } from "../../core/trading/mod.ts";
import { armBeforeOrders, startJournal } from "./_journal.ts";

const symbol = parseSymbolCode("005930");
const marketBuy: OrderRequest = { type: "market", side: "buy", symbol, quantity: 3 };

Deno.test("the same idempotency key twice places one broker order", async (t) => {
  await using rig = await startJournal();
  const { journal, e2e } = rig;
  const first = await journal.placeOrder({ idempotencyKey: "k-1", order: marketBuy });
  await t.step("the first call writes the intent, sends it and records KIS's number", () => {
    assert.equal(first.status, "submitted");
    assert.ok("ref" in first);
    const simOrders = e2e.sim.market.orders();
    assert.equal(simOrders.length, 1);
    assert.equal(first.ref.orderNo, simOrders[0]!.odno);
    assert.equal(first.ref.branchNo, simOrders[0]!.orgNo);
  });
  await t.step("a retry returns the same order and sends nothing", async () => {
    const again = await journal.placeOrder({ idempotencyKey: "k-1", order: marketBuy });
    assert.equal(again.id, first.id);
    assert.equal(e2e.sim.market.orders().length, 1, "the simulator's ledger has one order");
  });
  await t.step("the key with a different order is refused and sends nothing", async () => {
    await assert.rejects(
      journal.placeOrder({ idempotencyKey: "k-1", order: { ...marketBuy, quantity: 4 } }),
      (error: unknown) =>
        error instanceof IdempotencyKeyReusedError && error.existing.id === first.id,
    );
    assert.equal(e2e.sim.market.orders().length, 1);
  });
  await t.step("every step of the order is in the audit log, in order", async () => {
    const entries = (await rig.store.audit.list({ limit: 1000 })).items
      .filter((e) => e.subject === first.id);
    assert.deepEqual(entries.map((e) => e.action), ["intent", "submitted"]);
  });
});

Deno.test("two store handles on one KV file racing with one key place one order", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const path = join(dir, "store.kv");
    await using rig = await startJournal({}, path);
    using other = await openStore({ path, now: rig.now });
    const second = rig.journalOn(other, rig.e2e.newBroker());
    const [a, b] = await Promise.all([
      rig.journal.placeOrder({ idempotencyKey: "race", order: marketBuy }),
      second.placeOrder({ idempotencyKey: "race", order: marketBuy }),
    ]);
    assert.equal(a.id, b.id);
    assert.equal(rig.e2e.sim.market.orders().length, 1);
    const stored = await rig.journal.byIdempotencyKey("race");
    assert.equal(stored?.status, "submitted");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("a gateway failure leaves the order unknown; it is never resent blindly", async (t) => {
  await using rig = await startJournal();
  const { e2e } = rig;
  const journal = rig.journalOn(
    rig.store,
    armBeforeOrders(e2e.broker, () => e2e.sim.faults.inject({ kind: "http500" })),
  );
  const lost = await journal.placeOrder({ idempotencyKey: "k-500", order: marketBuy });
  await t.step("the order is unknown and KIS has nothing", () => {
    assert.equal(lost.status, "unknown");
    assert.equal(e2e.sim.market.orders().length, 0);
  });
  await t.step("retrying the key returns the unknown order without a broker call", async () => {
    const again = await rig.journal.placeOrder({ idempotencyKey: "k-500", order: marketBuy });
    assert.equal(again.id, lost.id);
    assert.equal(again.status, "unknown");
    assert.equal(e2e.sim.market.orders().length, 0);
  });
  await t.step("within the horizon reconciliation leaves it pending", async () => {
    const report = await rig.journal.reconcile();
    assert.deepEqual(report.pending, [lost.id]);
  });
  await t.step(
    "after the horizon it is resolved not sent, and the key may place again",
    async () => {
      rig.shift(6 * 60_000);
      const report = await rig.journal.reconcile();
      assert.deepEqual(report.notSent, [lost.id]);
      const replaced = await rig.journal.placeOrder({ idempotencyKey: "k-500", order: marketBuy });
      assert.notEqual(replaced.id, lost.id);
      assert.equal(replaced.replaces, lost.id);
      assert.equal(replaced.status, "submitted");
      assert.equal(e2e.sim.market.orders().length, 1);
      assert.equal((await rig.journal.get(lost.id))?.status, "not_sent");
    },
  );
});

Deno.test("risk refusals write no order and reach no broker; they are audited", async (t) => {
  await t.step("kill switch on", async () => {
    await using rig = await startJournal();
    await setKillSwitch(rig.store, { on: true, reason: "test", by: "test" });
    const error = await rig.journal.placeOrder({ idempotencyKey: "ks", order: marketBuy })
      .then(() => null, (e: unknown) => e);
    assert.ok(error instanceof RiskRejected);
    assert.deepEqual(error.rejections.map((r) => r.code), ["kill_switch"]);
    assert.equal(rig.e2e.sim.market.orders().length, 0);
    assert.equal(await rig.journal.byIdempotencyKey("ks"), null);
    const audit = (await rig.store.audit.list()).items.filter((e) => e.kind === "risk");
    assert.deepEqual(audit.map((e) => e.subject), ["ks"]);
    assert.ok(rig.lines.some((l) => l.level === "warn" && /risk/.test(l.message)));
  });
  await t.step("kill switch turned on through another handle on the same KV file", async () => {
    const dir = await Deno.makeTempDir();
    try {
      const path = join(dir, "store.kv");
      await using rig = await startJournal({}, path);
      using operator = await openStore({ path });
      await setKillSwitch(operator, { on: true, reason: "elsewhere", by: "ops" });
      await assert.rejects(
        rig.journal.placeOrder({ idempotencyKey: "ks2", order: marketBuy }),
        (error: unknown) => error instanceof RiskRejected,
      );
      await setKillSwitch(operator, { on: false, reason: "resumed", by: "ops" });
      const placed = await rig.journal.placeOrder({ idempotencyKey: "ks2", order: marketBuy });
      assert.equal(placed.status, "submitted", "a refused key can be used once the cause is gone");
      assert.equal(rig.e2e.sim.market.orders().length, 1);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  });
  await t.step("market closed (20:00 KST)", async () => {
    await using rig = await startJournal({
      clock: { mode: "manual", start: new Date("2026-11-27T11:00:00Z") },
    });
    const before = rig.e2e.sim.market.account();
    const error = await rig.journal.placeOrder({ idempotencyKey: "late", order: marketBuy })
      .then(() => null, (e: unknown) => e);
    assert.ok(error instanceof RiskRejected);
    assert.deepEqual(error.rejections.map((r) => r.code), ["session_closed"]);
    assert.deepEqual(rig.e2e.sim.market.account(), before);
    assert.equal(rig.e2e.sim.market.orders().length, 0);
  });
  await t.step(
    "the pre-open (08:40 KST): a real account's order is taken, KIS's mock server's refused",
    async () => {
      const preOpen = { mode: "manual" as const, start: new Date("2026-11-26T23:40:00Z") };
      {
        await using rig = await startJournal({ clock: preOpen, env: "vts" });
        assert.deepEqual(rig.e2e.broker.orderPhases, ["continuous", "closing_auction"]);
        const error = await rig.journal.placeOrder({ idempotencyKey: "early", order: marketBuy })
          .then(() => null, (e: unknown) => e);
        assert.ok(error instanceof RiskRejected);
        assert.deepEqual(error.rejections.map((r) => r.code), ["session_closed"]);
        assert.equal(rig.e2e.sim.market.orders().length, 0, "nothing reached the mock server");
        assert.equal(await rig.journal.byIdempotencyKey("early"), null, "no intent written");
      }
      {
        await using rig = await startJournal({ clock: preOpen, env: "real" });
        const placed = await rig.journal.placeOrder({ idempotencyKey: "early", order: marketBuy });
        assert.equal(placed.status, "submitted", "KRX takes orders for the opening auction");
      }
    },
  );
  await t.step("not enough buyable cash", async () => {
    await using rig = await startJournal({ cash: 100_000 });
    const order: OrderRequest = { type: "market", side: "buy", symbol, quantity: 100 };
    const error = await rig.journal.placeOrder({ idempotencyKey: "poor", order })
      .then(() => null, (e: unknown) => e);
    assert.ok(error instanceof RiskRejected);
    assert.ok(error.rejections.some((r) => r.code === "insufficient_cash"));
    assert.equal(rig.e2e.sim.market.orders().length, 0);
  });
});

Deno.test("the day's written amount counts every intent", async () => {
  await using rig = await startJournal();
  const price = rig.e2e.sim.market.price(symbol);
  const order: OrderRequest = { type: "limit", side: "buy", symbol, quantity: 2, price };
  await rig.journal.placeOrder({ idempotencyKey: "a", order });
  await rig.journal.placeOrder({ idempotencyKey: "a", order });
  await rig.journal.placeOrder({ idempotencyKey: "b", order });
  const day = seoulDate(rig.now());
  const amount = await rig.store.kv.get<Deno.KvU64>(["order_amount_by_day", rig.accountId, day]);
  assert.equal(amount.value?.value, BigInt(4 * price));
});
