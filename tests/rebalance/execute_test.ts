import assert from "node:assert/strict";
import { parseSymbolCode } from "../../core/krx/mod.ts";
import {
  executeRebalance,
  listRuns,
  NoTargetsError,
  previewRebalance,
  readTargets,
  type RebalanceRun,
  saveTargets,
  TargetsInvalidError,
} from "../../core/rebalance/mod.ts";
import { type Page, StoreConflictError } from "../../core/store/mod.ts";
import { startJournal, WIDE_LIMITS } from "../trading/_journal.ts";

const samsung = parseSymbolCode("005930");
const hynix = parseSymbolCode("000660");

Deno.test("targets are validated, versioned and audited", async (t) => {
  await using rig = await startJournal();
  const { store, accountId } = rig;
  await t.step("invalid targets are refused and nothing is written", async () => {
    await assert.rejects(
      saveTargets(
        store,
        accountId,
        {
          targets: [{ symbol: samsung, weight: 0.7 }, {
            symbol: hynix,
            weight: 0.6,
          }],
        },
        null,
        "test",
      ),
      (error: unknown) =>
        error instanceof TargetsInvalidError && /add up to 1\.3/.test(error.problems.join()),
    );
    assert.equal(await readTargets(store, accountId), null);
  });
  await t.step("no targets: a preview says so", async () => {
    await assert.rejects(
      previewRebalance({ store, broker: rig.e2e.broker, limits: WIDE_LIMITS }, accountId),
      NoTargetsError,
    );
  });
  await t.step("a save with a stale versionstamp is a conflict", async () => {
    const first = await saveTargets(
      store,
      accountId,
      {
        targets: [{ symbol: samsung, weight: 0.5 }],
      },
      null,
      "test",
    );
    await assert.rejects(
      saveTargets(store, accountId, { targets: [] }, null, "test"),
      StoreConflictError,
    );
    await saveTargets(store, accountId, { targets: [{ symbol: hynix, weight: 0.2 }] }, first, "ui");
    const stored = await readTargets(store, accountId);
    assert.deepEqual(stored?.targets.config.targets, [{ symbol: hynix, weight: 0.2 }]);
    assert.equal(stored?.targets.by, "ui");
    const audit = (await store.audit.list()).items.filter((e) =>
      e.subject === `targets:${accountId}`
    );
    assert.deepEqual(audit.map((e) => e.action), [
      "rebalance_targets_created",
      "rebalance_targets_changed",
    ]);
  });
});

Deno.test("a run executed twice with one run id places one set of orders", async (t) => {
  await using rig = await startJournal();
  const { store, accountId, e2e } = rig;
  const deps = { store, broker: e2e.broker, limits: WIDE_LIMITS };
  await saveTargets(
    store,
    accountId,
    {
      targets: [{ symbol: samsung, weight: 0.3 }, { symbol: hynix, weight: 0.2 }],
      orderType: "market",
    },
    null,
    "test",
  );
  const preview = await previewRebalance(deps, accountId);
  const first = await executeRebalance(deps, accountId, { runId: "run-1" });

  await t.step("the preview plans two buys and writes nothing", () => {
    assert.deepEqual(preview.plan.orders.map((o) => `${o.side} ${o.symbol}`).sort(), [
      `buy ${hynix}`,
      `buy ${samsung}`,
    ]);
  });
  await t.step("the run places the plan's orders under deterministic keys", () => {
    assert.equal(first.result, "completed");
    assert.deepEqual(first.orders.map((o) => o.idempotencyKey).sort(), [
      `rebalance:run-1:${hynix}:buy`,
      `rebalance:run-1:${samsung}:buy`,
    ]);
    assert.deepEqual(
      first.orders.map((o) => o.request.quantity),
      first.plan.orders.map((o) => o.qty),
    );
    assert.equal(e2e.sim.market.orders().length, 2);
    assert.ok(first.finishedAt !== null && first.finishedAt >= first.startedAt);
  });
  await t.step("the same run id again returns its orders and sends nothing", async () => {
    const again = await executeRebalance(deps, accountId, { runId: "run-1" });
    assert.deepEqual(again.plan, first.plan);
    assert.deepEqual(
      again.orders.map((o) => o.outcome.kind === "placed" ? o.outcome.orderId : null),
      first.orders.map((o) => o.outcome.kind === "placed" ? o.outcome.orderId : null),
    );
    assert.equal(e2e.sim.market.orders().length, 2);
  });
  await t.step("runs list newest first, in pages", async () => {
    rig.shift(60_000);
    const second = await executeRebalance(deps, accountId, { runId: "run-2" });
    const pages: RebalanceRun[] = [];
    let cursor: string | null = null;
    do {
      const page: Page<RebalanceRun> = await listRuns(store, accountId, { limit: 1, cursor });
      pages.push(...page.items);
      cursor = page.cursor;
    } while (cursor !== null);
    assert.deepEqual(pages.map((r) => r.id), [second.id, "run-1"]);
  });
});

