import type { IsoDate } from "../krx/mod.ts";
import { type Bars, IndicatorCache } from "../strategies/mod.ts";
import { CostModel } from "./cost_model.ts";
import { crossKernel, K, KERNEL_FIELDS, type KernelInput, LOG_WIDTH } from "./cross_kernel.ts";
import { metricsFromPath } from "./metrics.ts";
import type { BacktestOptions } from "./options.ts";
import type { Metrics, Trade } from "./types.ts";

/**
 * Runs ma-cross over one symbol at a time through {@link crossKernel}, reusing its buffers, for
 * `backtestMarket` and sweeps. Each answer equals the general engine's (targets from
 * `maCross`, then `summarize`) or is `null` where the kernel cannot promise that (fills at the
 * close, closes or opens that are not whole won, sums beyond the exact integer range); callers
 * then use the general engine.
 */
export class CrossRunner {
  readonly #options: BacktestOptions;
  readonly #costs: CostModel;
  readonly #out = new Float64Array(KERNEL_FIELDS.length);
  #log = new Float64Array(0);
  readonly #cache: IndicatorCache;
  #prefix = new Float64Array(1);
  #taxUnits: Float64Array | null = null;
  #bars: Bars | null = null;

  /**
   * A runner for one set of options. Share `costs` to share its tax tables, and `cache` so that
   * each SMA period is computed once per symbol however many pairs run on it.
   */
  constructor(
    options: BacktestOptions,
    costs = new CostModel(options.market, options.feeRate, options.taxRate),
    cache = new IndicatorCache(),
  ) {
    this.#options = options;
    this.#costs = costs;
    this.#cache = cache;
  }

  /** Metrics of ma-cross(fast, slow) on `bars`, or `null` where the general engine must run. */
  metrics(bars: Bars, fast: number, slow: number): Metrics | null {
    const taxUnits = this.#select(bars);
    if (taxUnits === null) return null;
    const n = bars.close.length;
    const out = this.#out;
    const input: KernelInput = {
      bars,
      prefix: this.#prefix,
      fastSma: this.#cache.sma(bars, fast),
      slowSma: this.#cache.sma(bars, slow),
      taxUnits,
      options: this.#options,
      costs: this.#costs,
    };
    crossKernel(input, out, this.#log);
    if ((out[K.equitySum] as number) > Number.MAX_SAFE_INTEGER) return null;
    const tally = {
      closed: out[K.closed] as number,
      wins: out[K.wins] as number,
      losses: out[K.losses] as number,
      won: out[K.won] as number,
      lost: out[K.lost] as number,
    };
    return metricsFromPath(
      {
        initialCash: this.#options.cash,
        exposedBars: out[K.exposedBars] as number,
        trades: tally,
        feesPaid: out[K.feesPaid] as number,
        taxPaid: out[K.taxPaid] as number,
        tradedValue: out[K.tradedValue] as number,
        blockedOrders: out[K.blockedOrders] as number,
      },
      n,
      out[K.finalEquity] as number,
      {
        shift: 0,
        shiftedSum: out[K.returnSum] as number,
        shiftedSquares: out[K.returnSquares] as number,
        downSquares: out[K.downSquares] as number,
        equitySum: out[K.equitySum] as number,
        maxDrawdown: out[K.maxDrawdown] as number,
        longestUnderwater: out[K.longestUnderwater] as number,
      },
    );
  }

  /** The round trips of the last {@link metrics} call that returned metrics, the open one last. */
  trades(symbol: string): Trade[] {
    const bars = this.#bars;
    if (bars === null) return [];
    const log = this.#log;
    const count = this.#out[K.trades] as number;
    const closed = this.#out[K.closed] as number;
    const dates = bars.dates;
    const trades: Trade[] = [];
    for (let i = 0; i < count; i++) {
      const at = i * LOG_WIDTH;
      const qty = log[at + 2] as number;
      const entry = {
        symbol,
        entryDate: dates[log[at] as number] as IsoDate,
        entryPrice: Math.round((log[at + 1] as number) / qty),
      };
      if (i < closed) {
        trades.push({
          ...entry,
          exitDate: dates[log[at + 4] as number] as IsoDate,
          exitPrice: log[at + 5] as number,
          qty,
          pnl: log[at + 6] as number,
        });
      } else {
        const last = bars.close[bars.close.length - 1] as number;
        trades.push({
          ...entry,
          exitDate: null,
          exitPrice: null,
          qty,
          pnl: last * qty - (log[at + 3] as number),
        });
      }
    }
    return trades;
  }

  /** Prepares the prefix sum for new bars; their tax units, or `null` when the kernel cannot run. */
  #select(bars: Bars): Float64Array | null {
    if (this.#bars === bars) return this.#taxUnits;
    this.#bars = bars;
    this.#taxUnits = null;
    const n = bars.close.length;
    if (this.#options.fill !== "open" || n === 0) return null;
    if (this.#prefix.length !== n + 1) this.#prefix = new Float64Array(n + 1);
    if (this.#log.length < LOG_WIDTH * (n + 1)) this.#log = new Float64Array(LOG_WIDTH * (n + 1));
    if (!wholeWonPrefix(bars, this.#prefix)) return null;
    this.#taxUnits = this.#costs.taxUnitsByBar(bars.dates);
    return this.#taxUnits;
  }
}

/** Running totals of the closes into `prefix`; true when every open and close is positive whole won. */
function wholeWonPrefix(bars: Bars, prefix: Float64Array): boolean {
  const { open, close } = bars;
  let sum = 0;
  let fractional = 0;
  prefix[0] = 0;
  for (let i = 0; i < close.length; i++) {
    const c = close[i] as number;
    const o = open[i] as number;
    fractional += Math.abs(c - Math.round(c)) + Math.abs(o - Math.round(o)) + +!(c > 0);
    sum += c;
    prefix[i + 1] = sum;
  }
  return fractional === 0 && sum <= Number.MAX_SAFE_INTEGER;
}
