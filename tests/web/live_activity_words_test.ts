import assert from "node:assert/strict";
import { type Alert, AlertIndex } from "@/core/alerts/mod.ts";
import { AlertRepository } from "@/core/alerts/repository.ts";
import { eventNameOf } from "@/core/api/event_feed.ts";
import { parseSymbolCode } from "@/core/krx/mod.ts";
import { en } from "@/core/web/i18n/en.ts";
import { ko } from "@/core/web/i18n/ko.ts";
import { LIVE_ACTIVITY_EVENTS, liveActivityActions } from "@/core/web/client/live_activity.ts";
import { expectJson, sendJson } from "../api/_api.ts";
import { startTrading, type TradingRig } from "../api/_trading.ts";

const HANGUL = /[가-힣]/;
const korean = liveActivityActions(ko);
const english = liveActivityActions(en);

/**
 * A trading day through the real API and simulator: a market buy and sell, filled and synced; a
 * resting buy revised, another cancelled; the kill switch on, an order refused by it, and off
 * again; an alert fired by a tick through the alert index, as the worker fires it.
 */
async function tradingDay(rig: TradingRig): Promise<void> {
  const trader = rig.app("trader");
  let key = 0;
  const order = async (body: object) =>
    await expectJson<{ order: { id: string } }>(
      await sendJson(trader, "POST", "/api/v1/orders", { symbol: "005930", ...body }, {
        "Idempotency-Key": `day-${++key}`,
      }),
      201,
    );
  await order({ side: "buy", quantity: 2, type: "market" });
  await order({ side: "sell", quantity: 1, type: "market" });
  await expectJson(await sendJson(trader, "POST", "/api/v1/positions/sync", {}), 200);
  const { lower } = rig.e2e.sim.market.quote("005930");
  const amend = async (what: "revise" | "cancel", body: object) => {
    const resting = await order({ side: "buy", quantity: 3, type: "limit", price: lower });
    await expectJson(
      await sendJson(trader, "POST", `/api/v1/orders/${resting.order.id}/${what}`, body, {
        "Idempotency-Key": `day-${++key}`,
      }),
      201,
    );
  };
  // 005930's lower limit is between 50,000 and 200,000 KRW, where the tick is 100
  await amend("revise", { price: lower + 100 });
  await amend("cancel", {});
  const killSwitch = (on: boolean) =>
    sendJson(trader, "PUT", "/api/v1/kill-switch", { on, reason: "the day's test" });
  await expectJson(await killSwitch(true), 200);
  const refused = await sendJson(trader, "POST", "/api/v1/orders", {
    symbol: "005930",
    side: "buy",
    quantity: 1,
    type: "market",
  }, { "Idempotency-Key": `day-${++key}` });
  assert.ok(refused.status >= 400, "the kill switch refuses the order");
  await refused.body?.cancel();
  await expectJson(await killSwitch(false), 200);
  const { alert } = await expectJson<{ alert: Alert }>(
    await sendJson(trader, "POST", "/api/v1/alerts", {
      symbol: "005930",
      rule: { kind: "price_above", price: 90_000 },
    }),
    201,
  );
  const index = new AlertIndex();
  index.add(alert);
  const [trigger] = index.onTick(parseSymbolCode("005930"), 90_100, rig.store.now());
  assert.ok(trigger, "the tick crosses the alert's price");
  assert.ok(await new AlertRepository(rig.store).trigger(trigger, alert.updatedAt));
}

Deno.test("the live activity card words every action it lists, in Korean and English", async (t) => {
  await t.step(
    "each action of a real trading day's listed events has words, not its key",
    async () => {
      await using rig = await startTrading();
      await tradingDay(rig);
      const listed = (await rig.store.audit.list({ limit: 1000 })).items.filter((entry) =>
        (LIVE_ACTIVITY_EVENTS as readonly (string | null)[]).includes(eventNameOf(entry))
      );
      const actions = new Set(listed.map((entry) => entry.action));
      for (
        const expected of [
          "intent",
          "submitted",
          "filled",
          "cancelled",
          "buy",
          "sell",
          "revise_requested",
          "revise_accepted",
          "cancel_requested",
          "cancel_accepted",
          "rejected",
          "kill_switch_on",
          "kill_switch_off",
          "triggered",
        ]
      ) assert.ok(actions.has(expected), `the day lists ${expected}`);
      for (const action of actions) {
        assert.ok(Object.hasOwn(korean, action), `Korean words for ${action}`);
        assert.ok(Object.hasOwn(english, action), `English words for ${action}`);
      }
    },
  );

  await t.step("no Korean word is a raw key, and each is Hangul", () => {
    for (const [action, words] of Object.entries(korean)) {
      assert.notEqual(words, action);
      assert.match(words, HANGUL, `${action}: ${words}`);
    }
  });

  await t.step("no English word is a raw key either", () => {
    for (const [action, words] of Object.entries(english)) {
      assert.doesNotMatch(words, /_/, `${action}: ${words}`);
      assert.notEqual(words, action);
    }
  });
});
