import assert from "node:assert/strict";
import { AlertRepository } from "../../core/alerts/repository.ts";
import { tickSize } from "../../core/krx/mod.ts";
import { previewRebalance, readTargets } from "../../core/rebalance/mod.ts";
import { DEMO_ALERTS, DEMO_TARGETS, seedDemo } from "../../core/runtime/mod.ts";
import { openStore } from "../../core/store/mod.ts";
import { listStrategyConfigs } from "../../core/trading/mod.ts";
import { startE2e } from "../broker/kis/_e2e.ts";

Deno.test("the demo seed writes the strategy configs and alerts a few ticks from the price, once", async (t) => {
  await using e2e = await startE2e({ seed: 1, rateLimit: false }, { requestsPerSecond: 200 });
  using store = await openStore({ path: ":memory:", now: () => e2e.sim.clock.now().getTime() });
  const account = e2e.sim.credentials.account;
  const market = { broker: e2e.broker, account };
  const seeded = await seedDemo(store, market);

  await t.step("two configs and one alert per DEMO_ALERTS row, on the account", async () => {
    assert.deepEqual(seeded.strategyConfigs, ["demo-ma-cross", "demo-rsi"]);
    assert.equal(seeded.alerts.length, DEMO_ALERTS.length);
    assert.equal((await listStrategyConfigs(store.kv)).items.length, 2);
  });

  await t.step("each alert sits one to three ticks from the price at the seed", async () => {
    const alerts = (await new AlertRepository(store).listByAccount(account)).items;
    for (const alert of alerts) {
      const price = e2e.sim.market.price(alert.symbol);
      const level = alert.rule.kind === "price_above" || alert.rule.kind === "price_below"
        ? alert.rule.price
        : "triggerPrice" in alert.rule
        ? alert.rule.triggerPrice
        : NaN;
      const ticks = Math.abs(level - price) / tickSize(price);
      assert.ok(ticks >= 1 && ticks <= 3, `${alert.symbol} ${alert.rule.kind} ${ticks} ticks`);
      assert.equal(alert.state.status, "active");
    }
  });

  await t.step(
    "the account's rebalancing targets are the demo's, and a preview plans trades",
    async () => {
      assert.equal(seeded.targets, true);
      const stored = await readTargets(store, account);
      assert.deepEqual(
        stored?.targets.config.targets.map((t) => [t.symbol, t.weight]),
        DEMO_TARGETS.targets.map((t) => [t.symbol, t.weight]),
      );
      const preview = await previewRebalance({ store, broker: e2e.broker }, account);
      assert.ok(preview.plan.orders.length > 0, "an all-cash account has targets to buy");
      assert.ok(preview.plan.orders.every((order) => order.side === "buy"));
    },
  );

  await t.step("a second seed writes nothing", async () => {
    assert.deepEqual(await seedDemo(store, market), {
      strategyConfigs: [],
      alerts: [],
      targets: false,
    });
    assert.equal(
      (await new AlertRepository(store).listByAccount(account)).items.length,
      DEMO_ALERTS.length,
    );
  });
});
