import assert from "node:assert/strict";
import { isOnTick, priceLimits } from "../../core/krx/mod.ts";
import { SimMarket } from "../../core/kis-sim/market.ts";
import { OPEN_SESSION as START } from "../_support/simulator.ts";

const market = (seed: number) => new SimMarket({ seed, start: START });

Deno.test("the same seed gives the same history, tape and book; another seed does not", () => {
  const a = market(42);
  const b = market(42);
  const c = market(43);
  for (const symbol of a.symbols) {
    assert.deepEqual(a.dailyBars(symbol.code), b.dailyBars(symbol.code));
    assert.deepEqual(a.path(symbol.code)?.prices, b.path(symbol.code)?.prices);
    assert.deepEqual(a.book(symbol.code), b.book(symbol.code));
  }
  const closes = (m: SimMarket) => m.dailyBars("005930").map((bar) => bar.close);
  assert.notDeepEqual(closes(a), closes(c));
});

Deno.test("the universe has real codes and names, including an ETF", () => {
  const names = new Map<string, string>(market(1).symbols.map((s) => [s.code, s.name]));
  assert.equal(names.get("005930"), "삼성전자");
  assert.equal(names.get("000660"), "SK하이닉스");
  assert.equal(names.get("035420"), "NAVER");
  assert.equal(names.get("035720"), "카카오");
  assert.equal(names.get("005380"), "현대차");
  assert.equal(names.get("051910"), "LG화학");
  assert.equal(market(1).symbol("069500")?.kind, "etf");
});

Deno.test("every daily bar is on the tick grid and inside ±30 % of the previous close", () => {
  const m = market(42);
  let limitDays = 0;
  for (const symbol of m.symbols) {
    const bars = m.dailyBars(symbol.code);
    assert.ok(bars.length >= 750, "about three years of history");
    for (let i = 1; i < bars.length; i++) {
      const bar = bars[i];
      const previous = bars[i - 1];
      assert.ok(bar && previous);
      const { upper, lower } = priceLimits(previous.close, { instrument: symbol.kind });
      for (const price of [bar.open, bar.high, bar.low, bar.close]) {
        assert.ok(
          isOnTick(price, { instrument: symbol.kind }),
          `${symbol.code} ${bar.date} ${price} off grid`,
        );
        assert.ok(
          price >= lower && price <= upper,
          `${symbol.code} ${bar.date} ${price} outside limits`,
        );
      }
      assert.ok(
        bar.high >= Math.max(bar.open, bar.close) && bar.low <= Math.min(bar.open, bar.close),
      );
      if (bar.close === upper || bar.close === lower) limitDays += 1;
    }
  }
  assert.ok(limitDays > 0, "some days close at a price limit");
});

Deno.test("daily history skips weekends and holidays and ends the trading day before the start", () => {
  const bars = market(1).dailyBars("005930");
  const last = bars.at(-1);
  assert.equal(last?.date, "2026-11-27", "today's bar once trading started");
  assert.equal(bars.at(-2)?.date, "2026-11-26");
  for (const bar of bars) {
    const weekday = new Date(`${bar.date}T00:00:00Z`).getUTCDay();
    assert.ok(weekday !== 0 && weekday !== 6, `${bar.date} is a weekend`);
  }
  assert.ok(!bars.some((bar) => bar.date === "2026-09-25"), "Chuseok 2026 is a holiday");
});

Deno.test("today's tape stays on the grid within the day's limits and volatility clusters", () => {
  const m = market(42);
  for (const symbol of m.symbols) {
    const path = m.path(symbol.code);
    assert.ok(path);
    assert.equal(path.prices.length, path.times.length);
    const { upper, lower } = priceLimits(path.base, { instrument: symbol.kind });
    for (const price of path.prices) {
      assert.ok(isOnTick(price, { instrument: symbol.kind }) && price >= lower && price <= upper);
    }
  }
  const moves = (m: SimMarket) => {
    const bars = m.dailyBars("000660");
    return bars.slice(1).map((bar, i) =>
      Math.abs(Math.log(bar.close / (bars[i]?.close ?? bar.close)))
    );
  };
  const r = moves(m);
  const mean = r.reduce((s, x) => s + x, 0) / r.length;
  let lagged = 0;
  let variance = 0;
  for (let i = 1; i < r.length; i++) {
    lagged += ((r[i] ?? 0) - mean) * ((r[i - 1] ?? 0) - mean);
    variance += ((r[i] ?? 0) - mean) ** 2;
  }
  assert.ok(lagged / variance > 0.05, "absolute returns are autocorrelated (clustering)");
});

