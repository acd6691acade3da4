import assert from "node:assert/strict";
import { BrokerError } from "../../../core/broker/mod.ts";
import { parseIsoDate, parseSymbolCode } from "../../../core/krx/mod.ts";
import { startE2e } from "./_e2e.ts";

const SAMSUNG = parseSymbolCode("005930");
const TODAY = parseIsoDate("2026-11-27");

async function rejection(promise: Promise<unknown>): Promise<BrokerError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  assert.ok(error instanceof BrokerError, `expected a BrokerError, got ${error}`);
  return error;
}

Deno.test("daily orders page through every tr_cont page: all rows, in order, none twice", async (t) => {
  const cases = [
    // 250 rows at 100 a page (real); 250 at 15 a page (mock); 1,200 rows reach past the three
    // months KIS serves from TTTC0081R, so the archive TR (CTSC9215R) pages the rest.
    { env: "real", rows: 250, from: "2026-09-01", pages: 3 },
    { env: "vts", rows: 250, from: "2026-09-01", pages: 17 },
    { env: "real", rows: 1200, from: "2025-11-01", pages: null },
  ] as const;
  for (const { env, rows, from, pages } of cases) {
    await t.step(`${env}, ${rows} rows`, async () => {
      await using e2e = await startE2e({ env, rateLimit: false }, { requestsPerSecond: 100 });
      const { sim, broker } = e2e;
      sim.market.seedFills(sim.credentials.account, rows);
      const journal = sim.market.orders();
      assert.equal(journal.length, rows);
      const before = sim.stats.requests;
      const orders = await broker.getOrders({ from: parseIsoDate(from), to: TODAY });
      assert.deepEqual(orders.map((o) => o.orderNo), journal.map((o) => o.odno));
      assert.equal(new Set(orders.map((o) => o.orderNo)).size, rows);
      const keys = orders.map((o) => `${o.date} ${o.time} ${o.orderNo}`);
      assert.deepEqual(keys, [...keys].sort());
      for (const [i, order] of orders.entries()) {
        const row = journal[i]!;
        assert.equal(order.symbol, row.symbol.code);
        assert.equal(order.quantity, row.qty);
        assert.equal(order.filledQuantity, row.filledQty);
        assert.equal(order.side, row.side);
      }
      if (pages !== null) assert.equal(sim.stats.requests - before, pages);
    });
  }
});

Deno.test("holdings page through inquire-balance with CTX_AREA_FK100/NK100", async () => {
  await using e2e = await startE2e({ rateLimit: false, pageSizes: { balance: 2 } }, {
    requestsPerSecond: 100,
  });
  const { sim, broker } = e2e;
  const codes = ["005930", "000660", "035420", "035720", "005380"].map(parseSymbolCode);
  for (const [i, symbol] of codes.entries()) {
    await broker.placeOrder({ type: "market", side: "buy", symbol, quantity: i + 1 });
  }
  const before = sim.stats.requests;
  const balance = await broker.getBalance();
  assert.equal(sim.stats.requests - before, 3);
  assert.deepEqual(
    balance.holdings.map((h) => [h.symbol, h.quantity]).sort(),
    codes.map((code, i) => [code, i + 1]).sort(),
  );
});

Deno.test("a burst of 100 requests from two brokers on one app key stays inside the KIS budget", async () => {
  // KIS allows 18/s and the client keeps to 15/s; both are doubled here to keep the test short.
  await using e2e = await startE2e({ rateLimit: 36 }, { requestsPerSecond: 30 });
  const { sim, broker } = e2e;
  const other = e2e.newBroker();
  await broker.getQuote(SAMSUNG);
  const before = { requests: sim.stats.requests, limited: sim.stats.rateLimited };
  const codes = sim.market.symbols().map((s) => parseSymbolCode(s.code));
  const quotes = await Promise.all(
    Array.from(
      { length: 100 },
      (_, i) => (i % 2 === 0 ? broker : other).getQuote(codes[i % codes.length]!),
    ),
  );
  assert.equal(quotes.length, 100);
  assert.equal(sim.stats.rateLimited - before.limited, 0, "the simulator answered EGW00201");
  assert.equal(sim.stats.requests - before.requests, 100, "no request was repeated");
  for (const [i, quote] of quotes.entries()) assert.equal(quote.symbol, codes[i % codes.length]);
});

Deno.test("faults: the client retries what it promises to and nothing else", async (t) => {
  await using e2e = await startE2e({ rateLimit: false }, { requestsPerSecond: 100 });
  const { sim, broker } = e2e;
  await broker.getQuote(SAMSUNG);

  await t.step("an HTTP 500 burst on a query is retried until it answers", async () => {
    const before = sim.stats.requests;
    sim.faults.inject({ kind: "http500", count: 2 });
    const quote = await broker.getQuote(SAMSUNG);
    assert.equal(quote.price, sim.market.price(SAMSUNG));
    assert.equal(sim.stats.requests - before, 3);
  });

  await t.step(
    "an HTTP 500 on an order is a server error, and the order is not resent",
    async () => {
      const before = sim.stats.requests;
      sim.faults.inject({ kind: "http500", count: 1 });
      const error = await rejection(
        broker.placeOrder({ type: "market", side: "buy", symbol: SAMSUNG, quantity: 1 }),
      );
      assert.equal(error.category, "server");
      assert.equal(sim.stats.requests - before, 1);
      assert.equal(sim.market.orders().length, 0);
    },
  );

  await t.step(
    "an EGW00201 burst never reaches the caller, and an order goes out once",
    async () => {
      const before = { requests: sim.stats.requests, limited: sim.stats.rateLimited };
      sim.faults.inject({ kind: "rateLimit", count: 2 });
      await broker.getQuote(SAMSUNG);
      sim.faults.inject({ kind: "rateLimit", count: 1 });
      const ack = await broker.placeOrder({
        type: "market",
        side: "buy",
        symbol: SAMSUNG,
        quantity: 1,
      });
      assert.equal(sim.stats.rateLimited - before.limited, 3);
      assert.equal(sim.stats.requests - before.requests, 5);
      assert.deepEqual(sim.market.orders().map((o) => o.odno), [ack.orderNo]);
    },
  );

  await t.step("slow answers are waited for", async () => {
    sim.faults.inject({ kind: "slow", ms: 300, count: 2 });
    const [quote, balance] = await Promise.all([broker.getQuote(SAMSUNG), broker.getBalance()]);
    assert.equal(quote.price, sim.market.price(SAMSUNG));
    assert.equal(balance.holdings.find((h) => h.symbol === SAMSUNG)?.quantity, 1);
  });

  await t.step(
    "an expired token is replaced once the issuance interval allows, then retried",
    async () => {
      assert.equal(sim.stats.tokenIssuances, 1);
      sim.faults.inject({ kind: "expireToken" });
      const pending = broker.getQuote(SAMSUNG);
      // The token was issued moments ago; the client may issue again only after 5 minutes.
      sim.clock.advance(5 * 60_000);
      const quote = await pending;
      assert.equal(quote.price, sim.market.price(SAMSUNG));
      assert.equal(sim.stats.tokenIssuances, 2);
    },
  );
});
