import type { Bars } from "../../strategies/mod.ts";
import type { CostModel } from "../cost_model.ts";
import { costModelFor } from "../ledger.ts";
import { metricsFromPath } from "../metrics.ts";
import type { BacktestOptions } from "../options.ts";
import type { FillRecord, Metrics, Trade } from "../types.ts";
import {
  crossKernel,
  KERNEL_FIELDS,
  KERNEL_SLOT,
  type KernelInput,
  LOG_WIDTH,
} from "./cross_kernel.ts";
import { fillsFromLog, type TradeLog, tradesFromLog } from "./trade_log.ts";

/** How a fused run shares its cost model and whether it keeps a trade log. */
export interface FusedRunSettings {
  /** One model for many runs shares its tax tables; default: a new one for the options. */
  readonly costs?: CostModel;
  /** Whether trades and fills can be listed after a run (default true; sweeps need neither). */
  readonly keepTrades?: boolean;
}

/** Window sums below this times the other period keep the cross-multiplied comparison exact. */
const SEPARATED = 2 ** 52;

/**
 * Runs ma-cross over one symbol at a time through {@link crossKernel}, reusing its buffers, for
 * `backtestMarket` and sweeps. Each answer equals the general engine's (targets from
 * `maCross`, then `summarize`) or is `null` where the kernel cannot promise that (fills at the
 * close, opens or closes that are not positive whole won, sums beyond the exact integer range,
 * periods that are not whole numbers ≥ 1); callers then use the general engine.
 *
 * Instead of the SMAs the kernel compares window sums of the closes cross-multiplied by the
 * periods: the same decisions without a division per bar and period. Each period's sums are
 * taken once per symbol from one prefix sum however many pairs run on it.
 */
export class CrossRunner {
  readonly #options: BacktestOptions;
  readonly #costs: CostModel;
  readonly #out = new Float64Array(KERNEL_FIELDS.length);
  #log = new Float64Array(0);
  #prefix = new Float64Array(1);
  readonly #windowSums = new Map<number, { bars: Bars | null; sums: Float64Array }>();
  #taxUnits: Float64Array | null = null;
  #bars: Bars | null = null;
  readonly #keepTrades: boolean;

  /**
   * A runner for one set of options; share `costs` to share its tax tables. With `keepTrades`
   * false (sweeps) the kernel skips its trade log and {@link trades} and {@link fills} throw.
   */
  constructor(options: BacktestOptions, settings: FusedRunSettings = {}) {
    this.#options = options;
    this.#costs = settings.costs ?? costModelFor(options);
    this.#keepTrades = settings.keepTrades ?? true;
  }

