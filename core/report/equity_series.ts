/**
 * The account's equity curve against a benchmark, from the daily reports' equity and PnL, today's
 * live balance when today has no report yet, and the benchmark's daily closes; both normalised to
 * 1.0 at the first date they share, so they can be overlaid. Pure. docs/reports.md.
 * @module
 */
import type { Balance } from "../broker/types.ts";
import type { IsoDate } from "../krx/mod.ts";
import type { EquityRow } from "./repository.ts";

/** The benchmark the curve is compared with: the KOSPI 200 ETF. */
export const EQUITY_BENCHMARK = { symbol: "069500", name: "KODEX 200" } as const;

/** One day of the account's curve; amounts in KRW, after every fee and tax paid. */
export interface EquityPoint {
  readonly date: IsoDate;
  readonly equity: number;
  readonly dayPnl: number;
  readonly cumulativePnl: number;
  /** A stored daily report's figures, or today's from the live balance. */
  readonly source: "report" | "live";
  /** `equity / equity at the base date`; null before the base date. */
  readonly normalised: number | null;
}

/** One day of the benchmark: its close and the close over the base date's. */
export interface BenchmarkPoint {
  readonly date: string;
  readonly close: number;
  readonly normalised: number | null;
}

/** The account's curve and the benchmark's over the same dates. */
export interface EquityHistory {
  readonly from: IsoDate;
  readonly to: IsoDate;
  /** The first date both series have (the first equity date without a benchmark); null when empty. */
  readonly baseDate: string | null;
  readonly points: EquityPoint[];
  /** Why today has no live point though it is in range and unreported (the broker failed); else null. */
  readonly liveReason: string | null;
  readonly benchmark: {
    readonly symbol: string;
    readonly name: string;
    readonly points: BenchmarkPoint[];
  } | null;
  /** Why the benchmark is null; null when it is there. */
  readonly benchmarkReason: string | null;
}

/** What {@link equityHistory} is computed from. */
export interface EquityHistoryInput {
  readonly from: IsoDate;
  readonly to: IsoDate;
  /** Today on the market's clock (KST). */
  readonly today: IsoDate;
  /** The reports' rows in range, oldest first. */
  readonly rows: readonly EquityRow[];
  /** The latest report before `from`, for today's day PnL when the range holds no report. */
  readonly before: EquityRow | null;
  /** Today's balance, or why it could not be read. */
  readonly live: { readonly ok: true; readonly value: Balance } | {
    readonly ok: false;
    readonly error: string;
  };
  /** The benchmark's daily closes in range, oldest first, or why there are none. */
  readonly bars: { readonly ok: true; readonly value: readonly BenchmarkBar[] } | {
    readonly ok: false;
    readonly error: string;
  };
}

/** A benchmark bar's date and close. */
export interface BenchmarkBar {
  readonly date: string;
  readonly close: number;
}

/**
 * The curve of `input`'s reports, plus today's live point when today is in range and has no
 * report: equity = settled cash (D+2) + Σ quantity × price, as the report computes it; its day PnL
 * against the latest report's equity and its cumulative PnL against that report's capital (with no
 * report at all, its own equity is the capital, as a first report's is, so both are 0).
 */
export function equityHistory(input: EquityHistoryInput): EquityHistory {
  const points: Omit<EquityPoint, "normalised">[] = input.rows.map((row) => ({
    date: row.date,
    equity: row.equity,
    dayPnl: row.day,
    cumulativePnl: row.cumulative,
    source: "report",
  }));
  const wantsLive = input.today >= input.from && input.today <= input.to &&
    !input.rows.some((row) => row.date === input.today);
  let liveReason: string | null = null;
  if (wantsLive && input.live.ok) {
    const latest = input.rows.filter((row) => row.date < input.today).at(-1) ?? input.before;
    const equity = liveEquity(input.live.value);
    points.push({
      date: input.today,
      equity,
      dayPnl: latest === null ? 0 : equity - latest.equity,
      cumulativePnl: latest === null ? 0 : equity - latest.capital,
      source: "live",
    });
  } else if (wantsLive && !input.live.ok) {
    liveReason = input.live.error;
  }

  const bars = input.bars.ok ? input.bars.value.filter((bar) => bar.close > 0) : [];
  const closes = new Map(bars.map((bar) => [bar.date, bar.close]));
  const common = points.find((point) => closes.has(point.date))?.date ?? null;
  const baseDate = common ?? points[0]?.date ?? null;
  const baseEquity = points.find((point) => point.date === baseDate)?.equity ?? 0;
  const benchmarkReason = !input.bars.ok
    ? input.bars.error
    : bars.length === 0
    ? `the broker has no daily bars of ${EQUITY_BENCHMARK.symbol} in this range`
    : points.length > 0 && common === null
    ? `no date has both a report and a bar of ${EQUITY_BENCHMARK.symbol}`
    : null;
  const baseClose = common === null ? bars[0]?.close ?? 0 : closes.get(common)!;
  return {
    from: input.from,
    to: input.to,
    baseDate,
    points: points.map((point) => ({
      ...point,
      normalised: baseDate !== null && point.date >= baseDate
        ? ratio(point.equity, baseEquity)
        : null,
    })),
    liveReason,
    benchmark: benchmarkReason !== null ? null : {
      ...EQUITY_BENCHMARK,
      points: bars.map((bar) => ({
        date: bar.date,
        close: bar.close,
        normalised: baseDate === null || bar.date >= baseDate ? ratio(bar.close, baseClose) : null,
      })),
    },
    benchmarkReason,
  };
}

/** The balance's equity as a report computes it: settled cash (D+2) and every holding's value. */
export function liveEquity(balance: Balance): number {
  return balance.holdings
    .filter((holding) => holding.quantity > 0)
    .reduce(
      (total, holding) => total + holding.price * holding.quantity,
      balance.summary.settledCashD2,
    );
}

/** `part / whole` to six decimals; null when `whole` is not positive. */
function ratio(part: number, whole: number): number | null {
  return whole > 0 ? Math.round((part / whole) * 1e6) / 1e6 : null;
}
