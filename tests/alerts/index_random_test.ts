import assert from "node:assert/strict";
import {
  type Alert,
  AlertIndex,
  type AlertRuleInput,
  createAlert,
  LinearAlertEvaluator,
} from "../../core/alerts/mod.ts";
import { parseSymbolCode } from "../../core/krx/mod.ts";
import { seededRandom } from "../../bench/_backtest_market.ts";

const SYMBOLS = ["005930", "000660", "035420", "Q500001"].map(parseSymbolCode);

/**
 * Prices wander in a narrow band (≈ 700–1,300 won) so levels collide often: equal levels, equal
 * trailing stops from different trails, gaps across many levels, and new highs that merge groups.
 */
function randomRule(random: () => number, price: number): {
  rule: AlertRuleInput;
  averageCost?: number;
  lastPrice?: number;
} {
  const pick = (n: number) => Math.floor(random() * n);
  const near = () => Math.max(1, price - 60 + pick(121));
  const percent = () => (1 + pick(2_000)) / 100;
  const averageCost = random() < 0.5 ? near() : (near() * 7 + pick(7)) / 7;
  switch (pick(7)) {
    case 0:
      return { rule: { kind: "stop_loss", trigger: { basis: "price", price: near() } } };
    case 1:
      return {
        rule: { kind: "stop_loss", trigger: { basis: "average_cost", percent: percent() } },
        averageCost,
      };
    case 2:
      return { rule: { kind: "take_profit", trigger: { basis: "price", price: near() } } };
    case 3:
      return {
        rule: { kind: "take_profit", trigger: { basis: "average_cost", percent: percent() } },
        averageCost,
      };
    case 4: {
      const trail = random() < 0.5
        ? { unit: "percent" as const, percent: percent() }
        : { unit: "krw" as const, amount: 1 + pick(60) };
      const lastPrice = random() < 0.8 ? near() : undefined;
      return { rule: { kind: "trailing_stop", trail }, ...(lastPrice ? { lastPrice } : {}) };
    }
    case 5:
      return { rule: { kind: "price_above", price: near() } };
    default:
      return { rule: { kind: "price_below", price: near() } };
  }
}

function run(seed: number, steps: number): { ticks: number; alerts: number; triggers: number } {
  const random = seededRandom(seed);
  const index = new AlertIndex();
  const linear = new LinearAlertEvaluator();
  const prices = SYMBOLS.map(() => 1_000);
  const live: Alert[] = [];
  let added = 0;
  let ticks = 0;
  let triggers = 0;
  for (let step = 0; step < steps; step++) {
    const s = Math.floor(random() * SYMBOLS.length);
    const symbol = SYMBOLS[s]!;
    const roll = random();
    if (roll < 0.1) {
      const { rule, ...position } = randomRule(random, prices[s]!);
      const alert = createAlert({ account: "acct", symbol, rule }, {
        id: `r${String(added++).padStart(5, "0")}`,
        now: step,
        ...position,
      });
      index.add(alert);
      linear.add(alert);
      live.push(alert);
    } else if (roll < 0.13 && live.length > 0) {
      const [gone] = live.splice(Math.floor(random() * live.length), 1);
      assert.equal(index.remove(gone!.id), linear.remove(gone!.id), `remove ${gone!.id}`);
    } else {
      const jump = random() < 0.02 ? 80 : 3;
      const price = Math.min(
        1_300,
        Math.max(700, prices[s]! + Math.round((random() * 2 - 1) * jump)),
      );
      prices[s] = price;
      const fromIndex = index.onTick(symbol, price, step);
      assert.deepEqual(fromIndex, linear.onTick(symbol, price, step), `step ${step}`);
      ticks++;
      triggers += fromIndex.length;
      for (const t of fromIndex) {
        const at = live.findIndex((a) => a.id === t.alert.id);
        if (at >= 0) live.splice(at, 1);
      }
    }
  }
  assert.equal(index.size, live.length);
  return { ticks, alerts: added, triggers };
}

Deno.test("the index fires the same alerts in the same order as checking every alert", async (t) => {
  for (const seed of [1, 2, 3, 4, 5]) {
    await t.step(`seed ${seed}`, () => {
      const { ticks, alerts, triggers } = run(seed, 20_000);
      assert.ok(ticks > 15_000 && alerts > 1_500, `${ticks} ticks, ${alerts} alerts`);
      assert.ok(triggers > alerts / 2, `only ${triggers} of ${alerts} alerts fired`);
    });
  }
});
