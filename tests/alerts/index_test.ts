import assert from "node:assert/strict";
import { type Alert, AlertIndex } from "../../core/alerts/mod.ts";
import { parseSymbolCode } from "../../core/krx/mod.ts";
import { alertFor, SAMSUNG } from "./_make.ts";

const HYNIX = parseSymbolCode("000660");

function highOf(alert: Alert | undefined): number | null | undefined {
  return alert?.rule.kind === "trailing_stop" ? alert.rule.highWaterMark : undefined;
}

function firedIds(index: AlertIndex, price: number, symbol = SAMSUNG): string[] {
  return index.onTick(symbol, price, 1_000).map((t) => t.alert.id);
}

Deno.test("each threshold fires exactly at its level and not one won before", async (t) => {
  const cases = [
    {
      name: "stop-loss fires at price ≤ trigger",
      rule: { kind: "stop_loss", trigger: { basis: "price", price: 66_500 } },
      before: 66_501,
      at: 66_500,
    },
    {
      name: "price-below fires at price ≤ level",
      rule: { kind: "price_below", price: 50_000 },
      before: 50_001,
      at: 50_000,
    },
    {
      name: "take-profit fires at price ≥ trigger",
      rule: { kind: "take_profit", trigger: { basis: "price", price: 80_000 } },
      before: 79_999,
      at: 80_000,
    },
    {
      name: "price-above fires at price ≥ level",
      rule: { kind: "price_above", price: 90_000 },
      before: 89_999,
      at: 90_000,
    },
  ] as const;
  for (const c of cases) {
    await t.step(c.name, () => {
      const index = new AlertIndex();
      const alert = alertFor(c.rule);
      index.add(alert);
      assert.deepEqual(firedIds(index, c.before), []);
      const [trigger, ...rest] = index.onTick(SAMSUNG, c.at, 42_000);
      assert.deepEqual(rest, []);
      assert.equal(trigger?.alert.id, alert.id);
      assert.equal(trigger?.level, c.at);
      assert.deepEqual(trigger?.alert.state, { status: "triggered", price: c.at, at: 42_000 });
    });
  }
  await t.step("a percentage stop fires at its rounded level: 5 % below 71,234 is 67,672", () => {
    const index = new AlertIndex();
    index.add(alertFor(
      { kind: "stop_loss", trigger: { basis: "average_cost", percent: 5 } },
      { averageCost: 71_234 },
    ));
    assert.deepEqual(firedIds(index, 67_673), []);
    assert.equal(firedIds(index, 67_672).length, 1);
  });
});

Deno.test("a trailing stop follows its high up, never down, and fires at high minus the trail", async (t) => {
  await t.step("percent trail: 10 % below the high, rounded down", () => {
    const index = new AlertIndex();
    const alert = alertFor(
      { kind: "trailing_stop", trail: { unit: "percent", percent: 10 } },
      { lastPrice: 10_000 },
    );
    index.add(alert);
    assert.deepEqual(firedIds(index, 9_001), []); // level 9,000
    assert.deepEqual(firedIds(index, 12_345), []); // high 12,345 → level 11,110 (11,110.5)
    assert.equal(highOf(index.current(alert.id)), 12_345);
    assert.deepEqual(firedIds(index, 11_500), []);
    assert.equal(highOf(index.current(alert.id)), 12_345, "a lower price leaves the high");
    assert.deepEqual(firedIds(index, 11_111), []);
    const [trigger] = index.onTick(SAMSUNG, 11_110, 5);
    assert.equal(trigger?.level, 11_110);
    assert.equal(highOf(trigger?.alert), 12_345);
  });
  await t.step("KRW trail: 1,500 won below the high", () => {
    const index = new AlertIndex();
    index.add(alertFor({ kind: "trailing_stop", trail: { unit: "krw", amount: 1_500 } }, {
      lastPrice: 20_000,
    }));
    assert.deepEqual(firedIds(index, 21_000), []);
    assert.deepEqual(firedIds(index, 19_501), []);
    assert.equal(firedIds(index, 19_500).length, 1);
  });
  await t.step("without a starting price the first tick sets the high", () => {
    const index = new AlertIndex();
    index.add(alertFor({ kind: "trailing_stop", trail: { unit: "krw", amount: 100 } }));
    assert.deepEqual(firedIds(index, 5_000), []);
    assert.deepEqual(firedIds(index, 4_901), []);
    assert.equal(firedIds(index, 4_900).length, 1);
  });
  await t.step("stops added at different highs both follow a new high above them", () => {
    const index = new AlertIndex();
    const low = alertFor({ kind: "trailing_stop", trail: { unit: "krw", amount: 100 } }, {
      lastPrice: 1_000,
    });
    const high = alertFor({ kind: "trailing_stop", trail: { unit: "krw", amount: 500 } }, {
      lastPrice: 1_200,
    });
    index.add(low);
    index.add(high);
    assert.deepEqual(firedIds(index, 1_000), []); // levels 900 and 700
    assert.deepEqual(firedIds(index, 1_300), []); // levels 1,200 and 800
    assert.equal(highOf(index.current(high.id)), 1_300);
    assert.deepEqual(firedIds(index, 1_200), [low.id]);
    assert.deepEqual(firedIds(index, 801), []);
    assert.deepEqual(firedIds(index, 800), [high.id]);
  });
});

