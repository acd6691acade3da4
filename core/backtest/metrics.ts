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
  /**
   * Round trips (only closed ones, with a non-null `exitDate`, count towards trade statistics),
   * or their tally when the trades themselves were not kept.
   */
  readonly trades: readonly Trade[] | TradeTally;
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
  return metricsFromPath(input, n, finalEquity, pathStats(initialCash, equity));
}

/**
 * The metrics from sums over an equity curve of `n` closes instead of the curve itself, for
 * kernels that accumulate {@link PathStats} as they go; `computeMetrics` ends here too.
 */
export function metricsFromPath(
  input: Omit<MetricsInput, "equity">,
  n: number,
  finalEquity: number,
  path: PathStats,
): Metrics {
  const { initialCash } = input;
  const mean = n === 0 ? 0 : path.shift + path.shiftedSum / n;
  const std = n < 2
    ? 0
    : Math.sqrt(Math.max(path.shiftedSquares - path.shiftedSum ** 2 / n, 0) / (n - 1));
  const downside = n < 2 ? 0 : Math.sqrt(path.downSquares / (n - 1));
  const years = n / TRADING_DAYS_PER_YEAR;
  const growth = finalEquity / initialCash;
  const cagr = n === 0 ? 0 : growth <= 0 ? -1 : growth ** (1 / years) - 1;
  const annual = Math.sqrt(TRADING_DAYS_PER_YEAR);
  const meanEquity = n === 0 ? 0 : path.equitySum / n;
  const { closed, wins, losses, won, lost } = Array.isArray(input.trades)
    ? tallyTrades(input.trades)
    : input.trades as TradeTally;
  // One literal with every field spelled out: sweeps build a quarter of a million of these, and a
  // spread into the literal made each a slower, differently shaped object.
  return {
    initialCash,
    finalEquity,
    totalReturn: growth - 1,
    cagr,
    volatility: std * annual,
    sharpe: std > 0 ? mean / std * annual : null,
    sortino: downside > 0 ? mean / downside * annual : null,
    maxDrawdown: path.maxDrawdown,
    maxDrawdownDuration: path.longestUnderwater,
    calmar: path.maxDrawdown > 0 ? cagr / path.maxDrawdown : null,
    trades: closed,
    winRate: closed === 0 ? null : wins / closed,
    averageWin: wins === 0 ? 0 : Math.round(won / wins),
    averageLoss: losses === 0 ? 0 : Math.round(lost / losses),
    profitFactor: losses === 0 ? null : won / -lost,
    exposure: n === 0 ? 0 : input.exposedBars / n,
    turnover: meanEquity > 0 ? input.tradedValue / meanEquity : 0,
    feesPaid: input.feesPaid,
    taxPaid: input.taxPaid,
    blockedOrders: input.blockedOrders,
  };
}

/** Sums and extremes over an equity curve, as {@link metricsFromPath} reads them. */
export interface PathStats {
  /** The first daily return; sums are taken around it to keep the variance well conditioned. */
  shift: number;
  shiftedSum: number;
  shiftedSquares: number;
  downSquares: number;
  equitySum: number;
  maxDrawdown: number;
  longestUnderwater: number;
}

/** One pass over the equity curve, free of data-dependent branches where the data is noisy. */
function pathStats(initialCash: number, equity: Float64Array): PathStats {
  const n = equity.length;
  const shift = n === 0 ? 0 : (equity[0] as number) / initialCash - 1;
  let previous = initialCash;
  let shiftedSum = 0;
  let shiftedSquares = 0;
  let downSquares = 0;
  let equitySum = 0;
  let peak = initialCash;
  let maxDrawdown = 0;
  let run = 0;
  let longestUnderwater = 0;
  for (let t = 0; t < n; t++) {
    const e = equity[t] as number;
    const r = e / previous - 1;
    const d = r - shift;
    const loss = (r - Math.abs(r)) * 0.5;
    shiftedSum += d;
    shiftedSquares += d * d;
    downSquares += loss * loss;
    equitySum += e;
    previous = e;
    peak = e > peak ? e : peak;
    const fall = 1 - e / peak;
    maxDrawdown = fall > maxDrawdown ? fall : maxDrawdown;
    run = e < peak ? run + 1 : 0;
    longestUnderwater = run > longestUnderwater ? run : longestUnderwater;
  }
  return {
    shift,
    shiftedSum,
    shiftedSquares,
    downSquares,
    equitySum,
    maxDrawdown,
    longestUnderwater,
  };
}

/** Counts and sums of closed round trips, enough for the trade statistics. */
export interface TradeTally {
  closed: number;
  wins: number;
  losses: number;
  /** Sum of winning pnl, KRW. */
  won: number;
  /** Sum of losing pnl, KRW (negative or 0). */
  lost: number;
}

/** Tallies the closed trades of a list. */
export function tallyTrades(trades: readonly Trade[]): TradeTally {
  const tally = { closed: 0, wins: 0, losses: 0, won: 0, lost: 0 };
  for (const trade of trades) {
    if (trade.exitDate !== null) addToTally(tally, trade.pnl);
  }
  return tally;
}

/** Adds one closed trade's pnl to a tally. */
export function addToTally(tally: TradeTally, pnl: number): void {
  tally.closed++;
  if (pnl > 0) {
    tally.wins++;
    tally.won += pnl;
  } else if (pnl < 0) {
    tally.losses++;
    tally.lost += pnl;
  }
}
