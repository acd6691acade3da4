import assert from "node:assert/strict";
import { RebalanceInputError } from "../../core/rebalance/mod.ts";
import { A, B, C, DATE, flat, plan } from "./_fixtures.ts";

// Cash 1,000,000; A 100 × 70,000 = 7,000,000; B 10 × 200,000 = 2,000,000; C none at 50,000.
// Equity 10,000,000: A 7000 bp, B 2000 bp, C 0 bp. Targets A 50 %, B 30 %, C 15 %, 5 % cash.
const input = {
  date: DATE,
  cash: 1_000_000,
  holdings: [{ symbol: A, quantity: 100 }, { symbol: B, quantity: 10 }],
  quotes: { [A]: flat(70_000), [B]: flat(200_000), [C]: flat(50_000) },
};
const targets = [
  { symbol: A, weight: 0.5 },
  { symbol: B, weight: 0.3 },
  { symbol: C, weight: 0.15 },
];

Deno.test("a hand-worked three-symbol rebalance", async (t) => {
  const result = plan({ targets }, input);
  await t.step("sells come first, then buys by symbol code", () => {
    assert.deepEqual(result.orders.map((o) => [o.side, o.symbol]), [
      ["sell", A],
      ["buy", B],
      ["buy", C],
    ]);
  });
  await t.step("each order to the won", () => {
    // A: goal round(5,000,000 / 70,000 = 71.43) = 71, sell 29 at 70,000 = 2,030,000;
    //    fee floor(2,030,000 × 0.00015 = 304.5) = 304; tax floor(2,030,000 × 0.002) = 4,060.
    // B: goal 3,000,000 / 200,000 = 15, buy 5 = 1,000,000; fee 150.
    // C: goal 1,500,000 / 50,000 = 30, buy 30 = 1,500,000; fee 225.
    assert.deepEqual(result.orders, [
      {
        side: "sell",
        symbol: A,
        qty: 29,
        value: 2_030_000,
        fee: 304,
        tax: 4_060,
        type: "limit",
        price: 70_000,
      },
      {
        side: "buy",
        symbol: B,
        qty: 5,
        value: 1_000_000,
        fee: 150,
        tax: 0,
        type: "limit",
        price: 200_000,
      },
      {
        side: "buy",
        symbol: C,
        qty: 30,
        value: 1_500_000,
        fee: 225,
        tax: 0,
        type: "limit",
        price: 50_000,
      },
    ]);
  });
  await t.step("the sale's proceeds fund the buys; cash and equity after", () => {
    // Proceeds 2,030,000 − 304 − 4,060 = 2,025,636; buying power 1,000,000 + 2,025,636.
    // Buys cost 1,000,150 + 1,500,225 = 2,500,375; cash after 3,025,636 − 2,500,375 = 525,261.
    // Equity after 525,261 + 71 × 70,000 + 15 × 200,000 + 30 × 50,000 = 9,995,261.
    assert.equal(result.equity, 10_000_000);
    assert.equal(result.buyingPower, 3_025_636);
    assert.equal(result.cashAfter, 525_261);
    assert.equal(result.equityAfter, 9_995_261);
  });
  await t.step("weights and drift before and after, in basis points", () => {
    // After: A 4,970,000 / 9,995,261 = 4972.4 bp; B 3,000,000 / … = 3001.4; C 1,500,000 / … = 1500.7.
    assert.deepEqual(
      result.symbols.map((
        s,
      ) => [
        s.symbol,
        s.currentBasisPoints,
        s.driftBasisPoints,
        s.afterQty,
        s.afterBasisPoints,
        s.afterDriftBasisPoints,
      ]),
      [
        [B, 2000, -1000, 15, 3001, 1],
        [A, 7000, 2000, 71, 4972, -28],
        [C, 0, -1500, 30, 1501, 1],
      ],
    );
    assert.ok(result.symbols.every((s) => s.status === "traded"));
  });
});

Deno.test("without the sale's unsettled proceeds, buys scale down by whole shares", () => {
  const result = plan({ targets, useUnsettledSellProceeds: false }, input);
  // Buying power is the 1,000,000 cash alone; the buys want 1,000,150 + 1,500,225 = 2,500,375.
  // Shares of the cash: B floor(1,000,150 × 1,000,000 / 2,500,375) = 400,000 → 1 share (200,030;
  // 2 would cost 400,060); C 600,000 → 11 shares (550,082). Left: 249,888.
  // One share at a time to the buy furthest from its wanted value: C (19 × 50,000 = 950,000 short
  // against B's 800,000) takes 4 more at 50,008 / 50,007 / 50,008 / 50,007, leaving 49,858, which
  // buys neither a 16th C (50,008) nor a 2nd B (200,030). C: 15 shares, 750,000 + fee 112.
  assert.equal(result.buyingPower, 1_000_000);
  assert.deepEqual(result.orders.map((o) => [o.side, o.symbol, o.qty, o.value + o.fee]), [
    ["sell", A, 29, 2_030_304],
    ["buy", B, 1, 200_030],
    ["buy", C, 15, 750_112],
  ]);
  // Cash after: 1,000,000 + 2,025,636 − 200,030 − 750,112.
  assert.equal(result.cashAfter, 2_075_494);
});

