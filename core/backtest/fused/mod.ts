/**
 * Fused backtests: a strategy's signal and the engine's fills, costs and metric sums in one pass
 * over the bars, for strategies that offer a {@link FusedSignal}. A fused run must give the general
 * engine's results to the bit (tests/backtest/fused/contract_test.ts proves it for every strategy
 * in the registry that offers one) or decline with `null`, and the general engine runs instead.
 *
 * When a fill, cost or metric rule changes, change both paths and the contract test together:
 * - **Fill timing and price**: engine.ts `simulate`/`execute` and `crossKernel`'s order block both
 *   call `fillPrice` (fill_price.ts); a new input to it (bar field, option) must reach both.
 * - **Which orders wait**: limits, locked limits and zero volume are decided in `fillPrice`; the
 *   kernel counts a wait in `blockedOrders` exactly where `execute` does.
 * - **Sizing**: `buyBudget` and `Ledger.affordable` (engine) against the kernel's all-in
 *   shortcut and its `buy` countdown; both must reach the same whole-share quantity.
 * - **Costs**: `CostModel.fee`/`tax` (through `Ledger`) against the kernel's `feeUnits` and
 *   `taxUnitsByBar` products with their fall-back to the model beyond 2^53.
 * - **Metrics**: `pathStats` and `metricsFromPath` (metrics.ts) against the kernel's running sums
 *   (returns, squares, downside, equity sum, drawdown, underwater run, exposure, tallies); a new
 *   metric needs a slot in `KERNEL_FIELDS` and a line in `CrossRunner.metrics`.
 * - **Trades and fills**: `Ledger.buy`/`sell`/`openTrade` against `LOG_FIELDS` and trade_log.ts.
 * - **Options the kernel does not model** make {@link fusedRun}'s runner decline; add them to
 *   `fusedOptions` below rather than approximating them.
 * @module
 */
import type { Bars, Strategy } from "../../strategies/mod.ts";
import type { BacktestOptions } from "../options.ts";
import type { FillRecord, Metrics, Trade } from "../types.ts";
import { CrossRunner, type FusedRunSettings } from "./cross_runner.ts";

export type { FusedRunSettings } from "./cross_runner.ts";

/** A strategy's fused kernel bound to one set of options, run symbol by symbol. */
export interface FusedRun<P> {
  /**
   * The general engine's metrics for `params` on `bars`, or `null` where the kernel cannot promise
   * them (the caller then runs the general engine). With `equity` (as long as the bars), the
   * equity at each close is written there.
   */
  metrics(bars: Bars, params: P, equity?: Float64Array): Metrics | null;
  /** Round trips of the last run that gave metrics, as the engine lists them. */
  trades(symbol: string): Trade[];
  /** Fills of the last run that gave metrics, as the engine journals them. */
  fills(symbol: string): FillRecord[];
}

/**
 * The fused run of `strategy` under `options`, or `null` when the strategy offers no fused
 * kernel or the options ask for something no kernel models.
 */
export function fusedRun<P>(
  strategy: Strategy<P>,
  options: BacktestOptions,
  settings: FusedRunSettings = {},
): FusedRun<P> | null {
  const signalOf = strategy.fusedSignal;
  if (signalOf === undefined || !fusedOptions(options)) return null;
  // One kernel so far; a second kind of signal picks its runner here.
  const runner = new CrossRunner(options, settings);
  return {
    metrics(bars, params, equity) {
      const signal = signalOf(params);
      switch (signal.kind) {
        case "sma-cross":
          return runner.metrics(bars, signal.fast, signal.slow, equity ?? null);
      }
    },
    trades: (symbol) => runner.trades(symbol),
    fills: (symbol) => runner.fills(symbol),
  };
}

/** Whether the fused kernels model every option set: they fill only at the next open. */
function fusedOptions(options: BacktestOptions): boolean {
  return options.fill === "open";
}