Deno.test("advancing returns each event once, in time order, and the quote follows the tape", () => {
  const m = market(5);
  const before = m.eventsDone("005930");
  const prints = m.advanceTo(new Date(START.getTime() + 60_000));
  assert.equal(m.eventsDone("005930") - before, 12);
  assert.equal(prints.length, 12 * m.symbols.length);
  for (let i = 1; i < prints.length; i++) {
    assert.ok((prints[i]?.at.getTime() ?? 0) >= (prints[i - 1]?.at.getTime() ?? 0));
  }
  const last = prints.filter((p) => p.symbol.code === "005930").at(-1);
  assert.equal(m.quote("005930").last, last?.path.prices[last.k]);
  assert.deepEqual(m.advanceTo(new Date(START.getTime() + 60_000)), []);
});

Deno.test("minute bars aggregate the tape; the closing auction is its own 15:30 bar", () => {
  const m = market(5);
  m.advanceTo(new Date("2026-11-27T06:40:00Z"));
  const bars = m.minuteBars("005930");
  const path = m.path("005930");
  assert.ok(path);
  assert.equal(bars.length, (6 * 60 + 20) + 1, "one a minute 09:00–15:19, then 15:30");
  assert.equal(bars[0]?.time, "090000");
  assert.equal(bars.at(-1)?.time, "153000");
  const open = path.openingAuction;
  const first12 = Array.from(path.prices.slice(open, open + 12));
  assert.equal(bars[0]?.high, Math.max(...first12));
  assert.equal(bars[0]?.close, first12[11]);
});

Deno.test("the tape keeps both venues' hours: Nextrade's pre- and after-market around KRX's session", async (t) => {
  const at = (path: { times: Float64Array }, k: number) =>
    new Date(path.times[k] ?? 0).toISOString().slice(11, 19);
  await t.step("an ordinary day: 08:00–08:50 and 15:30–20:00 for a symbol Nextrade lists", () => {
    const path = market(5).path("005930");
    assert.ok(path);
    assert.equal(path.openingAuction, 50 * 12, "one trade every 5 s in the pre-market");
    assert.deepEqual([at(path, 0), at(path, path.openingAuction - 1)], ["23:00:00", "23:49:55"]);
    assert.deepEqual([at(path, path.openingAuction), at(path, path.closingAuction)], [
      "00:00:00",
      "06:30:00",
    ]);
    assert.deepEqual([at(path, path.closingAuction + 1), at(path, path.times.length - 1)], [
      "06:30:00",
      "10:59:55",
    ]);
  });
  await t.step(
    "the pre-market starts at the previous close, the after-market at KRX's close",
    () => {
      const path = market(5).path("005930");
      assert.ok(path);
      const near = (price: number, reference: number) => Math.abs(price / reference - 1) < 0.01;
      assert.ok(near(path.prices[0] ?? 0, path.base));
      const close = path.prices[path.closingAuction] ?? 0;
      assert.ok(near(path.prices[path.closingAuction + 1] ?? 0, close));
    },
  );
  await t.step("a symbol Nextrade does not list trades in KRX's session only", () => {
    const path = market(5).path("069500");
    assert.ok(path);
    assert.equal(path.openingAuction, 0);
    assert.equal(path.closingAuction, path.times.length - 1);
  });
  await t.step("the exam day: no pre-market, KRX 10:00–16:30, the after-market from 16:30", () => {
    const path = new SimMarket({ seed: 5, start: new Date("2026-11-19T00:00:00Z") }).path("005930");
    assert.ok(path);
    assert.equal(path.openingAuction, 0);
    assert.deepEqual([at(path, 0), at(path, path.closingAuction)], ["01:00:00", "07:30:00"]);
    assert.equal(at(path, path.closingAuction + 1), "07:30:00");
  });
});