Deno.test("a drift band and a minimum trade size leave small moves alone", async (t) => {
  // B is 1000 bp under, C 1500 bp under, A 2000 bp over.
  await t.step("a 10-point band keeps B (exactly 10 points off) and trades A and C", () => {
    const result = plan({ targets, driftBand: 10 }, input);
    assert.deepEqual(result.orders.map((o) => o.symbol), [A, C]);
    assert.equal(result.symbols.find((s) => s.symbol === B)?.status, "within_band");
  });
  await t.step("a 1,000,001 KRW minimum skips B's 1,000,000 buy", () => {
    const result = plan({ targets, minTradeKrw: 1_000_001 }, input);
    assert.deepEqual(result.orders.map((o) => o.symbol), [A, C]);
    assert.equal(result.symbols.find((s) => s.symbol === B)?.status, "below_minimum");
  });
  await t.step("a buy scaled below the minimum is dropped and its cash goes to the others", () => {
    // Cash alone (1,000,000): B's first sizing is 1 share = 200,000 < 300,000, so B is dropped
    // and C gets the whole 1,000,000: floor(1,000,000 / 50,007.5) = 19 shares (950,142).
    const result = plan(
      { targets, useUnsettledSellProceeds: false, minTradeKrw: 300_000 },
      input,
    );
    assert.deepEqual(result.orders.map((o) => [o.symbol, o.qty]), [[A, 29], [C, 19]]);
    assert.equal(result.symbols.find((s) => s.symbol === B)?.status, "below_minimum");
  });
  await t.step("a holding at its whole-share goal is at target", () => {
    // A's goal is round(7,003,000 / 70,000 = 100.04) = 100, B's round(1,997,000 / 200,000) = 10.
    const result = plan(
      { targets: [{ symbol: A, weight: 0.7003 }, { symbol: B, weight: 0.1997 }] },
      input,
    );
    assert.deepEqual(result.orders, []);
    assert.deepEqual(result.symbols.map((s) => s.status), ["at_target", "at_target"]);
  });
});

Deno.test("a symbol dropped from the targets is sold in full, band and minimum aside", () => {
  const result = plan(
    { targets: [{ symbol: A, weight: 0.7 }], driftBand: 50, minTradeKrw: 10_000_000 },
    input,
  );
  assert.deepEqual(result.orders.map((o) => [o.side, o.symbol, o.qty]), [["sell", B, 10]]);
  assert.equal(result.symbols.find((s) => s.symbol === A)?.status, "within_band");
});

Deno.test("an empty target list sells everything", () => {
  const result = plan({ targets: [] }, input);
  assert.deepEqual(result.orders.map((o) => [o.side, o.symbol, o.qty]), [
    ["sell", B, 10],
    ["sell", A, 100],
  ]);
  assert.ok(result.symbols.every((s) => s.afterQty === 0 && s.afterBasisPoints === 0));
  // 1,000,000 + 2,000,000 − 300 − 4,000 + 7,000,000 − 1,050 − 14,000
  assert.equal(result.cashAfter, 9_980_650);
  assert.equal(result.equityAfter, result.cashAfter);
});

Deno.test("shares already under a sell order are not sold again", () => {
  const result = plan({ targets: [] }, {
    ...input,
    holdings: [{ symbol: A, quantity: 100, orderableQuantity: 40 }, {
      symbol: B,
      quantity: 10,
      orderableQuantity: 0,
    }],
  });
  assert.deepEqual(result.orders.map((o) => [o.symbol, o.qty]), [[A, 40]]);
  assert.equal(result.symbols.find((s) => s.symbol === B)?.status, "not_orderable");
});

Deno.test("a symbol without a usable price refuses the whole plan", async (t) => {
  const cases = [
    ["a zero price", { [A]: { price: 0, basePrice: 70_000 } }, "invalid_price", /005930: price 0/],
    [
      "a halted symbol",
      { [A]: { ...flat(70_000), halted: true } },
      "halted",
      /005930: trading is halted/,
    ],
    ["no quote", {}, "no_quote", /005930: no quote/],
    [
      "a price above the limit",
      { [A]: { price: 91_100, basePrice: 70_000 } },
      "outside_limits",
      /outside today's limits 49,?000/,
    ],
  ] as const;
  for (const [name, quotes, reason, message] of cases) {
    await t.step(name, () => {
      assert.throws(
        () =>
          plan({ targets }, {
            ...input,
            quotes: { ...input.quotes, [A]: undefined, ...quotes } as never,
          }),
        (e: unknown) =>
          e instanceof RebalanceInputError && e.reason === reason && e.symbol === A &&
          message.test(e.message),
      );
    });
  }
  await t.step("an account with no equity", () => {
    assert.throws(
      () => plan({ targets }, { ...input, cash: 0, holdings: [] }),
      (e: unknown) => e instanceof RebalanceInputError && e.reason === "no_equity",
    );
  });
});

Deno.test("a trade that would end further from its target once its fee is paid is not made", () => {
  // Cash 100,000, target 25 % of C at 50,000: the goal is round(25,000 / 50,000 = 0.5) = 1 share,
  // 2500 bp away. Bought, the fee (7) leaves equity 99,993, where one share weighs 5000.35 bp:
  // 2500.35 bp away, further than before. The buy is cut to nothing.
  const result = plan({ targets: [{ symbol: C, weight: 0.25 }] }, {
    date: DATE,
    cash: 100_000,
    holdings: [],
    quotes: { [C]: flat(50_000) },
  });
  assert.deepEqual(result.orders, []);
  assert.equal(result.symbols[0]?.status, "no_improvement");
});