  /**
   * Metrics of ma-cross(fast, slow) on `bars`, or `null` where the general engine must run; with
   * `equity` (as long as the bars) the equity at each close is written there too.
   */
  metrics(
    bars: Bars,
    fast: number,
    slow: number,
    equity: Float64Array | null = null,
  ): Metrics | null {
    if (!isPeriod(fast) || !isPeriod(slow)) return null;
    const taxUnits = this.#select(bars);
    if (taxUnits === null) return null;
    const n = bars.close.length;
    if ((this.#prefix[n] as number) * Math.max(fast, slow) >= SEPARATED) return null;
    const out = this.#out;
    const input: KernelInput = {
      bars,
      prefix: this.#prefix,
      fast,
      slow,
      fastSum: this.#windowSum(bars, fast),
      slowSum: this.#windowSum(bars, slow),
      taxUnits,
      options: this.#options,
      costs: this.#costs,
      equity,
    };
    crossKernel(input, out, this.#keepTrades ? this.#log : null);
    if ((out[KERNEL_SLOT.equitySum] as number) > Number.MAX_SAFE_INTEGER) return null;
    const tally = {
      closed: out[KERNEL_SLOT.closed] as number,
      wins: out[KERNEL_SLOT.wins] as number,
      losses: out[KERNEL_SLOT.losses] as number,
      won: out[KERNEL_SLOT.won] as number,
      lost: out[KERNEL_SLOT.lost] as number,
    };
    return metricsFromPath(
      {
        initialCash: this.#options.cash,
        exposedBars: out[KERNEL_SLOT.exposedBars] as number,
        trades: tally,
        feesPaid: out[KERNEL_SLOT.feesPaid] as number,
        taxPaid: out[KERNEL_SLOT.taxPaid] as number,
        tradedValue: out[KERNEL_SLOT.tradedValue] as number,
        blockedOrders: out[KERNEL_SLOT.blockedOrders] as number,
      },
      n,
      out[KERNEL_SLOT.finalEquity] as number,
      {
        shift: 0,
        shiftedSum: out[KERNEL_SLOT.returnSum] as number,
        shiftedSquares: out[KERNEL_SLOT.returnSquares] as number,
        downSquares: out[KERNEL_SLOT.downSquares] as number,
        equitySum: out[KERNEL_SLOT.equitySum] as number,
        maxDrawdown: out[KERNEL_SLOT.maxDrawdown] as number,
        longestUnderwater: out[KERNEL_SLOT.longestUnderwater] as number,
      },
    );
  }

  /** The round trips of the last {@link metrics} call that returned metrics, the open one last. */
  trades(symbol: string): Trade[] {
    return tradesFromLog(this.#journal(), symbol);
  }

  /** The fills of the last {@link metrics} call that returned metrics, in order. */
  fills(symbol: string): FillRecord[] {
    return fillsFromLog(this.#journal(), symbol);
  }

  #journal(): TradeLog {
    if (!this.#keepTrades) throw new Error("this CrossRunner was made without keepTrades");
    const out = this.#out;
    return {
      bars: this.#bars,
      log: this.#log,
      count: out[KERNEL_SLOT.trades] as number,
      closed: out[KERNEL_SLOT.closed] as number,
    };
  }

  /** Prepares the prefix sum for new bars; their tax units, or `null` when the kernel cannot run. */
  #select(bars: Bars): Float64Array | null {
    if (this.#bars === bars) return this.#taxUnits;
    this.#bars = bars;
    this.#taxUnits = null;
    const n = bars.close.length;
    if (this.#options.fill !== "open" || n === 0) return null;
    if (this.#prefix.length !== n + 1) this.#prefix = new Float64Array(n + 1);
    if (this.#keepTrades && this.#log.length < LOG_WIDTH * (n + 1)) {
      this.#log = new Float64Array(LOG_WIDTH * (n + 1));
    }
    if (!wholeWonPrefix(bars, this.#prefix)) return null;
    this.#taxUnits = this.#costs.taxUnitsByBar(bars.dates);
    return this.#taxUnits;
  }

  /** Sums of the last `period` closes of the selected bars, memoised per period. */
  #windowSum(bars: Bars, period: number): Float64Array {
    const n = bars.close.length;
    let entry = this.#windowSums.get(period);
    if (entry === undefined || entry.sums.length !== n) {
      entry = { bars: null, sums: new Float64Array(n) };
      this.#windowSums.set(period, entry);
    }
    if (entry.bars !== bars) {
      windowSums(this.#prefix, period, entry.sums);
      entry.bars = bars;
    }
    return entry.sums;
  }
}

function isPeriod(period: number): boolean {
  return Number.isInteger(period) && period >= 1;
}

/**
 * Running totals of the closes into `prefix`; true when every open and close is positive whole
 * won and the total is an exact integer. The early exit keeps the loop free of a carried check
 * (summing fractions or taking a running minimum took 1.4 to 3 times as long).
 */
function wholeWonPrefix(bars: Bars, prefix: Float64Array): boolean {
  const { open, close } = bars;
  let sum = 0;
  prefix[0] = 0;
  for (let i = 0; i < close.length; i++) {
    const c = close[i] as number;
    const o = open[i] as number;
    // Whole and ≥ 1 is whole and positive; NaN fails, an infinity fails the sum check below.
    if (!(c >= 1 && o >= 1 && Math.floor(c) === c && Math.floor(o) === o)) return false;
    sum += c;
    prefix[i + 1] = sum;
  }
  return sum <= Number.MAX_SAFE_INTEGER;
}

/** `out[t]` = the sum of closes t − period + 1 … t from the prefix; NaN while fewer exist. */
function windowSums(prefix: Float64Array, period: number, out: Float64Array): void {
  const n = out.length;
  const warmUp = period - 1 < n ? period - 1 : n;
  out.fill(NaN, 0, warmUp);
  for (let t = warmUp; t < n; t++) {
    out[t] = (prefix[t + 1] as number) - (prefix[t + 1 - period] as number);
  }
}