Deno.test("an alert fires at most once and leaves the index", () => {
  const index = new AlertIndex();
  const alert = alertFor({ kind: "price_below", price: 100 });
  index.add(alert);
  assert.equal(index.size, 1);
  assert.equal(firedIds(index, 90).length, 1);
  assert.equal(index.size, 0);
  assert.deepEqual(firedIds(index, 80), []);
  assert.equal(index.current(alert.id), undefined);
  assert.equal(index.remove(alert.id), false);
});

Deno.test("only active alerts are indexed, each id once", () => {
  const index = new AlertIndex();
  const alert = alertFor({ kind: "price_below", price: 100 });
  index.add(alert);
  assert.throws(() => index.add(alert), /is indexed/);
  assert.throws(() => index.add({ ...alert, id: "d", state: { status: "disabled" } }), /disabled/);
});

Deno.test("a removed alert does not fire; the others still do", () => {
  const index = new AlertIndex();
  const kept = alertFor({ kind: "stop_loss", trigger: { basis: "price", price: 100 } });
  const removed = alertFor({ kind: "stop_loss", trigger: { basis: "price", price: 110 } });
  const trailing = alertFor({ kind: "trailing_stop", trail: { unit: "krw", amount: 10 } }, {
    lastPrice: 200,
  });
  for (const a of [kept, removed, trailing]) index.add(a);
  assert.equal(index.remove(removed.id), true);
  assert.equal(index.remove(trailing.id), true);
  assert.equal(index.remove("never"), false);
  assert.deepEqual(firedIds(index, 50), [kept.id]);
});

Deno.test("removing one of the stops sharing a high leaves the others following it", () => {
  const index = new AlertIndex();
  const trail = (amount: number) =>
    alertFor({ kind: "trailing_stop", trail: { unit: "krw", amount } }, { lastPrice: 1_000 });
  const [tight, middle, loose] = [trail(50), trail(100), trail(200)];
  for (const a of [tight, middle, loose]) index.add(a);
  assert.deepEqual(firedIds(index, 1_100), []); // one group at 1,100
  assert.equal(index.remove(tight.id), true);
  assert.deepEqual(firedIds(index, 1_050), []); // the removed stop would have fired here
  assert.deepEqual(firedIds(index, 1_200), []);
  assert.deepEqual(firedIds(index, 1_000), [middle.id, loose.id]);
  index.add(tight);
  assert.equal(highOf(index.current(tight.id)), 1_000, "re-added from its own stored high");
});

Deno.test("a tick touches only its own symbol", () => {
  const index = new AlertIndex();
  const hynix = alertFor({ kind: "price_above", price: 100 }, {}, HYNIX);
  index.add(hynix);
  assert.deepEqual(firedIds(index, 1_000, SAMSUNG), []);
  assert.deepEqual(firedIds(index, 1_000, HYNIX), [hynix.id]);
});

Deno.test("a gap fires every level crossed, in price order", async (t) => {
  await t.step("falling: highest level first, trailing stops among the fixed ones", () => {
    const index = new AlertIndex();
    const s95 = alertFor({ kind: "stop_loss", trigger: { basis: "price", price: 9_500 } });
    const b90 = alertFor({ kind: "price_below", price: 9_000 });
    const s80 = alertFor({ kind: "stop_loss", trigger: { basis: "price", price: 8_000 } });
    const t93 = alertFor({ kind: "trailing_stop", trail: { unit: "percent", percent: 7 } }, {
      lastPrice: 10_000,
    });
    const b70 = alertFor({ kind: "price_below", price: 7_000 });
    for (const a of [b90, s80, b70, s95, t93]) index.add(a);
    const triggers = index.onTick(SAMSUNG, 7_900, 1);
    assert.deepEqual(triggers.map((t) => t.alert.id), [s95.id, t93.id, b90.id, s80.id]);
    assert.deepEqual(triggers.map((t) => t.level), [9_500, 9_300, 9_000, 8_000]);
    assert.ok(triggers.every((t) => t.direction === "down"));
  });
  await t.step("rising: lowest level first", () => {
    const index = new AlertIndex();
    const ids = [12_000, 11_000, 13_000, 15_000].map((price) => {
      const a = alertFor({ kind: "price_above", price });
      index.add(a);
      return [price, a.id] as const;
    });
    const fired = firedIds(index, 14_000);
    assert.deepEqual(
      fired,
      ids.filter(([p]) => p <= 14_000).sort((a, b) => a[0] - b[0]).map(([, id]) => id),
    );
  });
  await t.step("both ways on one tick: downward rules first, equal levels by id", () => {
    const index = new AlertIndex();
    const up = alertFor({ kind: "price_above", price: 100 }, {}, SAMSUNG, "u");
    const downB = alertFor({ kind: "price_below", price: 200 }, {}, SAMSUNG, "b");
    const downA = alertFor(
      { kind: "stop_loss", trigger: { basis: "price", price: 200 } },
      {},
      SAMSUNG,
      "a",
    );
    for (const a of [up, downB, downA]) index.add(a);
    assert.deepEqual(firedIds(index, 150), ["a", "b", "u"]);
  });
});

Deno.test("many alerts on one symbol fire one by one in price order as the price falls", () => {
  const index = new AlertIndex();
  const levels = Array.from({ length: 200 }, (_, i) => 10_000 + ((i * 7_919) % 200) * 10);
  for (const price of levels) index.add(alertFor({ kind: "price_below", price }));
  const seen: number[] = [];
  for (let price = 12_000; price >= 9_000; price -= 10) {
    for (const t of index.onTick(SAMSUNG, price, price)) seen.push(t.level);
  }
  assert.deepEqual(seen, [...levels].sort((a, b) => b - a));
  assert.equal(index.size, 0);
});
