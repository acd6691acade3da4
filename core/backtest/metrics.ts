import type { Metrics, Trade } from "./types.ts";

/** Trading days per year used to annualise. */
export const TRADING_DAYS_PER_YEAR = 252;

/** What {@link computeMetrics} needs from a finished run. */
export interface MetricsInput {
  readonly initialCash: number;
  /** Equity marked at each close. */
  readonly equity: Float64Array;
  /** Closes at which a position was held. */
  readonly exposedBars: number;
  /** Round trips; only closed ones (non-null `exitDate`) count towards trade statistics. */
  readonly trades: readonly Trade[];
  readonly feesPaid: number;
  readonly taxPaid: number;
  readonly tradedValue: number;
  readonly blockedOrders: number;
}

/**
 * Computes the metrics documented in docs/backtest.md. Daily returns run from the starting cash
 * to the first close, then close to close; sample standard deviation; risk-free rate 0.
 */
export function computeMetrics(input: MetricsInput): Metrics {
  const { initialCash, equity } = input;
  const n = equity.length;
  const finalEquity = n === 0 ? initialCash : equity[n - 1] as number;
  const returns = returnStats(initialCash, equity);
  const drawdown = drawdownStats(initialCash, equity);
  const years = n / TRADING_DAYS_PER_YEAR;
  const growth = finalEquity / initialCash;
  const cagr = n === 0 ? 0 : growth <= 0 ? -1 : growth ** (1 / years) - 1;
  const annual = Math.sqrt(TRADING_DAYS_PER_YEAR);
  const trades = tradeStats(input.trades);
  return {
    initialCash,
    finalEquity,
    totalReturn: growth - 1,
    cagr,
    volatility: returns.std * annual,
    sharpe: returns.std > 0 ? returns.mean / returns.std * annual : null,
    sortino: returns.downside > 0 ? returns.mean / returns.downside * annual : null,
    maxDrawdown: drawdown.max,
    maxDrawdownDuration: drawdown.longest,
    calmar: drawdown.max > 0 ? cagr / drawdown.max : null,
    ...trades,
    exposure: n === 0 ? 0 : input.exposedBars / n,
    turnover: returns.meanEquity > 0 ? input.tradedValue / returns.meanEquity : 0,
    feesPaid: input.feesPaid,
    taxPaid: input.taxPaid,
    blockedOrders: input.blockedOrders,
  };
}

interface ReturnStats {
  mean: number;
  std: number;
  downside: number;
  meanEquity: number;
}

function returnStats(initialCash: number, equity: Float64Array): ReturnStats {
  const n = equity.length;
  let previous = initialCash;
  let sum = 0;
  let equitySum = 0;
  for (let t = 0; t < n; t++) {
    const e = equity[t] as number;
    sum += e / previous - 1;
    equitySum += e;
    previous = e;
  }
  const mean = n === 0 ? 0 : sum / n;
  previous = initialCash;
  let squares = 0;
  let downSquares = 0;
  for (let t = 0; t < n; t++) {
    const e = equity[t] as number;
    const r = e / previous - 1;
    const d = r - mean;
    const loss = Math.min(r, 0);
    squares += d * d;
    downSquares += loss * loss;
    previous = e;
  }
  if (n < 2) return { mean, std: 0, downside: 0, meanEquity: n === 0 ? 0 : equitySum / n };
  return {
    mean,
    std: Math.sqrt(squares / (n - 1)),
    downside: Math.sqrt(downSquares / (n - 1)),
    meanEquity: equitySum / n,
  };
}

function drawdownStats(
  initialCash: number,
  equity: Float64Array,
): { max: number; longest: number } {
  let peak = initialCash;
  let max = 0;
  let run = 0;
  let longest = 0;
  for (let t = 0; t < equity.length; t++) {
    const e = equity[t] as number;
    if (e >= peak) {
      peak = e;
      run = 0;
    } else {
      run++;
      if (run > longest) longest = run;
      const fall = 1 - e / peak;
      if (fall > max) max = fall;
    }
  }
  return { max, longest };
}

function tradeStats(trades: readonly Trade[]) {
  let closed = 0;
  let wins = 0;
  let losses = 0;
  let won = 0;
  let lost = 0;
  for (const trade of trades) {
    if (trade.exitDate === null) continue;
    closed++;
    if (trade.pnl > 0) {
      wins++;
      won += trade.pnl;
    } else if (trade.pnl < 0) {
      losses++;
      lost += trade.pnl;
    }
  }
  return {
    trades: closed,
    winRate: closed === 0 ? null : wins / closed,
    averageWin: wins === 0 ? 0 : Math.round(won / wins),
    averageLoss: losses === 0 ? 0 : Math.round(lost / losses),
    profitFactor: losses === 0 ? null : won / -lost,
  };
}
