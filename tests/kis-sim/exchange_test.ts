import assert from "node:assert/strict";
import { priceLimits } from "../../core/krx/mod.ts";
import { SimExchange } from "../../core/kis-sim/exchange.ts";
import { SimMarket } from "../../core/kis-sim/market.ts";
import type { SimEnv } from "../../core/kis-sim/tr_ids.ts";

const ACCOUNT = "50123456-01";
const SAMSUNG = "005930";
const FEE = 0.00015;
const RICH = 10_000_000_000;
// 2026-11-27 is a Friday; 09:30 KST is in the continuous session
const OPEN_FRIDAY = new Date("2026-11-27T00:30:00Z");

function setup(start: Date, env: SimEnv = "real", cash = 100_000_000) {
  const market = new SimMarket({ seed: 7, start, historyDays: 30 });
  const exchange = new SimExchange(market, env);
  const account = exchange.openAccount(ACCOUNT, "hts01", "테스트", cash);
  return { market, exchange, account };
}

/** A Samsung order on the test account: a limit order at `price`, or a market order without one. */
function samsung(side: "buy" | "sell", qty: number, price?: number) {
  return {
    accountId: ACCOUNT,
    code: SAMSUNG,
    route: "KRX" as const,
    side,
    type: price === undefined ? "market" as const : "limit" as const,
    price: price ?? 0,
    qty,
  };
}

/** Cancels all that is left of order `odno` on the test account. */
function cancelAll(odno: string) {
  return {
    accountId: ACCOUNT,
    originalOdno: odno,
    route: "KRX" as const,
    action: "cancel" as const,
    qty: "all" as const,
    type: "limit" as const,
    price: 0,
  };
}

function buyCost(price: number, qty: number): number {
  return price * qty + Math.floor(price * qty * FEE);
}

Deno.test("a limit buy crossing the best ask fills there and charges value plus truncated fee at D+2", async (t) => {
  const { market, exchange, account } = setup(OPEN_FRIDAY);
  const ask = market.book(SAMSUNG).asks[0];
  assert.ok(ask);
  const qty = Math.min(7, ask.qty);
  const result = exchange.placeOrder(samsung("buy", qty, ask.price));
  assert.ok(result.ok);

  await t.step("the order fills completely at the ask", () => {
    assert.equal(result.order.filledQty, qty);
    assert.equal(result.order.filledAmount, ask.price * qty);
    assert.equal(result.order.remaining, 0);
    assert.deepEqual(result.notices.map((n) => n.kind), ["ack", "fill"]);
  });

  await t.step("cash stays settled until D+2; orderable cash drops at once", () => {
    assert.equal(account.deposit, 100_000_000);
    assert.equal(exchange.orderableCash(ACCOUNT), 100_000_000 - buyCost(ask.price, qty));
    assert.equal(account.holdings.get(SAMSUNG)?.qty, qty);
  });

  await t.step("the payment settles on the second trading day (Tue 2026-12-01)", () => {
    exchange.sync(new Date("2026-11-30T01:00:00Z"));
    assert.equal(account.deposit, 100_000_000);
    exchange.sync(new Date("2026-12-01T01:00:00Z"));
    assert.equal(account.deposit, 100_000_000 - buyCost(ask.price, qty));
  });
});

Deno.test("a round trip nets fees on both sides and the 2026 KOSPI sell tax of 0.20 %", () => {
  const { market, exchange, account } = setup(OPEN_FRIDAY);
  const ask = market.book(SAMSUNG).asks[0];
  assert.ok(ask);
  const qty = Math.min(10, ask.qty);
  assert.ok(
    exchange.placeOrder(samsung("buy", qty)).ok,
  );
  exchange.sync(new Date(OPEN_FRIDAY.getTime() + 60_000));
  const bid = market.book(SAMSUNG).bids[0];
  assert.ok(bid && bid.qty >= qty);
  const sell = exchange.placeOrder(samsung("sell", qty));
  assert.ok(sell.ok);
  assert.equal(sell.order.filledAmount, bid.price * qty);
  const proceeds = bid.price * qty - Math.floor(bid.price * qty * FEE) -
    Math.floor(bid.price * qty * 0.002);
  exchange.sync(new Date("2026-12-01T01:00:00Z"));
  assert.equal(account.deposit, 100_000_000 - buyCost(ask.price, qty) + proceeds);
  assert.equal(account.holdings.has(SAMSUNG), false);
});