Deno.test("short cash and a closed market give typed outcomes and change nothing else", async (t) => {
  await t.step("buys the available cash cannot pay are skipped", async () => {
    await using rig = await startJournal();
    const { store, accountId, e2e, journal } = rig;
    const lower = e2e.sim.market.quote(samsung).lower;
    // two resting buys hold most of the cash, which the D+2 balance the plan reads still shows
    for (const key of ["hold-1", "hold-2"]) {
      await journal.placeOrder({
        idempotencyKey: key,
        order: { type: "limit", side: "buy", symbol: samsung, quantity: 1_600, price: lower },
      });
    }
    const before = { account: e2e.sim.market.account(), orders: e2e.sim.market.orders().length };
    await saveTargets(
      store,
      accountId,
      {
        targets: [{ symbol: hynix, weight: 0.5 }],
        orderType: "market",
      },
      null,
      "test",
    );
    const run = await executeRebalance(
      { store, broker: e2e.broker, limits: WIDE_LIMITS },
      accountId,
    );
    assert.equal(run.result, "rejected");
    const [buy] = run.orders;
    assert.equal(buy?.outcome.kind, "skipped");
    assert.ok(buy.outcome.kind === "skipped" && buy.outcome.availableKrw < 10_000_000);
    assert.deepEqual(e2e.sim.market.account(), before.account);
    assert.equal(e2e.sim.market.orders().length, before.orders);
    assert.deepEqual((await listRuns(store, accountId)).items, [run]);
  });
  await t.step("a closed market refuses every order through the risk checks", async () => {
    await using rig = await startJournal({
      clock: { mode: "manual", start: new Date("2026-11-27T11:00:00Z") },
    });
    const { store, accountId, e2e } = rig;
    const before = e2e.sim.market.account();
    await saveTargets(
      store,
      accountId,
      {
        targets: [{ symbol: samsung, weight: 0.3 }],
      },
      null,
      "test",
    );
    const run = await executeRebalance(
      { store, broker: e2e.broker, limits: WIDE_LIMITS },
      accountId,
    );
    assert.equal(run.result, "rejected");
    assert.equal(run.orders.length, 1);
    const outcome = run.orders[0]!.outcome;
    assert.ok(outcome.kind === "rejected");
    assert.deepEqual(outcome.rejections.map((r) => r.code), ["session_closed"]);
    assert.equal(e2e.sim.market.orders().length, 0);
    assert.deepEqual(e2e.sim.market.account(), before);
    assert.equal(await rig.journal.byIdempotencyKey(run.orders[0]!.idempotencyKey), null);
  });
});

Deno.test("a run places its sells before its buys", async () => {
  await using rig = await startJournal();
  const { store, accountId, e2e, journal } = rig;
  await journal.placeOrder({
    idempotencyKey: "held",
    order: { type: "market", side: "buy", symbol: samsung, quantity: 100 },
  });
  await saveTargets(
    store,
    accountId,
    {
      targets: [{ symbol: hynix, weight: 0.1 }],
      orderType: "market",
    },
    null,
    "test",
  );
  const run = await executeRebalance({ store, broker: e2e.broker, limits: WIDE_LIMITS }, accountId);
  assert.equal(run.result, "completed");
  assert.deepEqual(run.orders.map((o) => `${o.request.side} ${o.request.symbol}`), [
    `sell ${samsung}`,
    `buy ${hynix}`,
  ]);
  const ledger = e2e.sim.market.orders().slice(1).map((o) => `${o.side} ${o.symbol.code}`);
  assert.deepEqual(ledger, [`sell ${samsung}`, `buy ${hynix}`]);
});
