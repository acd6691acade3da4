import assert from "node:assert/strict";
import { parseIsoDate, parseSymbolCode, priceLimits } from "../../core/krx/mod.ts";
import { A, C, DATE, flat, plan } from "./_fixtures.ts";

Deno.test("limit prices sit on the day's tick grid within its limits", async (t) => {
  await t.step("a buy at a price off the grid rounds up, a sell down", () => {
    // Before 2023-12-18 an ETF's tick is 5 won at every price; a last price of 1,003 is off it.
    const etf = parseSymbolCode("069500");
    const result = plan(
      {
        targets: [{ symbol: etf, weight: 0.5, instrument: "etf" }, {
          symbol: C,
          weight: 0.5,
          instrument: "etf",
        }],
      },
      {
        date: parseIsoDate("2023-06-01"),
        cash: 0,
        holdings: [{ symbol: C, quantity: 2_000 }],
        quotes: {
          [etf]: { price: 1_003, basePrice: 1_000 },
          [C]: { price: 1_003, basePrice: 1_000 },
        },
      },
    );
    assert.deepEqual(result.orders.map((o) => [o.side, o.symbol, o.type === "limit" && o.price]), [
      ["sell", C, 1_000],
      ["buy", etf, 1_005],
    ]);
    // ETF sales pay no sell tax.
    assert.equal(result.orders[0]!.tax, 0);
  });
  await t.step("a buy at the upper limit stays at the upper limit", () => {
    const { upper } = priceLimits(50_000, { date: DATE });
    const result = plan({ targets: [{ symbol: C, weight: 1 }] }, {
      date: DATE,
      cash: 1_000_000,
      holdings: [],
      quotes: { [C]: { price: upper, basePrice: 50_000 } },
    });
    const order = result.orders[0]!;
    assert.equal(order.type === "limit" && order.price, upper);
  });
});

Deno.test("market orders", async (t) => {
  const input = { date: DATE, cash: 1_000_000, holdings: [], quotes: { [C]: flat(50_000) } };
  await t.step("a limit buy spends up to the cash at the limit price", () => {
    // 20 × 50,000 + fee 150 > 1,000,000; floor(1,000,000 / 50,007.5) = 19.
    const result = plan({ targets: [{ symbol: C, weight: 1 }] }, input);
    assert.equal(result.orders[0]!.qty, 19);
  });
  await t.step("a market buy holds cash at the upper limit", () => {
    // Upper limit 65,000: floor(1,000,000 / 65,009.75) = 15 (975,146); a 16th costs 65,010 more.
    // Estimated at the last price: 15 × 50,000 = 750,000, fee floor(112.5) = 112.
    const result = plan({ targets: [{ symbol: C, weight: 1 }], orderType: "market" }, input);
    assert.deepEqual(result.orders, [{
      side: "buy",
      symbol: C,
      qty: 15,
      value: 750_000,
      fee: 112,
      tax: 0,
      type: "market",
      lastPrice: 50_000,
      reservePrice: 65_000,
    }]);
    assert.equal(result.cashAfter, 249_888);
  });
  await t.step("a market sell is estimated at the last price", () => {
    const result = plan({ targets: [], orderType: "market" }, {
      ...input,
      holdings: [{ symbol: A, quantity: 3 }],
      quotes: { [A]: flat(70_000) },
    });
    const order = result.orders[0]!;
    assert.equal(order.type, "market");
    assert.equal(order.value, 210_000);
  });
});