Deno.test("a buy larger than the best level fills partially, rests, and its remainder can be cancelled", async (t) => {
  const { market, exchange } = setup(OPEN_FRIDAY, "real", RICH);
  const ask = market.book(SAMSUNG).asks[0];
  assert.ok(ask);
  const result = exchange.placeOrder(samsung("buy", ask.qty + 5, ask.price));
  assert.ok(result.ok);
  const order = result.order;

  await t.step("only the best level's quantity fills", () => {
    assert.equal(order.filledQty, ask.qty);
    assert.equal(order.remaining, 5);
  });

  await t.step("the open remainder keeps its cash reserved", () => {
    const expected = RICH - buyCost(ask.price, ask.qty) - buyCost(ask.price, 5);
    assert.equal(exchange.orderableCash(ACCOUNT), expected);
  });

  await t.step("cancelling frees the reservation and journals a cancel row", () => {
    const cancel = exchange.reviseOrCancel(cancelAll(order.odno));
    assert.ok(cancel.ok);
    assert.equal(cancel.order.action, "cancel");
    assert.equal(cancel.order.originalOdno, order.odno);
    assert.equal(cancel.order.qty, 5);
    assert.equal(order.remaining, 0);
    assert.equal(exchange.orderableCash(ACCOUNT), RICH - buyCost(ask.price, ask.qty));
  });

  await t.step("cancelling again is refused: nothing is left to cancel", () => {
    const again = exchange.reviseOrCancel(cancelAll(order.odno));
    assert.ok(!again.ok);
    assert.equal(again.error.msgCd, "APBK0915");
  });
});

Deno.test("a market buy walks the book level by level", () => {
  const { market, exchange } = setup(OPEN_FRIDAY, "real", RICH);
  const [first, second, third] = market.book(SAMSUNG).asks;
  assert.ok(first && second && third);
  const qty = first.qty + second.qty + 1;
  const result = exchange.placeOrder(samsung("buy", qty));
  assert.ok(result.ok);
  assert.deepEqual(result.order.fills.map((f) => [f.price, f.qty]), [
    [first.price, first.qty],
    [second.price, second.qty],
    [third.price, 1],
  ]);
  assert.equal(
    result.order.filledAmount,
    first.price * first.qty + second.price * second.qty + third.price,
  );
});

Deno.test("limit prices off the tick grid or outside ±30 % are rejected", async (t) => {
  const { market, exchange } = setup(OPEN_FRIDAY);
  const quote = market.quote(SAMSUNG);
  const { upper, lower } = priceLimits(quote.base);
  const order = (price: number) => exchange.placeOrder(samsung("buy", 1, price));

  await t.step("one won off the grid", () => {
    const result = order(quote.tick * 200 + 1);
    assert.ok(!result.ok);
    assert.equal(result.error.msgCd, "APBK0504");
  });

  await t.step("one tick above the upper limit and one below the lower limit", () => {
    for (const price of [upper + quote.tick, lower - quote.tick]) {
      const result = order(price);
      assert.ok(!result.ok);
      assert.equal(result.error.msgCd, "APBK0505");
    }
  });

  await t.step("exactly at the limits is accepted", () => {
    assert.ok(order(upper).ok);
    assert.ok(order(lower).ok);
  });

  await t.step("nothing filled or reserved by the rejected ones", () => {
    assert.equal(exchange.orders(ACCOUNT).length, 2);
  });
});

Deno.test("orders outside the session get KIS's code and message, and change nothing", async (t) => {
  const cases: { name: string; start: string; env: SimEnv; msgCd: string; msg1: string }[] = [
    {
      name: "real, after the close (16:00)",
      start: "2026-11-27T07:00:00Z",
      env: "real",
      msgCd: "APBK0918",
      msg1: "장운영시간이 아닙니다.",
    },
    {
      name: "mock, after the close",
      start: "2026-11-27T07:00:00Z",
      env: "vts",
      msgCd: "40580000",
      msg1: "모의투자 장종료 입니다.",
    },
    {
      name: "mock, before the open (07:00)",
      start: "2026-11-26T22:00:00Z",
      env: "vts",
      msgCd: "40570000",
      msg1: "모의투자 장시작전 입니다.",
    },
    {
      name: "mock, opening auction (08:45)",
      start: "2026-11-26T23:45:00Z",
      env: "vts",
      msgCd: "40570000",
      msg1: "모의투자 장시작전 입니다.",
    },
    {
      name: "real, Saturday",
      start: "2026-11-28T01:00:00Z",
      env: "real",
      msgCd: "APBK0919",
      msg1: "장운영일자가 주문일과 상이합니다",
    },
  ];
  for (const c of cases) {
    await t.step(c.name, () => {
      const { exchange, account } = setup(new Date(c.start), c.env);
      const result = exchange.placeOrder(samsung("buy", 1));
      assert.ok(!result.ok);
      assert.equal(result.error.msgCd, c.msgCd);
      assert.equal(result.error.msg1, c.msg1);
      assert.equal(exchange.orders(ACCOUNT).length, 0);
      assert.equal(account.holdings.size, 0);
      assert.equal(exchange.orderableCash(ACCOUNT), 100_000_000);
    });
  }
});

