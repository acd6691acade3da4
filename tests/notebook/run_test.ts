import assert from "node:assert/strict";
import { backtestOptions, runBacktest } from "@/core/backtest/mod.ts";
import {
  backtest,
  backtestReport,
  compare,
  drawdowns,
  HOLD,
  NotebookInputError,
  seededBars,
} from "@/core/notebook/mod.ts";
import { maCross, StrategyParamsError } from "@/core/strategies/mod.ts";

const [samsung, hynix] = seededBars({ symbols: ["005930", "000660"], days: 250 });

Deno.test("a notebook backtest gives the engine's numbers and the buy-and-hold curve", () => {
  const result = backtest([samsung!], { params: { fast: 5, slow: 20 } });
  const direct = runBacktest(
    samsung!.bars,
    maCross.targets(samsung!.bars, { fast: 5, slow: 20 }),
    backtestOptions(),
    "005930",
  );
  assert.deepEqual(result.metrics, direct.metrics);
  assert.deepEqual(result.equity.map((p) => p.equity), [...direct.equity]);
  assert.deepEqual(result.benchmarkEquity.map((p) => p.equity), [...direct.benchmark.equity]);
  assert.deepEqual(result.params, { fast: 5, slow: 20 });
});

Deno.test("the hold strategy buys on the first fill and never sells", () => {
  const result = backtest([samsung!], { strategy: HOLD });
  assert.equal(result.trades.length, 1);
  assert.equal(result.trades[0]!.entryDate, samsung!.bars.dates[1]);
  assert.equal(result.trades[0]!.exitDate, null);
  assert.equal(result.metrics.trades, 0, "no closed round trip");
});

Deno.test("several series are one portfolio; rebalancing changes its trading", () => {
  const never = backtest([samsung!, hynix!], { strategy: HOLD });
  const monthly = backtest([samsung!, hynix!], { strategy: HOLD, rebalanceEvery: 20 });
  assert.ok(monthly.metrics.feesPaid > never.metrics.feesPaid);
  assert.equal(never.equity.length, samsung!.bars.dates.length);
});

Deno.test("bad input names the field at fault", () => {
  assert.throws(
    () => backtest([samsung!], { params: { fast: 30, slow: 10 } }),
    StrategyParamsError,
  );
  assert.throws(
    () => backtest([samsung!], { options: { cash: -1 } }),
    (error: unknown) => error instanceof NotebookInputError && /cash/.test(error.message),
  );
  assert.throws(
    () => backtest([samsung!], { strategy: "momentum" }),
    (error: unknown) => error instanceof NotebookInputError && /strategy/.test(error.message),
  );
  assert.throws(() => backtest([]), RangeError);
});

Deno.test("drawdown is the fall from the running peak", () => {
  assert.deepEqual(drawdowns([100, 120, 90, 130]), [0, 0, -0.25, 0]);
});

Deno.test("a backtest report has its metric cards, three charts, and the trade list", () => {
  const result = backtest([samsung!], { params: { fast: 5, slow: 20 } });
  const output = backtestReport(result);
  const html = output.bundle["text/html"]!;
  assert.equal((html.match(/<svg /g) ?? []).length, 3, "equity, drawdown and candles");
  assert.ok(html.includes("Sharpe"));
  assert.ok(html.includes(`최대 낙폭`));
  assert.ok(html.includes(`<td data-v="005930"`), "the trades table lists the symbol");
  assert.match(
    output.bundle["text/plain"],
    /^backtest ma-cross \{"fast":5,"slow":20\} on 005930\n/,
  );
  const portfolio = backtestReport(backtest([samsung!, hynix!], { strategy: HOLD }));
  assert.equal((portfolio.markup.match(/<svg /g) ?? []).length, 2, "no candles for a portfolio");
});

Deno.test("compare puts each result in a row and its growth on one date axis", () => {
  const short = backtest([{ symbol: "005930", bars: { ...samsung!.bars } }], {});
  const output = compare({ "MA": short, "Hold": backtest([samsung!], { strategy: HOLD }) });
  const html = output.markup;
  assert.equal((html.match(/<svg /g) ?? []).length, 2);
  assert.match(output.bundle["text/plain"], /^전략 +최종 자산/);
  assert.match(output.bundle["text/plain"], /\nMA /);
  assert.match(output.bundle["text/plain"], /\nHold /);
  assert.throws(() => compare({}), RangeError);
});
