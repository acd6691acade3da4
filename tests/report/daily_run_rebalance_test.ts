import assert from "node:assert/strict";
import { parseSymbolCode, seoulDate } from "../../core/krx/mod.ts";
import { executeRebalance, readTargets, saveTargets } from "../../core/rebalance/mod.ts";
import { runDailyReport } from "../../core/report/mod.ts";
import { startJournal, WIDE_LIMITS } from "../trading/_journal.ts";

const samsung = parseSymbolCode("005930");
const naver = parseSymbolCode("035420");
const kakao = parseSymbolCode("035720");

Deno.test("the report counts only what a rebalancing run placed: a run whose buy was skipped shows no trade", async () => {
  await using rig = await startJournal({ cash: 10_000_000 });
  const { store, accountId, e2e, journal } = rig;
  const deps = { store, broker: e2e.broker, limits: WIDE_LIMITS };
  const config = { targets: [{ symbol: samsung, weight: 0.1 }], orderType: "market", driftBand: 2 };
  await saveTargets(store, accountId, config, null, "test");
  const placed = await executeRebalance(deps, accountId, { runId: "placed" });
  assert.equal(placed.result, "completed");

  // a resting buy at the floor holds most of the cash, so the next run's buy cannot be paid for
  const quote = await e2e.broker.getQuote(kakao);
  const quantity = Math.floor((e2e.sim.market.account().orderableCash * 0.9) / quote.lowerLimit);
  await journal.placeOrder({
    idempotencyKey: "resting",
    order: { type: "limit", side: "buy", symbol: kakao, quantity, price: quote.lowerLimit },
  });
  const targets = [...config.targets, { symbol: naver, weight: 0.3 }];
  const stored = (await readTargets(store, accountId))!;
  await saveTargets(store, accountId, { ...config, targets }, stored.versionstamp, "test");
  const skipped = await executeRebalance(deps, accountId, { runId: "skipped" });
  assert.equal(skipped.result, "rejected");
  assert.deepEqual(skipped.plan.orders.map((o) => [o.side, o.symbol]), [["buy", naver]]);
  assert.equal(skipped.orders[0]?.outcome.kind, "skipped");

  const { report } = await runDailyReport(
    { store, broker: e2e.broker, accountId },
    seoulDate(rig.now()),
  );
  const row = (runId: string) => {
    const found = report.rebalances.items.find((r) => r.runId === runId)!;
    const { sells, buys, tradedValue, costs, equityBefore, equityAfter } = found;
    return { sells, buys, tradedValue, costs, equityBefore, equityAfter };
  };
  const [buy] = placed.plan.orders;
  assert.deepEqual(row("placed"), {
    sells: 0,
    buys: 1,
    tradedValue: buy!.value,
    costs: buy!.fee + buy!.tax,
    equityBefore: placed.plan.equity,
    equityAfter: placed.plan.equityAfter,
  });
  assert.deepEqual(row("skipped"), {
    sells: 0,
    buys: 0,
    tradedValue: 0,
    costs: 0,
    equityBefore: skipped.plan.equity,
    equityAfter: skipped.plan.equity,
  });
});