Deno.test("a real-account order in the opening auction rests and fills at the 09:00 opening price", () => {
  const { market, exchange, account } = setup(new Date("2026-11-26T23:45:00Z"));
  const { upper } = priceLimits(market.quote(SAMSUNG).base);
  const result = exchange.placeOrder(samsung("buy", 3, upper));
  assert.ok(result.ok);
  assert.equal(result.order.filledQty, 0);
  exchange.sync(new Date("2026-11-27T00:00:01Z"));
  const open = market.quote(SAMSUNG).open;
  assert.deepEqual(result.order.fills.map((f) => [f.price, f.qty]), [[open, 3]]);
  assert.equal(account.holdings.get(SAMSUNG)?.qty, 3);
});

Deno.test("a buy beyond orderable cash is refused with the env's insufficient-cash answer", async (t) => {
  for (const [env, msgCd] of [["real", "APBK0952"], ["vts", "40250000"]] as const) {
    await t.step(env, () => {
      const { market, exchange, account } = setup(OPEN_FRIDAY, env, 1_000_000);
      const ask = market.book(SAMSUNG).asks[0];
      assert.ok(ask);
      const affordable = Math.floor(1_000_000 / (ask.price * (1 + FEE)));
      assert.equal(exchange.maxBuyQty(ACCOUNT, market.symbol(SAMSUNG)!, ask.price), affordable);
      const result = exchange.placeOrder(samsung("buy", affordable + 1, ask.price));
      assert.ok(!result.ok);
      assert.equal(result.error.msgCd, msgCd);
      assert.equal(exchange.orders(ACCOUNT).length, 0);
      assert.equal(account.deposit, 1_000_000);
    });
  }
});

Deno.test("a market buy reserves at the upper limit, so it can be refused although the fill would fit", () => {
  const { market, exchange } = setup(OPEN_FRIDAY, "real", 1_000_000);
  const quote = market.quote(SAMSUNG);
  const atUpper = Math.floor(1_000_000 / (quote.upper * (1 + FEE)));
  const result = exchange.placeOrder(samsung("buy", atUpper + 1));
  assert.ok((atUpper + 1) * quote.last < 1_000_000);
  assert.ok(!result.ok);
  assert.equal(result.error.msgCd, "APBK0952");
});

Deno.test("selling more than held is refused; open orders expire at the end of the day", async (t) => {
  const { market, exchange } = setup(OPEN_FRIDAY);
  await t.step("no holdings: the sell is refused", () => {
    const result = exchange.placeOrder(samsung("sell", 1));
    assert.ok(!result.ok);
    assert.equal(result.error.msgCd, "APBK0986");
  });
  await t.step("a resting order below the market is gone the next trading day", () => {
    const { lower } = priceLimits(market.quote(SAMSUNG).base);
    const result = exchange.placeOrder(samsung("buy", 2, lower));
    assert.ok(result.ok);
    exchange.sync(new Date("2026-11-30T01:00:00Z"));
    assert.equal(result.order.remaining, 0);
    assert.equal(result.order.cancelledQty, 2 - result.order.filledQty);
    assert.equal(
      exchange.orderableCash(ACCOUNT),
      100_000_000 - buyCost(lower, result.order.filledQty),
    );
  });
});

Deno.test("an unknown account or symbol is refused with KIS's codes", () => {
  const { exchange } = setup(OPEN_FRIDAY);
  const badAccount = exchange.placeOrder({ ...samsung("buy", 1), accountId: "99999999-01" });
  assert.ok(!badAccount.ok);
  assert.equal(badAccount.error.msgCd, "APAC0081");
  const badSymbol = exchange.placeOrder({ ...samsung("buy", 1), code: "999999" });
  assert.ok(!badSymbol.ok);
  assert.equal(badSymbol.error.msgCd, "APBK0656");
});

Deno.test("seeded past fills are filled journal rows on earlier trading days, oldest first", () => {
  const { exchange, account } = setup(OPEN_FRIDAY);
  exchange.seedFills(ACCOUNT, 25);
  const rows = exchange.orders(ACCOUNT);
  assert.equal(rows.length, 25);
  for (let i = 1; i < rows.length; i++) {
    assert.ok((rows[i]?.orderedAt.getTime() ?? 0) > (rows[i - 1]?.orderedAt.getTime() ?? 0));
    assert.ok((rows[i]?.odno ?? "") > (rows[i - 1]?.odno ?? ""));
  }
  assert.deepEqual([...new Set(rows.map((r) => r.date))], [
    "2026-11-24",
    "2026-11-25",
    "2026-11-26",
  ]);
  assert.ok(rows.every((r) => r.remaining === 0 && r.filledQty === r.qty));
  assert.equal(account.deposit, 100_000_000);
  assert.equal(account.holdings.size, 0);
});
